// Test models and losses composed from autodiff ops: linear, m_cv (P1), two-layer nets, an MLP, a small CNN; logistic and squared loss.
import {
  conv2d, gather, matmul, mean, reshape, scale, softplus, square, sub, sum, mul, add, type Var,
} from '../../src/autodiff/index.js';
import type { Tensor } from '../../src/tensor/index.js';

/** mean_i softplus(−y_i m_i). */
export function logistic(m: Var, y: Tensor): Var {
  return mean(softplus(scale(mul(y, m), -1)));
}

/** ½ Σ (m − y)². */
export function squared(m: Var, y: Tensor): Var {
  return scale(sum(square(sub(m, y))), 0.5);
}

/** Index of B[(i, t), j] = X[i, (t − j) mod d] = (P^j b_i)[t], P the cyclic shift by one. */
export function shiftIndex(n: number, d: number, k: number): Int32Array {
  const idx = new Int32Array(n * d * k);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) for (let j = 0; j < k; j++) idx[(i * d + t) * k + j] = i * d + (((t - j) % d) + d) % d;
  return idx;
}

/** m_cv(b; c, v) = vᵀ(Σ_j c_j P^{j−1} b) for every row b of X: shape [n, 1]. */
export function mcv(X: Tensor, c: Var, v: Var): Var {
  const [n, d] = X.shape;
  const k = c.data.length;
  const B = gather(X, shiftIndex(n, d, k), [n * d, k]);
  const h = reshape(matmul(B, reshape(c, [k, 1])), [n, d]);
  return matmul(h, reshape(v, [d, 1]));
}

/** Σ_j a_j φ(w_jᵀ b) for every row b of X (W: [N, d], a: [N]). */
export function twoLayer(X: Tensor, W: Var, a: Var, phi: (x: Var) => Var): Var {
  return matmul(phi(matmul(X, W, false, true)), reshape(a, [a.data.length, 1]));
}

/** Depth-L MLP with biases: layers (W_l: [out, in], b_l: [out]) alternate with φ, the last layer linear. */
export function mlp(X: Tensor, layers: readonly Var[], phi: (x: Var) => Var): Var {
  let h: Var = add(matmul(X, layers[0], false, true), layers[1]);
  for (let l = 2; l < layers.length; l += 2) h = add(matmul(phi(h), layers[l], false, true), layers[l + 1]);
  return h;
}

/** Small CNN: conv (kernel [k, k, cin, cout]) → φ → flatten → linear head [features, 1]. */
export function cnn(images: Tensor, kernel: Var, head: Var, phi: (x: Var) => Var, padding = 0): Var {
  const h = phi(conv2d(images, kernel, { padding }));
  return matmul(reshape(h, [images.shape[0], h.data.length / images.shape[0]]), head);
}

/** σ(z), for closed forms. */
export const sigma = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
