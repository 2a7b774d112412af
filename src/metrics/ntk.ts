// Empirical NTK G = J Jᵀ (nM × nM, J = ∂F/∂w): dense from the explicit Jacobian, or products G·u = J(Jᵀu) from exact reverse-mode passes; λ_min, λ_max by symmetricEigen or Lanczos.
import { dot, layout, reshape, type Var, hvpFnFlat } from '../autodiff/index.js';
import type { Dataset } from '../data/dataset.js';
import { kernels } from '../kernels/index.js';
import { lanczos, symmetricEigenvalues } from '../linalg/index.js';
import type { Model } from '../models/model.js';
import { isDifferentiable } from './differentiable.js';
import { jacobian } from './jacobian.js';

/** G = J Jᵀ, row-major nM × nM. */
export function ntkMatrix(model: Model, data: Dataset, w: Float64Array): Float64Array {
  const rows = data.X.rows * model.outputs;
  const J = jacobian(model, data, w);
  const G = new Float64Array(rows * rows);
  kernels().matmul(G, J, J, rows, model.numParams, rows, false, true);
  return G;
}

/** All eigenvalues of G, ascending (dense: O((nM)²P + (nM)³)). */
export function ntkEigenvalues(model: Model, data: Dataset, w: Float64Array): Float64Array {
  return symmetricEigenvalues(ntkMatrix(model, data, w), data.X.rows * model.outputs);
}

/**
 * u ↦ G·u without forming G. For an autodiff model, with f(w, u) = uᵀF(w) the Hessian of f at (w, 0) is
 * [[0, Jᵀ], [J, 0]], so exact HVPs give Jᵀu = H(0, u)_w and J·v = H(v, 0)_u ("double VJP": J·v is the
 * pullback of the pullback); G·u costs two backward passes over one taped graph. Other models: the
 * explicit Jacobian (nM pullbacks, nM·P memory).
 */
export function ntkProduct(model: Model, data: Dataset, w: Float64Array): (u: Float64Array, out: Float64Array) => void {
  const rows = data.X.rows * model.outputs;
  const p = model.numParams;
  if (!isDifferentiable(model)) {
    const J = jacobian(model, data, w);
    const K = kernels();
    const v = new Float64Array(p);
    return (u, out) => {
      K.matmul(v, J, u, p, rows, 1, true, false);
      K.matmul(out, J, v, rows, p, 1, false, false);
    };
  }
  const X = model.input(data);
  const joint = layout([...model.layout.shapes, [rows]]);
  const f = (...params: Var[]): Var => dot(params[params.length - 1], reshape(model.expr(params.slice(0, -1), X), [rows]));
  const point = new Float64Array(joint.size);
  point.set(w);
  const h = hvpFnFlat(f, joint, point);
  const dir = new Float64Array(joint.size);
  const res = new Float64Array(joint.size);
  return (u, out) => {
    dir.fill(0);
    dir.set(u, p);
    h.hvp(dir, res);
    dir.fill(0);
    dir.set(res.subarray(0, p));
    h.hvp(dir, res);
    out.set(res.subarray(p));
  };
}

export interface NtkExtremes {
  readonly min: number;
  readonly max: number;
  readonly method: 'dense' | 'lanczos';
  /** Lanczos residuals met the tolerance (always true for dense). */
  readonly converged: boolean;
}

export interface NtkOptions {
  /** Largest nM solved densely; above it, Lanczos on G·u (default 400). */
  readonly denseLimit?: number;
  /** Lanczos Krylov dimension cap (default min(nM, 200)) and relative tolerance (default 1e-10). */
  readonly iterations?: number;
  readonly tol?: number;
}

/** λ_min(G) and λ_max(G). Lanczos finds λ_max fast; λ_min of an ill-conditioned G may need many iterations (see `converged`). */
export function ntkExtremes(model: Model, data: Dataset, w: Float64Array, o: NtkOptions = {}): NtkExtremes {
  const rows = data.X.rows * model.outputs;
  if (rows <= (o.denseLimit ?? 400)) {
    const ev = ntkEigenvalues(model, data, w);
    return { min: ev[0], max: ev[rows - 1], method: 'dense', converged: true };
  }
  const r = lanczos(ntkProduct(model, data, w), rows, 1, { which: 'both', iterations: o.iterations ?? Math.min(rows, 200), tol: o.tol ?? 1e-10 });
  return { min: (r.smallest as { values: Float64Array }).values[0], max: (r.largest as { values: Float64Array }).values[0], method: 'lanczos', converged: r.converged };
}
