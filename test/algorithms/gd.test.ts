// GD with constant, normalized, Polyak and Armijo steps, on the linear model (closed forms) and a two-layer net (Armijo's decrease).
import { describe, expect, it } from 'vitest';
import { gd } from '../../src/algorithms/gd.js';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import type { Dataset } from '../../src/data/dataset.js';
import { gaussianSeparable } from '../../src/data/synthetic/gaussian-separable.js';
import { labelled } from '../../src/data/synthetic/labelled.js';
import type { Loss } from '../../src/losses/loss.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import { squaredLoss } from '../../src/losses/squared.js';
import { linearModel } from '../../src/models/linear.js';
import type { Model } from '../../src/models/model.js';
import { twoLayerModel } from '../../src/models/two-layer.js';
import { key, normal } from '../../src/rng/index.js';
import { runLoop } from '../../src/run/loop.js';
import type { Algorithm, AlgorithmState } from '../../src/algorithms/algorithm.js';

function run<S extends AlgorithmState>(alg: Algorithm<S>, model: Model, data: Dataset, w0: Float64Array, steps: number, loss: Loss = logisticLoss) {
  return runLoop(alg, model, data, w0, {
    loss, stop: { maxIter: steps, whenSeparated: false }, record: { every: 1 }, recordWeights: true, key: key(0), classify: loss === logisticLoss,
  });
}

const d = 3;
const X = Float64Array.from([1, 2, 0.5, -1, 0.3, 2, 0.2, -1, 1, -2, -0.4, 0.1]);
const data = labelled('four', X, [1, -1, 1, -1], d);
const w0 = Float64Array.from([0.1, -0.2, 0.3]);

/** ∇f of the mean logistic loss of the linear model, by its formula −(1/n) Σ y_i σ(−y_i b_iᵀw) b_i. */
function logisticGrad(w: Float64Array): { f: number; g: number[] } {
  const g = [0, 0, 0];
  let f = 0;
  for (let i = 0; i < 4; i++) {
    const b = X.subarray(i * d, i * d + d);
    const z = data.y[i] * (b[0] * w[0] + b[1] * w[1] + b[2] * w[2]);
    f += Math.log1p(Math.exp(-z)) / 4;
    const s = 1 / (1 + Math.exp(z));
    for (let j = 0; j < d; j++) g[j] -= (data.y[i] * s * b[j]) / 4;
  }
  return { f, g };
}

describe('gd', () => {
  it('constant step with the logistic loss is LR+GD', () => {
    const a = run(gd({ loss: logisticLoss, rule: { kind: 'constant', step: 0.7 } }), linearModel(d), data, w0, 5).w;
    const b = run(lrGd({ step: 0.7 }), linearModel(d), data, w0, 5).w;
    a.forEach((x, j) => expect(x).toBeCloseTo(b[j], 14));
  });

  it('constant step with the squared loss: w − γXᵀ(Xw − y)', () => {
    const targets = labelled('reg', X, [0.5, -1, 2, 0], d);
    const w1 = run(gd({ loss: squaredLoss, rule: { kind: 'constant', step: 0.05 } }), linearModel(d), targets, w0, 1, squaredLoss).w;
    for (let j = 0; j < d; j++) {
      let g = 0;
      for (let i = 0; i < 4; i++) g += (X[i * d] * w0[0] + X[i * d + 1] * w0[1] + X[i * d + 2] * w0[2] - targets.y[i]) * X[i * d + j];
      expect(w1[j]).toBeCloseTo(w0[j] - 0.05 * g, 14);
    }
  });

  it('normalized step moves by exactly γ along −∇f', () => {
    const w1 = run(gd({ loss: logisticLoss, rule: { kind: 'normalized', step: 0.3 } }), linearModel(d), data, w0, 1).w;
    const { g } = logisticGrad(w0);
    const gn = Math.hypot(...g);
    for (let j = 0; j < d; j++) expect(w1[j]).toBeCloseTo(w0[j] - (0.3 * g[j]) / gn, 14);
  });

  it('Polyak step is f/‖∇f‖² (capped by γ_max)', () => {
    const { f, g } = logisticGrad(w0);
    const gsq = g.reduce((s, x) => s + x * x, 0);
    const w1 = run(gd({ loss: logisticLoss, rule: { kind: 'polyak', max: 1e9 } }), linearModel(d), data, w0, 1).w;
    for (let j = 0; j < d; j++) expect(w1[j]).toBeCloseTo(w0[j] - (f / gsq) * g[j], 12);
    const capped = run(gd({ loss: logisticLoss, rule: { kind: 'polyak', max: 0.01 } }), linearModel(d), data, w0, 1).w;
    for (let j = 0; j < d; j++) expect(capped[j]).toBeCloseTo(w0[j] - 0.01 * g[j], 14);
  });

  it('Armijo: the accepted step satisfies the sufficient decrease, twice it does not', () => {
    const { f, g } = logisticGrad(w0);
    const gsq = g.reduce((s, x) => s + x * x, 0);
    const w1 = run(gd({ loss: logisticLoss, rule: { kind: 'armijo', max: 1e4, c: 0.5 } }), linearModel(d), data, w0, 1).w;
    const gamma = (w0[0] - w1[0]) / g[0];
    const at = (s: number) => logisticGrad(Float64Array.from(w0, (x, j) => x - s * g[j])).f;
    expect(Math.log2(1e4 / gamma) % 1).toBeCloseTo(0, 9); // γ_max halved an integer number of times
    expect(at(gamma)).toBeLessThanOrEqual(f - 0.5 * gamma * gsq);
    expect(at(2 * gamma)).toBeGreaterThan(f - 0.5 * 2 * gamma * gsq);
  });

  it('Armijo on a two-layer ReLU net: the loss never increases, and the net separates', () => {
    const sep = gaussianSeparable(key(3), 40, 5, 0.2);
    const model = twoLayerModel({ d: 5, width: 8, activation: 'relu' });
    const r = runLoop(gd({ loss: logisticLoss, rule: { kind: 'armijo', max: 100 } }), model, sep, normal(key(4), model.numParams), {
      loss: logisticLoss, stop: { maxIter: 2000, whenSeparated: true }, record: { every: 1 }, recordWeights: false, key: key(0), classify: true,
    });
    expect(r.status).toBe('separated');
    const L = r.trajectory.columns.loss;
    for (let t = 1; t < L.length; t++) expect(L[t]).toBeLessThanOrEqual(L[t - 1]);
  });
});
