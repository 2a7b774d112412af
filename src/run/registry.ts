// The registry: the one map from the names a spec may use (data generators, models, algorithms, inits) to the code that builds them.
import { z } from 'zod';
import { GdlabError, show } from '../core/errors.js';
import { parseWith } from '../spec/validate.js';

export interface Entry<Ctx, T> {
  /** One line for --help and docs. */
  readonly summary: string;
  /** The entry's own options (a strict object: unknown fields are errors). */
  readonly options: z.ZodObject;
  make(options: Record<string, unknown>, ctx: Ctx): T;
}

export type Registry<Ctx, T> = Record<string, Entry<Ctx, T>>;

/** A validated choice from a registry: the entry's name and its options. */
export interface Component {
  readonly name: string;
  readonly options: Record<string, unknown>;
}

// .strict() builds a new schema that zod compiles again on each parse: make it once per entry (C4 parses thousands of specs).
const strictSchemas = new WeakMap<z.ZodObject, z.ZodObject>();
function strictOf(o: z.ZodObject): z.ZodObject {
  let s = strictSchemas.get(o);
  if (s === undefined) strictSchemas.set(o, (s = o.strict()));
  return s;
}

/** Look the entry up by `value[discriminator]` (a bare string is the name alone) and validate the rest with its schema. */
export function check<Ctx, T>(registry: Registry<Ctx, T>, value: unknown, field: string, discriminator: string): Component {
  if (typeof value === 'string') value = { [discriminator]: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GdlabError(`${field}: must be an object with a "${discriminator}" field (got ${show(value)})`);
  }
  const { [discriminator]: name, ...rest } = value as Record<string, unknown>;
  if (typeof name !== 'string' || !Object.hasOwn(registry, name)) {
    throw new GdlabError(`${field}.${discriminator}: unknown ${discriminator} (got ${show(name)}); expected one of ${Object.keys(registry).join(', ')}`);
  }
  const options = parseWith(strictOf(registry[name].options), rest, field) as Record<string, unknown>;
  return { name, options };
}

export function build<Ctx, T>(registry: Registry<Ctx, T>, c: Component, ctx: Ctx): T {
  return registry[c.name].make(c.options, ctx);
}

export function describe<Ctx, T>(registry: Registry<Ctx, T>): string {
  const names = Object.keys(registry);
  const width = Math.max(...names.map((n) => n.length));
  return names.map((n) => `  ${n.padEnd(width)}  ${registry[n].summary}`).join('\n');
}
