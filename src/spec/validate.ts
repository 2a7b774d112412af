// Validation at the edge: parse outside input with a zod schema and turn the first problem into one line naming the field and the value.
import { z } from 'zod';
import { GdlabError, show } from '../core/errors.js';

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** For a union, report the branch that got furthest (the deepest path), which is the one the user meant. */
function deepest(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: Issue = issue;
  let depth = -1;
  for (const branch of issue.errors) {
    for (const sub of branch) {
      const inner = deepest({ ...sub, path: [...issue.path, ...sub.path] } as Issue);
      if (inner.path.length > depth) {
        best = inner;
        depth = inner.path.length;
      }
    }
  }
  return best;
}

export function fieldName(prefix: string, path: readonly PropertyKey[]): string {
  const parts = [prefix, ...path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].filter((p) => p !== '');
  return parts.join('.').replace(/\.\[/g, '[') || '(root)';
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = deepest(r.error.issues[0]);
  if (issue.code === 'unrecognized_keys') {
    return fail(`${fieldName(prefix, [...issue.path, issue.keys[0]])}: unknown field`, valueAt(value, [...issue.path, issue.keys[0]]));
  }
  const got = valueAt(value, issue.path);
  const msg = issue.message.replace(/^Invalid input: /, '');
  return fail(`${fieldName(prefix, issue.path)}: ${msg}`, got);
}

function fail(what: string, got: unknown): never {
  throw new GdlabError(`${what} (got ${show(got)})`);
}

/** A finite float64 (rejects NaN, ±Infinity and strings). */
export const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
export const positive = z.number().refine((x) => Number.isFinite(x) && x > 0, { message: 'must be a finite number > 0' });
export const nonNegative = z.number().refine((x) => Number.isFinite(x) && x >= 0, { message: 'must be a finite number ≥ 0' });
export const count = z.number().int({ message: 'must be an integer' }).min(1, { message: 'must be ≥ 1' });
export const index = z.number().int({ message: 'must be an integer' }).min(0, { message: 'must be ≥ 0' });
