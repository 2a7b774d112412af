// C3 on a small case: GD from R·θ₀ tracks the generalized / quadratic perceptron from θ₀ better as R grows; LR+GD/γ tracks the batch perceptron as γ grows; the runs come from the store on a re-run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generalizedPerceptron } from '../../src/algorithms/generalized-perceptron.js';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import { cosine, gdStepAtScale, moves, reproduceC3, runC3, unitDirection } from '../../src/claims/c3.js';
import { gaussianSeparable } from '../../src/data/synthetic/gaussian-separable.js';
import { twoLayerModel } from '../../src/models/two-layer.js';
import { foldIn, key } from '../../src/rng/index.js';
import { simpleRun } from '../../src/run/simple-run.js';
import type { Progress } from '../../src/store/run-many.js';
import { openStore } from '../../src/store/run-store.js';

const SMALL = { n: 30, d: 8, width: 6, steps: 15, gamma: 1, probes: 500, scales: [1, 30, 1e4] };

const r = await runC3(SMALL);

describe('C3', () => {
  it('for m_cv, the ReLU net (a trained and a fixed) and the linear model, disagreement falls and cosine rises with the scale', () => {
    const groups = new Map<string, typeof r.rows>();
    for (const row of [...r.rows, ...r.linear]) groups.set(row.model, [...(groups.get(row.model) ?? []), row]);
    expect(groups.size).toBe(4);
    for (const [name, rows] of groups) {
      expect(moves(rows), name).toBe(true);
      const [small, , large] = rows.map((x) => x.tracking);
      expect(large.maxDisagreement, name).toBeLessThan(small.maxDisagreement);
      expect(1 - large.minCosine, name).toBeLessThan(1e-6);
    }
  });

  it('the naive step γ/R² does not track the perceptron', () => {
    expect(r.naive[r.naive.length - 1].tracking.minCosine).toBeLessThan(0.99);
  });

  it('the stored runs are the direct ones: the ReLU net (a fixed) at R = 30 against simpleRun from 30·θ₀ with step 30γ', () => {
    const data = gaussianSeparable(foldIn(key(3), 0), SMALL.n, SMALL.d, 0.1);
    const model = twoLayerModel({ d: SMALL.d, width: SMALL.width, activation: 'relu', secondLayer: 'fixed' });
    const theta0 = unitDirection(foldIn(key(3), 12), model.numParams);
    const run = (alg: Parameters<typeof simpleRun>[0], w0: Float64Array) =>
      simpleRun(alg, data, { model, w0, maxIter: SMALL.steps, whenSeparated: false, record: { every: 1 }, weights: true }).trajectory.weights;
    const gd = run(lrGd({ step: 30 }), theta0.map((x) => x * 30));
    const gp = run(generalizedPerceptron({ step: 1 }), theta0);
    const row = r.rows.find((x) => x.model.endsWith('a fixed (L = 1)') && x.R === 30);
    expect(row?.gdStep).toBe(30);
    expect(row?.tracking.cosine).toBe(cosine(gd[SMALL.steps].map((x) => x / 30), gp[SMALL.steps]));
  });

  it('a re-run with the same store computes no run and gives the same result', async () => {
    const store = openStore(mkdtempSync(join(tmpdir(), 'gdlab-c3-')), { create: true });
    const runs = async () => {
      const progress: Progress[] = [];
      const result = await reproduceC3({ quick: true, platform: { store, onProgress: (p) => progress.push(p) } });
      return { result, last: progress.at(-1) as Progress };
    };
    const first = await runs();
    const again = await runs();
    // 3 models × (perceptron + 5 scales) + 5 naive + linear (perceptron + 5 γ) = 29 specs; m_cv's step at R = 1 is γ both ways, so 28 distinct runs.
    expect(first.last).toMatchObject({ total: 28, cached: 0, done: 28 });
    expect(again.last).toMatchObject({ total: 28, cached: 28, done: 28, iterations: 0 });
    expect(again.result).toEqual(first.result);
    for (const c of first.result.checks) expect(c.holds, `${c.what}: ${c.measured}`).toBe(true);
  });

  it('step correspondence γ·R^(2−L) and the cosine helper', () => {
    expect(gdStepAtScale(0.5, 100, 2)).toBe(0.5);
    expect(gdStepAtScale(0.5, 100, 1)).toBe(50);
    expect(gdStepAtScale(0.5, 10, 3)).toBeCloseTo(0.05, 15);
    expect(cosine(Float64Array.from([1, 0]), Float64Array.from([1, 1]))).toBeCloseTo(Math.SQRT1_2, 15);
  });
});
