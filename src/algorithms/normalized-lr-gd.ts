// Normalized LR+GD (P0 §5): w ← w + γ Σ_i s_i y_i ∇_w m_i / Σ_i s_i, s_i = σ(−y_i m_i).
import { softplus } from '../core/logistic-math.js';
import { type Algorithm, type PullbackState, applyPullback, pullbackState } from './algorithm.js';

/**
 * The weights s_i / Σ s are a softmax of log s_i = −softplus(y_i m_i), taken after subtracting
 * the largest: exact, and never 0/0 when every s_i underflows.
 */
export function normalizedLrGd(opts: { step: number }): Algorithm<PullbackState> {
  const gamma = opts.step;
  return {
    name: 'normalized-lr-gd',
    init: pullbackState,
    step(s, oracle) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      const n = m.length;
      let top = -Infinity;
      for (let i = 0; i < n; i++) top = Math.max(top, -softplus(y[i] * m[i]));
      let total = 0;
      for (let i = 0; i < n; i++) {
        const e = Math.exp(-softplus(y[i] * m[i]) - top);
        s.coef[i] = e;
        total += e;
      }
      for (let i = 0; i < n; i++) s.coef[i] = ((gamma * s.coef[i]) / total) * y[i];
      applyPullback(s, oracle);
    },
  };
}
