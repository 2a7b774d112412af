// LR+GD (P0 §2): w ← w + (γ/n) Σ_i σ(−y_i m_i) y_i ∇_w m(b_i; w) — GD with constant step γ on the logistic loss.
import { sigmoid } from '../core/logistic-math.js';
import { type Algorithm, type PullbackState, applyPullback, pullbackState } from './algorithm.js';

export function lrGd(opts: { step: number }): Algorithm<PullbackState> {
  const gamma = opts.step;
  return {
    name: 'lr-gd',
    init: pullbackState,
    step(s, oracle) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      const n = m.length;
      for (let i = 0; i < n; i++) s.coef[i] = ((gamma / n) * sigmoid(-y[i] * m[i])) * y[i];
      applyPullback(s, oracle);
    },
  };
}
