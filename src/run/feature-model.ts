// Models whose outputs are X·u(w) (linear: u = w; m_cv: u = Σ_j c_j P^{−(j−1)} v), for S runs at once: the runs' parameters are the columns of one matrix, so they share the products with X.
import { mCvModel } from '../models/m-cv.js';
import { linearModel } from '../models/linear.js';
import type { Model } from '../models/model.js';

/**
 * The outputs of run w are X·u(w) and its pullback is J_u(w)ᵀ·g with g = Xᵀcoef. Parameters of S runs are
 * held as a P×S row-major matrix W (column s is run s), the features as a d×S matrix U, and so on. Every
 * entry is computed by exactly the scalar operations of the single-run model (`model`), in its order, so a
 * run computed through here is bit for bit a run of `model`.
 */
export interface FeatureModel {
  /** The single-run model this one batches. */
  readonly model: Model;
  /** Length of u(w): the number of columns of X. */
  readonly d: number;
  /** U = [u(w_1) … u(w_S)] (d×S); returns U, or W itself when u(w) = w. */
  features(W: Float64Array, S: number, U: Float64Array): Float64Array;
  /** D = [J_u(w_s)ᵀ g_s] (P×S) from G = [g_1 … g_S] (d×S); returns D, or G itself when J_u = I. */
  pullback(W: Float64Array, G: Float64Array, S: number, D: Float64Array): Float64Array;
}

export function linearFeatures(d: number): FeatureModel {
  return { model: linearModel(d), d, features: (W) => W, pullback: (_W, G) => G };
}

/**
 * m_cv (src/models/m-cv.ts) entry by entry: its forward sets u = 0 and adds c_j·(P^{−j}v) for j = 0…k−1
 * (roll by −j: (P^{−j}v)_i = v_{(i+j) mod d}); its pullback sets ∂c_j = Σ_i v_i (P^j g)_i (a sum from 0 in
 * increasing i) and ∂v = 0 + Σ_j c_j P^j g in increasing j, with (P^j g)_i = g_{(i−j) mod d}.
 */
export function mCvFeatures(d: number, k: number): FeatureModel {
  const model = mCvModel(d, k);
  return {
    model,
    d,
    features(W, S, U) {
      U.fill(0, 0, d * S);
      for (let j = 0; j < k; j++) {
        for (let i = 0; i < d; i++) {
          const src = (k + ((i + j) % d)) * S;
          const dst = i * S;
          for (let s = 0; s < S; s++) U[dst + s] += W[j * S + s] * W[src + s];
        }
      }
      return U;
    },
    pullback(W, G, S, D) {
      D.fill(0, 0, (k + d) * S);
      for (let j = 0; j < k; j++) {
        const dc = j * S;
        for (let i = 0; i < d; i++) {
          const g = ((i - j + d) % d) * S;
          const v = (k + i) * S;
          for (let s = 0; s < S; s++) {
            const sh = G[g + s];
            D[dc + s] += W[v + s] * sh;
            D[v + s] += W[j * S + s] * sh;
          }
        }
      }
      return D;
    },
  };
}
