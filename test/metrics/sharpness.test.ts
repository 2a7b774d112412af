import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.js';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { gaussianSeparable } from '../../src/data/synthetic/gaussian-separable.js';
import { symmetricEigenvalues } from '../../src/linalg/index.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import type { Loss } from '../../src/losses/loss.js';
import { squaredLoss } from '../../src/losses/squared.js';
import { curvatureMetrics } from '../../src/metrics/curvature-metrics.js';
import { ntkMatrix } from '../../src/metrics/ntk.js';
import { hessianTopK, lossHvp } from '../../src/metrics/sharpness.js';
import { linearModel } from '../../src/models/linear.js';
import { mCvModel } from '../../src/models/m-cv.js';
import { mlpModel } from '../../src/models/mlp.js';
import type { Model } from '../../src/models/model.js';
import { key, normal } from '../../src/rng/index.js';

/** ∇L(w) from the model's own pullback: c = ∂L/∂m, ∇L = Jᵀc. */
function gradient(model: Model, data: Dataset, loss: Loss, w: Float64Array): Float64Array {
  const m = new Float64Array(data.X.rows * model.outputs);
  const cache = model.forward(w, data, m);
  const c = new Float64Array(m.length);
  loss.dvalue(m, data.y, c);
  const g = new Float64Array(model.numParams);
  model.pullback(w, data, c, g, cache);
  return g;
}

/** Dense Hessian by central differences of exact gradients (h = 1e-5), symmetrised by the eigensolver. */
function fdHessian(model: Model, data: Dataset, loss: Loss, w: Float64Array): Float64Array {
  const p = model.numParams;
  const H = new Float64Array(p * p);
  const h = 1e-5;
  for (let j = 0; j < p; j++) {
    const a = Float64Array.from(w);
    const b = Float64Array.from(w);
    a[j] += h;
    b[j] -= h;
    const ga = gradient(model, data, loss, a);
    const gb = gradient(model, data, loss, b);
    for (let i = 0; i < p; i++) H[i * p + j] = (ga[i] - gb[i]) / (2 * h);
  }
  return H;
}

describe('Hessian top-k by Lanczos on exact HVPs', () => {
  it('matches the top eigenvalues of a dense finite-difference Hessian (MLP, squared loss, M = 2)', () => {
    const data = gaussianRegression(key(1), 6, 3, 2);
    const model = mlpModel({ inputs: 3, widths: [5], outputs: 2, activation: 'sigmoid' });
    const w = normal(key(2), model.numParams);
    const p = model.numParams;
    const dense = symmetricEigenvalues(fdHessian(model, data, squaredLoss, w), p);
    const top = hessianTopK(model, data, squaredLoss, w, 3);
    expect(top.converged).toBe(true);
    for (let i = 0; i < 3; i++) expect(Math.abs(top.values[i] - dense[p - 1 - i])).toBeLessThan(1e-6 * dense[p - 1]);
  });

  it('the HVP equals H·v of the finite-difference Hessian (PReLU MLP, logistic loss)', () => {
    const data = gaussianSeparable(key(3), 7, 3);
    const model = mlpModel({ inputs: 3, widths: [4], outputs: 1, activation: 'prelu' });
    const w = normal(key(4), model.numParams);
    const p = model.numParams;
    const H = fdHessian(model, data, logisticLoss, w);
    const v = normal(key(5), p);
    const hv = new Float64Array(p);
    lossHvp(model, data, logisticLoss, w)(v, hv);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += H[i * p + j] * v[j];
      expect(Math.abs(hv[i] - s)).toBeLessThan(1e-6 * (1 + Math.abs(s)));
    }
  });

  it('linear model, logistic loss: sharpness = λ_max(Xᵀ diag(σ(m)σ(−m)) X / n), the closed form', () => {
    const data = gaussianSeparable(key(6), 20, 4);
    const model = linearModel(4);
    const w = normal(key(7), 4);
    const X = data.X.data as Float64Array;
    const H = new Float64Array(16);
    for (let i = 0; i < 20; i++) {
      let m = 0;
      for (let j = 0; j < 4; j++) m += X[i * 4 + j] * w[j];
      const s = 1 / (1 + Math.exp(-m));
      const c = (s * (1 - s)) / 20;
      for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) H[j * 4 + k] += c * X[i * 4 + j] * X[i * 4 + k];
    }
    const want = symmetricEigenvalues(H, 4);
    const got = hessianTopK(model, data, logisticLoss, w, 2);
    expect(got.values[0]).toBeCloseTo(want[3], 13);
    expect(got.values[1]).toBeCloseTo(want[2], 13);
  });

  it('names a model without an autodiff expression instead of guessing', () => {
    const data = gaussianSeparable(key(8), 5, 4);
    expect(() => hessianTopK(mCvModel(4, 2), data, logisticLoss, normal(key(9), 6))).toThrow(/sharpness: model "m-cv\(k=2\)" has no autodiff expression/);
  });
});

describe('curvature metrics by name', () => {
  it('ntk-rho = rᵀGr/rᵀr and the named set agrees with the direct computations', () => {
    const data = gaussianRegression(key(10), 5, 3, 1);
    const model = mlpModel({ inputs: 3, widths: [6], outputs: 1, activation: 'leaky-relu', slope: 0.1 });
    const w = normal(key(11), model.numParams);
    const outputs = new Float64Array(5);
    model.forward(w, data, outputs);
    const ctx = { data, model, outputs, loss: squaredLoss };
    const [sharp, lo, hi, rho] = curvatureMetrics(['sharpness', 'ntk-min', 'ntk-max', 'ntk-rho']).map((m) => m.compute(w, ctx));
    const dense = symmetricEigenvalues(fdHessian(model, data, squaredLoss, w), model.numParams);
    expect(Math.abs(sharp - dense[model.numParams - 1])).toBeLessThan(1e-6 * sharp);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeGreaterThanOrEqual(rho);
    expect(rho).toBeGreaterThanOrEqual(lo);
    // ρ as the Rayleigh quotient of the explicit G (whose Jacobian is checked against finite differences in ntk.test.ts)
    const G = ntkMatrix(model, data, w);
    const r = outputs.map((m, i) => m - data.y[i]);
    let rGr = 0;
    for (let i = 0; i < 5; i++) for (let k = 0; k < 5; k++) rGr += r[i] * G[i * 5 + k] * r[k];
    expect(rho).toBeCloseTo(rGr / r.reduce((s, x) => s + x * x, 0), 12);
    expect(() => curvatureMetrics(['sharpness', 'curvature'])).toThrow(/^metrics\[1\]: unknown metric \(got "curvature"\); expected one of sharpness, ntk-min, ntk-max, ntk-rho$/);
  });
});
