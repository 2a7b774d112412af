import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.js';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { symmetricEigenvalues } from '../../src/linalg/index.js';
import { jacobian } from '../../src/metrics/jacobian.js';
import { ntkEigenvalues, ntkExtremes, ntkMatrix, ntkProduct } from '../../src/metrics/ntk.js';
import { linearModel } from '../../src/models/linear.js';
import { mlpModel } from '../../src/models/mlp.js';
import type { Model } from '../../src/models/model.js';
import { key, normal } from '../../src/rng/index.js';

/** J by central differences of the outputs (h = 1e-6): independent of every pullback. */
function fdJacobian(model: Model, data: Dataset, w: Float64Array): Float64Array {
  const rows = data.X.rows * model.outputs;
  const p = model.numParams;
  const J = new Float64Array(rows * p);
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  const h = 1e-6;
  for (let j = 0; j < p; j++) {
    const wp = Float64Array.from(w);
    const wm = Float64Array.from(w);
    wp[j] += h;
    wm[j] -= h;
    model.forward(wp, data, a);
    model.forward(wm, data, b);
    for (let i = 0; i < rows; i++) J[i * p + j] = (a[i] - b[i]) / (2 * h);
  }
  return J;
}

function gram(J: Float64Array, rows: number, p: number): Float64Array {
  const G = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) for (let k = 0; k < rows; k++) for (let j = 0; j < p; j++) G[i * rows + k] += J[i * p + j] * J[k * p + j];
  return G;
}

const maxAbs = (x: Float64Array): number => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('empirical NTK G = J Jᵀ', () => {
  const data = gaussianRegression(key(1), 5, 4, 3);
  const model = mlpModel({ inputs: 4, widths: [6, 5], outputs: 3, activation: 'tanh' });
  const w = normal(key(2), model.numParams);
  const rows = 15;

  it('Jacobian rows from one-hot pullbacks match central differences of the outputs', () => {
    const J = jacobian(model, data, w);
    const fd = fdJacobian(model, data, w);
    const diff = J.map((x, i) => x - fd[i]);
    expect(maxAbs(diff)).toBeLessThan(1e-8 * (1 + maxAbs(fd)));
  });

  it('eigenvalues of G match the eigenvalues of an explicit finite-difference J Jᵀ', () => {
    const ev = ntkEigenvalues(model, data, w);
    const ref = symmetricEigenvalues(gram(fdJacobian(model, data, w), rows, model.numParams), rows);
    for (let i = 0; i < rows; i++) expect(Math.abs(ev[i] - ref[i])).toBeLessThan(1e-7 * ref[rows - 1]);
    expect(ev[0]).toBeGreaterThan(0); // P = 97 ≥ nM = 15: generically full rank
  });

  it('for the linear model G is X Xᵀ exactly, singular when n > d', () => {
    const d = gaussianRegression(key(3), 6, 3, 1);
    const lin = linearModel(3);
    const G = ntkMatrix(lin, d, normal(key(4), 3));
    const X = d.X.data as Float64Array;
    for (let i = 0; i < 6; i++) for (let k = 0; k < 6; k++) {
      const xx = X[i * 3] * X[k * 3] + X[i * 3 + 1] * X[k * 3 + 1] + X[i * 3 + 2] * X[k * 3 + 2];
      expect(G[i * 6 + k]).toBeCloseTo(xx, 13);
    }
    const e = ntkExtremes(lin, d, new Float64Array(3));
    expect(Math.abs(e.min)).toBeLessThan(1e-12 * e.max); // rank 3 < 6
  });

  it('G·u without forming G (double-VJP on the autodiff model; explicit J otherwise) equals the dense product', () => {
    const G = ntkMatrix(model, data, w);
    const u = normal(key(5), rows);
    const want = new Float64Array(rows);
    for (let i = 0; i < rows; i++) for (let k = 0; k < rows; k++) want[i] += G[i * rows + k] * u[k];
    const got = new Float64Array(rows);
    ntkProduct(model, data, w)(u, got);
    for (let i = 0; i < rows; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12 * maxAbs(want));

    const lin = linearModel(4);
    const wl = normal(key(6), 4);
    const d1 = gaussianRegression(key(7), 15, 4, 1);
    const Gl = ntkMatrix(lin, d1, wl);
    ntkProduct(lin, d1, wl)(u, got);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += Gl[i * rows + k] * u[k];
      expect(got[i]).toBeCloseTo(s, 12);
    }
  });

  it('Lanczos extremes (forced) agree with the dense ones', () => {
    const dense = ntkExtremes(model, data, w);
    const lz = ntkExtremes(model, data, w, { denseLimit: 0 });
    expect(dense.method).toBe('dense');
    expect(lz.method).toBe('lanczos');
    expect(lz.converged).toBe(true);
    expect(Math.abs(lz.max - dense.max)).toBeLessThan(1e-9 * dense.max);
    expect(Math.abs(lz.min - dense.min)).toBeLessThan(1e-9 * dense.max);
  });
});
