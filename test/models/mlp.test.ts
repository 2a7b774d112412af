import { describe, expect, it } from 'vitest';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { mlpModel } from '../../src/models/mlp.js';
import { key, normal } from '../../src/rng/index.js';
import { expectPullbackMatchesFd, outputs } from './model-checks.js';

describe('MLP model', () => {
  it('computes a hand-written two-layer leaky-ReLU net with NTK scaling', () => {
    const data = gaussianRegression(key(1), 3, 2, 1);
    const model = mlpModel({ inputs: 2, widths: [2], outputs: 1, activation: 'leaky-relu', slope: 0.1 });
    // Layout: W1 [2,2], b1 [2], W2 [1,2], b2 [1].
    const w = Float64Array.from([0.5, -1, 2, 0.3, 0.1, -0.2, 1.5, -0.7, 0.25]);
    const X = data.X.data as Float64Array;
    const lrelu = (z: number): number => (z > 0 ? z : 0.1 * z);
    const got = outputs(model, data, w);
    for (let i = 0; i < 3; i++) {
      const x0 = X[2 * i];
      const x1 = X[2 * i + 1];
      const h0 = lrelu((0.5 * x0 - 1 * x1) / Math.SQRT2 + 0.1);
      const h1 = lrelu((2 * x0 + 0.3 * x1) / Math.SQRT2 - 0.2);
      expect(got[i]).toBeCloseTo((1.5 * h0 - 0.7 * h1) / Math.SQRT2 + 0.25, 14);
    }
    expect(model.numParams).toBe(9);
  });

  it('standard scaling with W_l/√fan-in gives the NTK-scaled outputs', () => {
    const data = gaussianRegression(key(2), 4, 3, 2);
    const o = { inputs: 3, widths: [4, 5], outputs: 2, activation: 'tanh' } as const;
    const ntk = mlpModel(o);
    const std = mlpModel({ ...o, scaling: 'standard' });
    const w = normal(key(3), ntk.numParams);
    const scaled = Float64Array.from(w);
    const fanIn = [3, 4, 5];
    let off = 0;
    fanIn.forEach((fin, l) => {
      const out = [4, 5, 2][l];
      for (let j = 0; j < out * fin; j++) scaled[off + j] /= Math.sqrt(fin);
      off += out * fin + out;
    });
    const a = outputs(ntk, data, w);
    const b = outputs(std, data, scaled);
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 13));
  });

  it.each([
    ['leaky-relu', [6], 1],
    ['prelu', [5, 4], 2],
    ['relu', [6], 3],
    ['sigmoid', [4, 4], 2],
  ] as const)('pullbacks of %s widths %j, M = %i match finite differences', (activation, widths, M) => {
    const data = gaussianRegression(key(4), 5, 3, M);
    const model = mlpModel({ inputs: 3, widths, outputs: M, activation, slope: 0.05 });
    const prelu = activation === 'prelu' ? widths.length : 0;
    const sizes = [3, ...widths, M];
    const expected = sizes.slice(1).reduce((s, out, l) => s + out * sizes[l] + out, 0) + prelu;
    expect(model.numParams).toBe(expected);
    expectPullbackMatchesFd(model, data, normal(key(5), model.numParams), normal(key(6), 5 * M));
  });

  it('rejects bad options with the field named', () => {
    expect(() => mlpModel({ inputs: 3, widths: [], outputs: 1, activation: 'relu' })).toThrow(/^model\.widths: /);
    expect(() => mlpModel({ inputs: 3, widths: [2, 0], outputs: 1, activation: 'relu' })).toThrow(/^model\.widths\[1\]: /);
  });
});
