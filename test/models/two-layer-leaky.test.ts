import { describe, expect, it } from 'vitest';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { jacobian } from '../../src/metrics/jacobian.js';
import { mlpModel } from '../../src/models/mlp.js';
import { twoLayerLeaky } from '../../src/models/two-layer-leaky.js';
import { key, normal } from '../../src/rng/index.js';
import { expectClose, expectPullbackMatchesFd, outputs, pullback } from './model-checks.js';

describe('hand-written two-layer leaky-ReLU MLP', () => {
  const data = gaussianRegression(key(1), 7, 4, 2);
  const fast = twoLayerLeaky(4, 5, 2, 0.1);
  const ref = mlpModel({ inputs: 4, widths: [5], outputs: 2, activation: 'leaky-relu', slope: 0.1 });
  const w = normal(key(2), ref.numParams);

  it('is the autodiff mlp: same layout, outputs, pullbacks and Jacobian', () => {
    expect(fast.numParams).toBe(ref.numParams);
    expectClose(outputs(fast, data, w), outputs(ref, data, w), 1e-14);
    const coef = normal(key(3), 14);
    expectClose(pullback(fast, data, w, coef), pullback(ref, data, w, coef), 1e-14);
    expectClose(jacobian(fast, data, w), jacobian(ref, data, w), 1e-14);
    expectPullbackMatchesFd(fast, data, w, coef);
  });

  it('explicit slopes: a slope s on entry (j, i) scales that unit\'s contribution to sample j', () => {
    const z = new Float64Array(7 * 5);
    const s = new Float64Array(7 * 5);
    fast.preActivations(w, data, z);
    fast.signSlopes(z, s);
    s[2 * 5 + 3] = 0.4; // sample 2, unit 3
    const out = new Float64Array(14);
    fast.outputsWith(w, z, s, out);
    const base = outputs(fast, data, w);
    const W2 = w.subarray(4 * 5 + 5, 4 * 5 + 5 + 2 * 5);
    const old = z[2 * 5 + 3] > 0 ? 1 : 0.1;
    for (let o = 0; o < 2; o++) {
      expect(out[2 * 2 + o] - base[2 * 2 + o]).toBeCloseTo((W2[o * 5 + 3] * (0.4 - old) * z[2 * 5 + 3]) / Math.sqrt(5), 14);
      expect(out[0 * 2 + o]).toBe(base[0 * 2 + o]);
    }
  });
});
