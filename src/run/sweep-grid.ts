// A sweep: a run spec in which any field may be a list or a range form; the runs are the Cartesian product of those axes, first axis slowest.
import { z } from 'zod';
import { GdlabError, show } from '../core/errors.js';
import { algorithms, dataSources, inits, models } from './components.js';
import { type RunSpec, parseRunSpec } from './run-spec.js';
import { isRangeForm, rangeValues } from './sweep-ranges.js';

export type ParamValue = string | number | boolean;
/** A run's coordinates in the grid: axis (a dotted spec path, e.g. "algorithm.step") → value. */
export type Params = Readonly<Record<string, ParamValue>>;

export interface SweepRun {
  readonly spec: RunSpec;
  readonly params: Params;
}

export interface SweepPlan {
  readonly name: string;
  /** The swept fields, in the order they appear in the spec. */
  readonly axes: readonly string[];
  readonly runs: readonly SweepRun[];
}

interface Choice {
  readonly value: unknown;
  readonly params: Record<string, ParamValue>;
}

/** Spec fields that are registry components, with the field naming the entry. */
export const COMPONENTS: Record<string, { readonly registry: Record<string, { readonly options: z.ZodObject }>; readonly discriminator: string }> = {
  data: { registry: dataSources, discriminator: 'source' },
  model: { registry: models, discriminator: 'kind' },
  algorithm: { registry: algorithms, discriminator: 'name' },
  init: { registry: inits, discriminator: 'kind' },
};

const MAX_RUNS = 1_000_000;

type TakesList = (rel: readonly string[], list: readonly unknown[]) => boolean;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const DISCRIMINATORS = new Set(Object.values(COMPONENTS).map((c) => c.discriminator));

/** A short label for a swept value: scalars as they are, objects as "name k=v …" (a component's name bare), lists as JSON. */
function label(v: unknown): ParamValue {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (!isPlainObject(v)) return JSON.stringify(v);
  return Object.entries(v).map(([k, x]) => (DISCRIMINATORS.has(k) ? String(x) : `${k}=${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)).join(' ');
}

function product(parts: readonly (readonly [string, readonly Choice[]])[], field: string): Choice[] {
  let acc: Choice[] = [{ value: {}, params: {} }];
  for (const [key, choices] of parts) {
    if (acc.length * choices.length > MAX_RUNS) throw new GdlabError(`${field || 'spec'}: the grid has more than ${MAX_RUNS} runs (got ${acc.length * choices.length} at ${key})`);
    acc = acc.flatMap((a) => choices.map((c) => ({ value: { ...(a.value as object), [key]: c.value }, params: { ...a.params, ...c.params } })));
  }
  return acc;
}

/** Every concrete value a node stands for: a range form or a list is an axis, unless the field itself takes that list. */
function expand(node: unknown, path: readonly string[], rel: readonly string[], takesList: TakesList): Choice[] {
  const field = path.join('.');
  const axis = (values: readonly unknown[]): Choice[] =>
    values.flatMap((v) => expand(v, path, rel, takesList).map((c) => ({ value: c.value, params: { [field]: label(c.value), ...c.params } })));
  if (isRangeForm(node)) return axis(rangeValues(node, field));
  if (Array.isArray(node)) {
    if (node.length === 0 || takesList(rel, node)) return [{ value: node, params: {} }];
    return axis(node);
  }
  if (!isPlainObject(node)) return [{ value: node, params: {} }];
  const component = path.length === 1 ? COMPONENTS[path[0]] : undefined;
  if (component === undefined || !(component.discriminator in node)) {
    return product(Object.entries(node).map(([k, v]) => [k, expand(v, [...path, k], [...rel, k], takesList)] as const), field);
  }
  // A component: settle its name first, then expand its options against that entry's schema.
  const { [component.discriminator]: name, ...rest } = node;
  return expand(name, [...path, component.discriminator], [component.discriminator], () => false).flatMap((n) => {
    const options = typeof n.value === 'string' && Object.hasOwn(component.registry, n.value) ? component.registry[n.value].options : undefined;
    const optionTakesList: TakesList = (r, list) => schemaTakesList(options, r, list);
    const parts = Object.entries(rest).map(([k, v]) => [k, expand(v, [...path, k], [k], optionTakesList)] as const);
    return product([[component.discriminator, [n]], ...parts], field);
  });
}

/** Whether the option at `rel` inside a component's options schema accepts `list` as its value. */
function schemaTakesList(schema: z.ZodType | undefined, rel: readonly string[], list: readonly unknown[]): boolean {
  let s: z.ZodType | undefined = schema;
  for (const k of rel) {
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    s = s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>)[k] : undefined;
  }
  return s !== undefined && s.safeParse(list).success;
}

/** Whether a top-level (non-component) field takes a list, e.g. record.at or metrics: try it alone in a minimal valid spec. */
function topTakesList(rel: readonly string[], list: readonly unknown[]): boolean {
  const probe: Record<string, unknown> = { data: { source: 'p0-two-points' }, algorithm: { name: 'batch-perceptron' } };
  let at = probe;
  rel.slice(0, -1).forEach((k) => (at = (at[k] = {}) as Record<string, unknown>));
  at[rel[rel.length - 1]] = list;
  try {
    parseRunSpec(probe);
    return true;
  } catch {
    return false;
  }
}

/** The grid points of a sweep spec (each a plain run spec value) with their coordinates. */
function expandGrid(raw: unknown): Choice[] {
  if (!isPlainObject(raw)) throw new GdlabError(`spec: must be a mapping with data, algorithm, … (got ${show(raw)})`);
  return expand(raw, [], [], topTakesList);
}

export function paramsLabel(params: Params): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
}

/** Expand and validate every run of a sweep before any runs: a bad point is one error line naming the run and the field. */
export function planSweep(raw: unknown, fallbackName: string): SweepPlan {
  const points = expandGrid(raw);
  const name = isPlainObject(raw) && typeof raw.name === 'string' ? raw.name : fallbackName;
  const axes = [...new Set(points.flatMap((p) => Object.keys(p.params)))];
  const runs = points.map((p, i) => {
    const where = paramsLabel(p.params);
    const value = p.value as Record<string, unknown>;
    try {
      return { spec: parseRunSpec({ ...value, name: where === '' ? name : `${name} [${where}]` }), params: p.params };
    } catch (e) {
      if (e instanceof GdlabError && points.length > 1) throw new GdlabError(`run ${i + 1} of ${points.length} (${where}): ${e.message}`);
      throw e;
    }
  });
  return { name, axes, runs };
}
