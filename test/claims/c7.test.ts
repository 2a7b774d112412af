import { describe, expect, it } from 'vitest';
import { gd } from '../../src/algorithms/gd.js';
import { C7_QUICK, gdOptions, runC7, testAccuracy } from '../../src/claims/c7.js';
import type { Dataset } from '../../src/data/dataset.js';
import { f64Matrix } from '../../src/kernels/index.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import { mCvModel } from '../../src/models/m-cv.js';
import { key } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { simpleRun } from '../../src/run/simple-run.js';
import { storedTwice } from './stored-twice.js';

describe('C7 pieces', () => {
  it('testAccuracy counts y·m > 0 on held-out data (m_cv with k = 1, c = 1 is the linear model vᵀb)', () => {
    const test: Dataset = { name: 't', X: f64Matrix(4, 2, Float64Array.of(1, 0, 0, 1, -1, 0, 0, -1)), y: Float64Array.of(1, 1, 1, -1), outputs: 1 };
    // v = (1, 1): m = (1, 1, −1, −1) → correct on samples 0, 1, 3.
    expect(testAccuracy(mCvModel(2, 1), Float64Array.of(1, 1, 1), test)).toBe(0.75);
  });

  it('gdOptions: the registered gd with these options takes the same steps as gd with the step rule itself', () => {
    expect(gdOptions({ kind: 'constant', step: 0.25 })).toEqual({ name: 'gd', rule: 'constant', step: 0.25 });
    expect(gdOptions({ kind: 'armijo', max: 8, shrink: 0.3 })).toEqual({ name: 'gd', rule: 'armijo', step: 8, shrink: 0.3 });
    const data = { source: 'gaussian-separable', n: 30, d: 4, margin: 0.1 };
    for (const rule of [{ kind: 'polyak', max: 8 }, { kind: 'armijo', max: 8, grow: 3 }, { kind: 'normalized', step: 0.5 }] as const) {
      const o = executeRun(parseRunSpec({ data, model: { kind: 'm-cv', k: 2 }, init: { kind: 'normal' }, algorithm: gdOptions(rule), stop: { maxIter: 15 }, record: { every: 1, weights: true } }));
      const direct = simpleRun(gd({ loss: logisticLoss, rule }), o.data, { model: o.model, w0: o.w0, maxIter: 15, record: { every: 1 }, weights: true, key: key(0) });
      expect(o.result.trajectory.weights).toEqual(direct.trajectory.weights);
    }
  });
});

describe('C7 small', () => {
  it('every (model, k, rule) is run; table numbers agree with the recorded curves; a second run takes every run from the store', async () => {
    const { first: c, again, computed } = await storedTwice((p) => runC7({ ...C7_QUICK, trainPerClass: 10, testPerClass: 20, kernelSizes: [1, 3], mcvBudget: 40, cnnBudget: 4 }, p));
    expect(computed).toEqual([2 * 2 * 3, 0]);
    expect(again).toEqual(c);
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
