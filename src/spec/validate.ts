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

// Numbers are checked with custom predicates so NaN, Infinity, strings and missing values all get the same one-line message.
function numberWhere(ok: (x: number) => boolean, message: string) {
  return z.custom<number>((x) => typeof x === 'number' && ok(x), { message });
}

/** A finite float64 (rejects NaN, ±Infinity and strings). */
export const finite = numberWhere(Number.isFinite, 'must be a finite number');
export const positive = numberWhere((x) => Number.isFinite(x) && x > 0, 'must be a finite number > 0');
export const nonNegative = numberWhere((x) => Number.isFinite(x) && x >= 0, 'must be a finite number ≥ 0');
export const count = numberWhere((x) => Number.isSafeInteger(x) && x >= 1, 'must be an integer ≥ 1');
export const index = numberWhere((x) => Number.isSafeInteger(x) && x >= 0, 'must be an integer ≥ 0');
