// Batch perceptron (P0 §3): θ₁ = (1/2n) Σ y_i b_i, then θ ← θ + (1/n) Σ_{i∈S_t} y_i b_i, S_t = {i : y_i m_i ≤ 0}.
import { type Algorithm, type PullbackState, applyPullback, pullbackState } from './algorithm.js';

/**
 * From θ₀ = 0 the first step is P0's θ₁ = (1/2n) Σ y_i b_i (the γ → ∞ limit of LR+GD/γ, where
 * σ(0) = ½); from any other start every step is the plain batch step. `step` scales every
 * update (1 in P0); for the linear model from 0 it only rescales the iterates.
 */
export function batchPerceptron(opts: { step?: number } = {}): Algorithm<PullbackState> {
  const gamma = opts.step ?? 1;
  return {
    name: 'batch-perceptron',
    init: pullbackState,
    step(s, oracle) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      const n = m.length;
      if (s.t === 0 && s.w.every((v) => v === 0)) {
        for (let i = 0; i < n; i++) s.coef[i] = (gamma / (2 * n)) * y[i];
      } else {
        for (let i = 0; i < n; i++) s.coef[i] = y[i] * m[i] <= 0 ? (gamma / n) * y[i] : 0;
      }
      applyPullback(s, oracle);
    },
  };
}
