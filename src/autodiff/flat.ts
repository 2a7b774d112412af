// Flat parameter vectors: algorithms keep w as one Float64Array; a layout cuts it into shaped views (no copies) for autodiff.
import { GdlabError } from '../core/errors.js';
import { size, type Tensor } from '../tensor/index.js';
import { grad, hvpFn, vjpFn, type Fn } from './api.js';

export interface Layout {
  readonly shapes: readonly (readonly number[])[];
  /** Start of each parameter in the flat vector. */
  readonly offsets: readonly number[];
  /** Total length of the flat vector. */
  readonly size: number;
}

export function layout(shapes: readonly (readonly number[])[]): Layout {
  const offsets: number[] = [];
  let n = 0;
  for (const s of shapes) {
    offsets.push(n);
    n += size(s);
  }
  return { shapes: shapes.map((s) => s.slice()), offsets, size: n };
}

/** Shaped views into `w` (they share its memory). */
export function unflatten(lay: Layout, w: Float64Array): Tensor[] {
  if (w.length !== lay.size) throw new GdlabError(`parameters: flat vector of length ${w.length}, layout needs ${lay.size}`);
  return lay.shapes.map((shape, i) => ({ shape, data: w.subarray(lay.offsets[i], lay.offsets[i] + size(shape)) }));
}

/** Concatenate per-parameter arrays into `out`. */
export function flatten(lay: Layout, parts: readonly Float64Array[], out: Float64Array = new Float64Array(lay.size)): Float64Array {
  parts.forEach((p, i) => out.set(p, lay.offsets[i]));
  return out;
}

/** f(w) and ∇f(w) written into `out`. */
export function gradFlat(f: Fn, lay: Layout, w: Float64Array, out?: Float64Array): { value: number; grad: Float64Array } {
  const r = grad(f, unflatten(lay, w));
  return { value: r.value, grad: flatten(lay, r.grads, out) };
}

/** f(w) (any shape) and its pullback to flat vectors. */
export function vjpFnFlat(f: Fn, lay: Layout, w: Float64Array): { value: Tensor; pullback(cotangent: Float64Array, out?: Float64Array): Float64Array } {
  const p = vjpFn(f, unflatten(lay, w));
  return { value: p.value, pullback: (c, out) => flatten(lay, p.pullback(c), out) };
}

/** f(w), ∇f(w), and v ↦ H(w)·v (exact, one taped gradient pass shared by all calls) on flat vectors. */
export function hvpFnFlat(f: Fn, lay: Layout, w: Float64Array): { value: number; grad: Float64Array; hvp(v: Float64Array, out?: Float64Array): Float64Array } {
  const s = hvpFn(f, unflatten(lay, w));
  return {
    value: s.value,
    grad: flatten(lay, s.grads),
    hvp: (v, out) => flatten(lay, s.hvp(unflatten(lay, v).map((t) => t.data)), out),
  };
}

/** H(w)·v, exact. */
export function hvpFlat(f: Fn, lay: Layout, w: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
  return hvpFnFlat(f, lay, w).hvp(v, out);
}
