// The generalized perceptron (P1) on nonlinear models: each step is w + (γ/n) Σ_{S_t} y_i ∇m_i with ∇m_i by finite differences; it separates a Gaussian set.
import { describe, expect, it } from 'vitest';
import { generalizedPerceptron } from '../../src/algorithms/generalized-perceptron.js';
import { gaussianSeparable } from '../../src/data/synthetic/gaussian-separable.js';
import type { Model } from '../../src/models/model.js';
import { twoLayerModel } from '../../src/models/two-layer.js';
import { cnnModel } from '../../src/models/cnn.js';
import { key, normal } from '../../src/rng/index.js';
import { simpleRun } from '../../src/run/simple-run.js';
import type { Dataset } from '../../src/data/dataset.js';

/** ∇_w m(b_i; w) by central differences, one sample at a time. */
function fdGrad(model: Model, data: Dataset, w: Float64Array, i: number): Float64Array {
  const out = new Float64Array(data.X.rows);
  const at = (x: Float64Array): number => {
    model.forward(x, data, out);
    return out[i];
  };
  return Float64Array.from(w, (_, p) => {
    const a = Float64Array.from(w);
    const b = Float64Array.from(w);
    a[p] += 1e-6;
    b[p] -= 1e-6;
    return (at(a) - at(b)) / 2e-6;
  });
}

describe('generalized perceptron on nonlinear models', () => {
  const data = gaussianSeparable(key(11), 12, 4, 0.2);
  const nets: [string, Model, Dataset][] = [
    ['ReLU net', twoLayerModel({ d: 4, width: 5, activation: 'relu' }), data],
    ['tanh net, a fixed', twoLayerModel({ d: 4, width: 5, activation: 'tanh', secondLayer: 'fixed' }), data],
    ['CNN', cnnModel({ imageShape: [1, 2, 2], kernelSize: 2, channels: 2, padding: 1, activation: 'leaky-relu', slope: 0.2 }), { ...data, imageShape: [1, 2, 2] }],
  ];
  for (const [name, model, ds] of nets) {
    it(`${name}: three steps equal w + (γ/n) Σ_{S_t} y_i ∇m_i`, () => {
      const ws = simpleRun(generalizedPerceptron({ step: 0.7 }), ds, { model, w0: normal(key(12), model.numParams), maxIter: 3, whenSeparated: false, record: { every: 1 }, weights: true }).trajectory.weights;
      const n = ds.X.rows;
      for (let t = 0; t < 3; t++) {
        const m = new Float64Array(n);
        model.forward(ws[t], ds, m);
        const expected = Float64Array.from(ws[t]);
        for (let i = 0; i < n; i++) {
          if (ds.y[i] * m[i] > 0) continue;
          fdGrad(model, ds, ws[t], i).forEach((g, p) => (expected[p] += (0.7 / n) * ds.y[i] * g));
        }
        ws[t + 1].forEach((x, p) => expect(x).toBeCloseTo(expected[p], 6));
      }
    });
  }

  // Width 32; at width 8 it can cycle with 1–3 samples wrong for thousands of steps while GD separates (docs/algorithms.md).
  it('separates a Gaussian set with a wide ReLU net', () => {
    const model = twoLayerModel({ d: 4, width: 32, activation: 'relu' });
    const r = simpleRun(generalizedPerceptron({ step: 1 }), gaussianSeparable(key(13), 60, 4, 0.2), { model, w0: normal(key(14), model.numParams), maxIter: 5000 });
    expect(r.status).toBe('separated');
  });
});
