// Reductions composed from reduceTo (scatter-add): sum over all entries or one axis, mean, and the inner product Σ a⊙b.
import { GdlabError } from '../../core/errors.js';
import { showShape, type Tensor } from '../../tensor/index.js';
import { mul } from '../ops/mul.js';
import { reshape } from '../ops/reshape.js';
import { scale } from '../ops/scale.js';
import type { Var } from '../var.js';
import { reduceTo } from './broadcast.js';

/** Σ of all entries (shape []), or over one axis (that axis removed). */
export function sum(x: Tensor, axis?: number): Var {
  if (axis === undefined) return reduceTo(x, []);
  const r = x.shape.length;
  const k = axis < 0 ? axis + r : axis;
  if (!Number.isInteger(k) || k < 0 || k >= r) throw new GdlabError(`sum: no axis ${axis} in shape ${showShape(x.shape)}`);
  const kept = x.shape.map((d, i) => (i === k ? 1 : d));
  return reshape(reduceTo(x, kept), x.shape.filter((_, i) => i !== k));
}

/** Mean of all entries, or over one axis. */
export function mean(x: Tensor, axis?: number): Var {
  const n = axis === undefined ? x.data.length : x.shape[axis < 0 ? axis + x.shape.length : axis];
  return scale(sum(x, axis), 1 / n);
}

/** Σ a⊙b (shape []). */
export function dot(a: Tensor, b: Tensor): Var {
  return sum(mul(a, b));
}
