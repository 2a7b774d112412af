// Online perceptron (Rosenblatt): w ← w + γ y_j ∇_w m(b_j; w) for one j ∈ S_t = {i : y_i m_i ≤ 0}.
import { randint } from '../rng/index.js';
import { type Algorithm, type PullbackState, applyPullback, pullbackState } from './algorithm.js';

/** `pick`: 'first' takes the smallest misclassified index, 'random' a uniform one drawn with the step's key. */
export function onlinePerceptron(opts: { step?: number; pick?: 'first' | 'random' } = {}): Algorithm<PullbackState> {
  const gamma = opts.step ?? 1;
  const pick = opts.pick ?? 'first';
  return {
    name: 'online-perceptron',
    init: pullbackState,
    step(s, oracle, key) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      const wrong: number[] = [];
      for (let i = 0; i < m.length; i++) {
        if (y[i] * m[i] <= 0) {
          wrong.push(i);
          if (pick === 'first') break;
        }
      }
      s.coef.fill(0);
      if (wrong.length > 0) {
        const j = pick === 'first' ? wrong[0] : wrong[randint(key, 1, 0, wrong.length)[0]];
        s.coef[j] = gamma * y[j];
      }
      applyPullback(s, oracle);
    },
  };
}
