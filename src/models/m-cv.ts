// Two-layer "conv" model (P1): m_cv(b; c, v) = vᵀ(Σ_{j=1..k} c_j P^{j−1} b), P the cyclic shift by one; w = (c₁…c_k, v₁…v_d).
import { GdlabError } from '../core/errors.js';
import { kernels } from '../kernels/index.js';
import type { Model } from './model.js';

/**
 * The shifts act on v, never on the data: vᵀP^{j−1}b = (P^{−(j−1)}v)ᵀb, so the outputs are X·u with
 * u = Σ_j c_j P^{−(j−1)} v — one mat-vec, as for the linear model. With g = Xᵀcoef the pullback is
 * ∂/∂c_j = vᵀP^{j−1}g and ∂/∂v = Σ_j c_j P^{j−1} g — one transposed mat-vec.
 */
export function mCvModel(d: number, k: number): Model {
  if (!Number.isInteger(k) || k < 1 || k > d) throw new GdlabError(`model.k: must be an integer in [1, d = ${d}] (got ${k})`);
  const u = new Float64Array(d);
  const g = new Float64Array(d);
  const shifted = new Float64Array(d);
  return {
    name: `m-cv(k=${k})`,
    numParams: k + d,
    outputs: 1,
    homogeneity: 2,
    forward(w, data, out) {
      const K = kernels();
      const v = w.subarray(k);
      u.fill(0);
      for (let j = 0; j < k; j++) {
        K.roll(shifted, v, -j, d);
        K.axpy(w[j], shifted, u);
      }
      K.gemv(out, data.X, u);
      return undefined;
    },
    pullback(w, data, coef, out) {
      const K = kernels();
      const v = w.subarray(k);
      K.gemvT(g, data.X, coef);
      const dv = out.subarray(k);
      dv.fill(0);
      for (let j = 0; j < k; j++) {
        K.roll(shifted, g, j, d);
        out[j] = K.dot(v, shifted);
        K.axpy(w[j], shifted, dv);
      }
    },
    checkInit(w0) {
      if (w0.every((x) => x === 0)) {
        throw new GdlabError('init: w₀ = 0 is a saddle of m_cv (every gradient vanishes there); use normal, scaled or vector (got zeros)');
      }
    },
  };
}
