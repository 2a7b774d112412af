// Sharpness: the top-k eigenvalues of the loss Hessian ∇²_w L(F(w)) by Lanczos (full reorthogonalisation) on exact Hessian–vector products (double backward over loss∘model).
import { hvpFnFlat, type Var } from '../autodiff/index.js';
import type { Dataset } from '../data/dataset.js';
import { lanczos, startVector } from '../linalg/index.js';
import type { Loss } from '../losses/loss.js';
import type { Model } from '../models/model.js';
import { asDifferentiable } from './differentiable.js';
import { lossExpression } from './loss-expression.js';

/** v ↦ ∇²L(w)·v, exact: the model's own hand-written product if it has one, else one taped gradient pass and one backward per product. */
export function lossHvp(model: Model, data: Dataset, loss: Loss, w: Float64Array, what = 'sharpness'): (v: Float64Array, out: Float64Array) => void {
  if (model.lossHvp) return model.lossHvp(w, data, loss);
  const dm = asDifferentiable(model, data.X.cols, what);
  const X = dm.input(data);
  const L = lossExpression(loss, data.y);
  const h = hvpFnFlat((...p: Var[]) => L(dm.expr(p, X)), dm.layout, Float64Array.from(w));
  return (v, out) => void h.hvp(v, out);
}

export interface HessianTop {
  /** The k algebraically largest eigenvalues, descending (values[0] is the sharpness λ_max(∇²L)). */
  readonly values: Float64Array;
  readonly converged: boolean;
  /** HVPs used. */
  readonly iterations: number;
}

export function hessianTopK(
  model: Model, data: Dataset, loss: Loss, w: Float64Array, k = 1, o: { iterations?: number; tol?: number } = {},
): HessianTop {
  const p = model.numParams;
  const r = lanczos(lossHvp(model, data, loss, w), p, k, {
    which: 'largest',
    iterations: o.iterations ?? Math.min(p, Math.max(100, 3 * k)),
    tol: o.tol ?? 1e-10,
    start: startVector(p, 0),
  });
  return { values: (r.largest as { values: Float64Array }).values, converged: r.converged, iterations: r.iterations };
}
