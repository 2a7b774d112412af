// Shared model checks: pullback Σ coef_i ∇m_i against central finite differences of Σ coef_i m_i, and two models against each other.
import { expect } from 'vitest';
import type { Dataset } from '../../src/data/dataset.js';
import type { Model } from '../../src/models/model.js';

export function outputs(model: Model, data: Dataset, w: Float64Array): Float64Array {
  const out = new Float64Array(data.X.rows * model.outputs);
  model.forward(w, data, out);
  return out;
}

export function pullback(model: Model, data: Dataset, w: Float64Array, coef: Float64Array): Float64Array {
  const g = new Float64Array(model.numParams);
  const cache = model.forward(w, data, new Float64Array(data.X.rows * model.outputs));
  model.pullback(w, data, coef, g, cache);
  return g;
}

/** |pullback − FD| ≤ tol·(1 + |FD|) for every parameter (h = 1e-6, central). */
export function expectPullbackMatchesFd(model: Model, data: Dataset, w: Float64Array, coef: Float64Array, tol = 1e-6): void {
  const g = pullback(model, data, w, coef);
  const f = (x: Float64Array): number => outputs(model, data, x).reduce((s, m, i) => s + coef[i] * m, 0);
  const h = 1e-6;
  for (let p = 0; p < model.numParams; p++) {
    const a = Float64Array.from(w);
    const b = Float64Array.from(w);
    a[p] += h;
    b[p] -= h;
    const fd = (f(a) - f(b)) / (2 * h);
    expect(Math.abs(g[p] - fd), `param ${p}: pullback ${g[p]} vs FD ${fd}`).toBeLessThanOrEqual(tol * (1 + Math.abs(fd)));
  }
}

export function expectClose(a: Float64Array, b: Float64Array, rel = 1e-12): void {
  expect(a.length).toBe(b.length);
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `entry ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(rel * (1 + scale));
}
