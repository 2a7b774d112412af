// Normalized batch perceptron (P0): w ← w + (γ/|S_t|) Σ_{i∈S_t} y_i ∇_w m(b_i; w), S_t = {i : y_i m_i ≤ 0}.
import { type Algorithm, type PullbackState, applyPullback, pullbackState } from './algorithm.js';

export function normalizedPerceptron(opts: { step?: number } = {}): Algorithm<PullbackState> {
  const gamma = opts.step ?? 1;
  return {
    name: 'normalized-perceptron',
    init: pullbackState,
    step(s, oracle) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      let size = 0;
      for (let i = 0; i < m.length; i++) if (y[i] * m[i] <= 0) size++;
      for (let i = 0; i < m.length; i++) s.coef[i] = size > 0 && y[i] * m[i] <= 0 ? (gamma / size) * y[i] : 0;
      applyPullback(s, oracle);
    },
  };
}
