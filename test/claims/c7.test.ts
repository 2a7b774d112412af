import { describe, expect, it } from 'vitest';
import { C7_QUICK, cnnInit, runC7, testAccuracy } from '../../src/claims/c7.js';
import type { Dataset } from '../../src/data/dataset.js';
import { f64Matrix } from '../../src/kernels/index.js';
import { mCvModel } from '../../src/models/m-cv.js';
import { key } from '../../src/rng/index.js';

describe('C7 pieces', () => {
  it('testAccuracy counts y·m > 0 on held-out data (m_cv with k = 1, c = 1 is the linear model vᵀb)', () => {
    const test: Dataset = { name: 't', X: f64Matrix(4, 2, Float64Array.of(1, 0, 0, 1, -1, 0, 0, -1)), y: Float64Array.of(1, 1, 1, -1), outputs: 1 };
    // v = (1, 1): m = (1, 1, −1, −1) → correct on samples 0, 1, 3.
    expect(testAccuracy(mCvModel(2, 1), Float64Array.of(1, 1, 1), test)).toBe(0.75);
  });

  it('cnnInit scales the kernel by 1/√fan-in and the head by 1/√features', () => {
    const w = cnnInit(4000 + 2000, 4000, 64, key(9));
    const std = (a: Float64Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
    expect(std(w.subarray(0, 4000)) * 8).toBeGreaterThan(0.9);
    expect(std(w.subarray(0, 4000)) * 8).toBeLessThan(1.1);
    expect(std(w.subarray(4000)) * Math.sqrt(2000)).toBeGreaterThan(0.9);
    expect(std(w.subarray(4000)) * Math.sqrt(2000)).toBeLessThan(1.1);
  });
});

describe('C7 small', () => {
  it('every (model, k, rule) is run; table numbers agree with the recorded curves', () => {
    const c = runC7({ ...C7_QUICK, trainPerClass: 10, testPerClass: 20, kernelSizes: [1, 3], mcvBudget: 40, cnnBudget: 4 });
    const [table] = c.tables;
    expect(table.rows.length).toBe(2 * 2 * 3);
    expect(c.checks.length).toBe(2 * (2 + 2));
    for (const row of table.rows) {
      const [model, k, steps, iters, , , test] = row;
      expect(test).toBeGreaterThanOrEqual(0);
      expect(test).toBeLessThanOrEqual(1);
      const s = c.series[`curves-${String(model).replace('_', '')}-${String(steps).split(' ')[0]}`];
      const acc = s.k.flatMap((x, i) => (x === k ? [s.accuracy[i]] : []));
      if (typeof iters === 'number') {
        expect(acc.indexOf(1)).toBe(iters);
      } else {
        expect(iters).toMatch(/^>(40|4)$|^diverged/);
        expect(acc.includes(1)).toBe(false);
      }
    }
  });
});
