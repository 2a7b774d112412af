// Sweep range forms: {log: [lo, hi, n]} (n points equally spaced in log10), {linear: [lo, hi, n]}, {range: [first, last, step]} and {values: [...]}.
import { GdlabError, show } from '../core/errors.js';

export const RANGE_FORMS = ['log', 'linear', 'range', 'values'] as const;
export type RangeForm = (typeof RANGE_FORMS)[number];

/** Whether a spec node is a range form: an object with exactly one key, one of RANGE_FORMS, holding a list. */
export function isRangeForm(node: unknown): node is Record<RangeForm, unknown[]> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  const keys = Object.keys(node);
  return keys.length === 1 && (RANGE_FORMS as readonly string[]).includes(keys[0]) && Array.isArray((node as Record<string, unknown>)[keys[0]]);
}

/** 12 significant digits: generated grid values read as typed (0.1, not 0.30000000000000004); the value used is the one stored. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

const MAX_POINTS = 1_000_000;

/** The values a range form stands for; `field` names the spec field in errors. */
export function rangeValues(node: Record<RangeForm, unknown[]>, field: string): unknown[] {
  const form = Object.keys(node)[0] as RangeForm;
  const args = node[form];
  const where = `${field}.${form}`;
  if (form === 'values') {
    if (args.length === 0) throw new GdlabError(`${where}: must list at least one value (got [])`);
    return args;
  }
  const [a, b, c] = args;
  const nums = args.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (form === 'range') {
    if (!nums || (args.length !== 2 && args.length !== 3)) throw new GdlabError(`${where}: must be [first, last] or [first, last, step] of finite numbers (got ${show(args)})`);
    const step = (c as number | undefined) ?? 1;
    const count = Math.floor(((b as number) - (a as number)) / step + 1e-9) + 1;
    if (!(step > 0) || !(count >= 1)) throw new GdlabError(`${where}: needs step > 0 and first ≤ last (got ${show(args)})`);
    if (count > MAX_POINTS) throw new GdlabError(`${where}: ${count} values is more than ${MAX_POINTS} (got ${show(args)})`);
    return Array.from({ length: count }, (_, i) => tidy((a as number) + i * step));
  }
  if (!nums || args.length !== 3 || !Number.isSafeInteger(c) || (c as number) < 1 || (c as number) > MAX_POINTS) {
    throw new GdlabError(`${where}: must be [lo, hi, count] with finite lo, hi and an integer count in 1…${MAX_POINTS} (got ${show(args)})`);
  }
  const [lo, hi, n] = args as number[];
  if (form === 'linear') return Array.from({ length: n }, (_, i) => tidy(n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
  if (!(lo > 0 && hi > 0)) throw new GdlabError(`${where}: lo and hi must be > 0 (got ${show(args)})`);
  const [e0, e1] = [Math.log10(lo), Math.log10(hi)];
  // The ends are the numbers written, not 10^log10(x), which can be off by an ulp.
  return Array.from({ length: n }, (_, i) => (i === 0 ? lo : i === n - 1 ? hi : tidy(10 ** (e0 + ((e1 - e0) * i) / (n - 1)))));
}
