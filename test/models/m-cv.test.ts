// m_cv against its explicit form y_i m = ½ wᵀA_i w with B_i = [b_i, P b_i, …, P^{k−1} b_i], and against finite differences.
import { describe, expect, it } from 'vitest';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { mCvModel } from '../../src/models/m-cv.js';
import { key, normal } from '../../src/rng/index.js';

function shift(b: number[], s: number): number[] {
  const d = b.length;
  return b.map((_, i) => b[(((i - s) % d) + d) % d]); // (P^s b)_i = b_{i−s}
}

describe('m_cv', () => {
  const n = 5, d = 7;
  const X = normal(key(1), n * d);
  const data = labelled('rand', X, [1, -1, 1, 1, -1], d);
  const rows = Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * d, (i + 1) * d)));

  for (const k of [1, 2, 3, 7]) {
    it(`k = ${k}: outputs equal vᵀ B_i c and ½ wᵀ A_i w / y_i`, () => {
      const model = mCvModel(d, k);
      const w = normal(key(10 + k), k + d);
      const c = Array.from(w.subarray(0, k));
      const v = Array.from(w.subarray(k));
      const out = new Float64Array(n);
      model.forward(w, data, out);
      for (let i = 0; i < n; i++) {
        const Bc = new Array(d).fill(0);
        for (let j = 0; j < k; j++) shift(rows[i], j).forEach((x, r) => (Bc[r] += c[j] * x));
        const explicit = v.reduce((s, vr, r) => s + vr * Bc[r], 0);
        expect(out[i]).toBeCloseTo(explicit, 12);
        // ½ wᵀ A_i w with A_i = y_i [[0, B_iᵀ], [B_i, 0]] equals y_i vᵀB_i c
        const y = data.y[i];
        let quad = 0;
        for (let j = 0; j < k; j++) shift(rows[i], j).forEach((x, r) => (quad += 0.5 * 2 * y * v[r] * x * c[j]));
        expect(y * out[i]).toBeCloseTo(quad, 12);
      }
    });

    it(`k = ${k}: pullback equals central finite differences of Σ coef_i m_i`, () => {
      const model = mCvModel(d, k);
      const w = normal(key(20 + k), k + d);
      const coef = normal(key(30 + k), n);
      const g = new Float64Array(k + d);
      model.pullback(w, data, coef, g);
      const f = (x: Float64Array): number => {
        const o = new Float64Array(n);
        model.forward(x, data, o);
        return o.reduce((s, m, i) => s + coef[i] * m, 0);
      };
      const h = 1e-6;
      for (let p = 0; p < k + d; p++) {
        const a = Float64Array.from(w);
        const b = Float64Array.from(w);
        a[p] += h;
        b[p] -= h;
        expect(g[p]).toBeCloseTo((f(a) - f(b)) / (2 * h), 7);
      }
    });
  }

  it('is 2-homogeneous and refuses the saddle w = 0', () => {
    const model = mCvModel(d, 2);
    const w = normal(key(3), 2 + d);
    const o1 = new Float64Array(n);
    const o2 = new Float64Array(n);
    model.forward(w, data, o1);
    model.forward(Float64Array.from(w, (x) => 3 * x), data, o2);
    o1.forEach((m, i) => expect(o2[i]).toBeCloseTo(9 * m, 11));
    expect(() => model.checkInit?.(new Float64Array(2 + d))).toThrow(/^init: w₀ = 0 is a saddle of m_cv/);
    expect(() => mCvModel(d, 0)).toThrow(/^model\.k: /);
  });
});
