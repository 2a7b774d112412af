// Generalized perceptron (P1): w ← w + (γ/n) Σ_{i∈S_t} y_i ∇_w m(b_i; w), S_t = {i : y_i m(b_i; w) ≤ 0}.
import { type Algorithm, type PullbackState, applyPullback, pullbackState } from './algorithm.js';

export function generalizedPerceptron(opts: { step: number }): Algorithm<PullbackState> {
  const gamma = opts.step;
  return {
    name: 'generalized-perceptron',
    init: pullbackState,
    step(s, oracle) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      const n = m.length;
      for (let i = 0; i < n; i++) s.coef[i] = y[i] * m[i] <= 0 ? (gamma / n) * y[i] : 0;
      applyPullback(s, oracle);
    },
  };
}
