// Linear model (P0): m(b; v) = vᵀb, so the margins are X v and the pullback Σ c_i ∇m_i is Xᵀc.
import { kernels } from '../kernels/index.js';
import type { Model } from './model.js';

export function linearModel(d: number): Model {
  return {
    name: 'linear',
    numParams: d,
    outputs: 1,
    homogeneity: 1,
    forward(w, data, out) {
      kernels().gemv(out, data.X, w);
      return undefined;
    },
    pullback(_w, data, coef, out) {
      kernels().gemvT(out, data.X, coef);
    },
  };
}
