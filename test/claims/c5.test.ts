import { describe, expect, it } from 'vitest';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import {
  C5_QUICK, type CurveRun, bestRun, comparisonOf, comparisonPlan, curveSpec, extended, extensionPlan, fasterVerdict, firstReach, iterationsCell, loadData, mcvInit,
  perturbationAnalysis, perturbationSpecs, runC5, runGrouped, withRuns,
} from '../../src/claims/c5.js';
import { GdlabError } from '../../src/core/errors.js';
import { twoClassSubset } from '../../src/data/two-class-subset.js';
import { toF64 } from '../../src/kernels/index.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import { linearModel } from '../../src/models/linear.js';
import { foldIn, key, normal } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { simpleRun } from '../../src/run/simple-run.js';
import { storedTwice } from './stored-twice.js';

describe('image data sources in run specs', () => {
  const spec = (data: Record<string, unknown>, seed = 3) =>
    parseRunSpec({ seed, data, algorithm: { name: 'lr-gd', step: 0.01 }, stop: { maxIter: 2 } });

  it('cifar10 from the spec of the brief: 2 × 50 airplane/automobile images, layout image by default', () => {
    const out = executeRun(spec({ source: 'cifar10', classes: ['airplane', 'automobile'], perClass: 50 }));
    const d = out.data;
    expect([d.name, d.X.rows, d.X.cols, d.X.scale, d.imageShape]).toEqual(['cifar10.airplane-vs-automobile.train.50x2', 100, 3072, 1 / 255, [3, 32, 32]]);
    expect(Array.from(d.y.subarray(0, 4))).toEqual([1, -1, 1, -1]);
    expect(out.result.iterations).toBe(2);
  });

  it('classes by name or index give twoClassSubset with the run’s data key foldIn(key(seed), 0)', () => {
    const byName = executeRun(spec({ source: 'mnist', classes: ['3', '5'], perClass: 20, split: 'test' })).data;
    const byIndex = executeRun(spec({ source: 'mnist', classes: [3, 5], perClass: 20, split: 'test' })).data;
    const direct = twoClassSubset('mnist', { classes: [3, 5], perClass: 20, split: 'test', key: foldIn(key(3), 0) });
    expect(byName.X.data).toEqual(direct.X.data);
    expect(byIndex.X.data).toEqual(direct.X.data);
    expect(executeRun(spec({ source: 'mnist', classes: [3, 5], perClass: 20, split: 'test' }, 4)).data.X.data).not.toEqual(direct.X.data);
  });

  it('mnist and fashion-mnist test splits, standardize and flat layout pass through', () => {
    const m = executeRun(spec({ source: 'mnist', classes: [3, 5], perClass: 5, split: 'test', layout: 'flat' })).data;
    expect([m.X.rows, m.X.cols, m.imageShape, m.name]).toEqual([10, 784, undefined, 'mnist.3-vs-5.test.5x2']);
    const f = executeRun(spec({ source: 'fashion-mnist', classes: ['sandal', 'sneaker'], perClass: 4, split: 'test', standardize: true })).data;
    expect(f.name).toBe('fashion-mnist.sandal-vs-sneaker.test.4x2.std');
    // Standardised columns have mean 0 over the returned samples.
    const x = toF64(f.X);
    for (const j of [300, 400, 500]) expect(Math.abs([0, 1, 2, 3, 4, 5, 6, 7].reduce((s, i) => s + x[i * 784 + j], 0))).toBeLessThan(1e-9);
  });

  it('bad options are one-line errors naming the field', () => {
    expect(() => spec({ source: 'cifar10', classes: ['airplane'], perClass: 5 })).toThrow(GdlabError);
    expect(() => spec({ source: 'cifar10', classes: ['airplane', 'automobile'], perClass: 0 })).toThrow(/perClass/);
    expect(() => spec({ source: 'mnist', classes: [1, 2], perClass: 5, split: 'validation' })).toThrow(/split/);
    expect(() => executeRun(spec({ source: 'cifar10', classes: ['airplane', 'boat'], perClass: 5 }))).toThrow(/classes.*boat/);
  });
});

describe('curveSpec runs: loss and accuracy at every iteration, through runMany', () => {
  const data = { source: 'gaussian-separable', n: 40, d: 5, margin: 0.2 };
  const run = (r: Partial<CurveRun>) => curveSpec({ name: 't', seed: 1, data, model: 'linear', algorithm: { name: 'lr-gd', step: 0.5 }, init: 'zeros', budget: 500, ...r });
  const slow = { source: 'p0-slow-perceptron', n: 100 };

  it('loss[t] and accuracy[t] are those of w_t; iterations to separation agree with the run loop; ‖∇f‖ is not computed', async () => {
    const [[r]] = await runGrouped([[run({ weights: true })]]);
    const set = loadData(data, 1);
    const ref = simpleRun(lrGd({ step: 0.5 }), set, { maxIter: 500 });
    expect([r.status, r.iterations]).toEqual([ref.status, ref.iterations]);
    expect(r.loss.length).toBe(r.iterations + 1);
    expect(r.weights.length).toBe(r.iterations + 1);
    expect(r.data).toEqual({ name: set.name, n: 40, d: 5 });
    for (const t of [0, 1, Math.floor(r.iterations / 2), r.iterations]) {
      const m = new Float64Array(40);
      linearModel(5).forward(r.weights[t], set, m);
      expect(r.loss[t]).toBe(logisticLoss.value(m, set.y));
      let right = 0;
      for (let i = 0; i < 40; i++) if (set.y[i] * m[i] > 0) right++;
      expect(r.accuracy[t]).toBe(right / 40);
    }
    expect(firstReach(r, 1)).toBe(r.iterations);
    expect(iterationsCell(r)).toBe(r.iterations);
    expect(run({}).record).toEqual({ schedule: { every: 1 }, weights: false, gradNorm: false });
  });

  it('extensionPlan continues the best censored run of each model with the larger budget; its first part repeats the short run bit for bit', async () => {
    const cfg = { linearGammas: [1e-6, 10], mcvGammas: [1e-6, 0.5], k: 2, budget: 7, extendedBudget: 12, mcvInit: 'lecun' as const, seed: 0 };
    const plan = comparisonPlan('t', slow, cfg);
    const [short] = await runGrouped([plan.map((p) => p.spec)]);
    const cmp = comparisonOf(withRuns(plan, short));
    expect(short.map((r) => r.status)).toEqual(['max-iter', 'max-iter', 'max-iter', 'max-iter']);
    const ext = extensionPlan(cmp, cfg);
    expect(ext.map((p) => [p.model, p.gamma, p.spec.stop.maxIter])).toEqual([['linear', bestRun(cmp.linear).gamma, 12], ['m-cv(k=2)', bestRun(cmp.mcv).gamma, 12]]);
    const [longer] = await runGrouped([ext.map((p) => p.spec)]);
    const after = extended(cmp, withRuns(ext, longer));
    // Exactly the two best runs are replaced by their extensions.
    expect([...after.linear, ...after.mcv].filter((r) => r.run.budget === 12)).toEqual(withRuns(ext, longer));
    for (const [i, r] of longer.entries()) {
      const was = bestRun(i === 0 ? cmp.linear : cmp.mcv).run;
      expect(r.loss.slice(0, 8)).toEqual(was.loss);
      expect(r.accuracy.slice(0, 8)).toEqual(was.accuracy);
    }
    expect(extensionPlan(cmp, { ...cfg, extendedBudget: 7 })).toEqual([]);
  });

  it('fasterVerdict decides only what the censoring allows, at 100 % or at a lower level', () => {
    // Accuracy 0.5 until the run reaches `at` (0.995 at t = at − 5 when asked), 1 at separation.
    const run = (status: 'separated' | 'max-iter' | 'diverged', iterations: number, at99?: number) =>
      ({
        status,
        iterations,
        accuracy: Array.from({ length: iterations + 1 }, (_, t) =>
          status === 'separated' && t === iterations ? 1 : status === 'diverged' && t === iterations ? NaN : at99 !== undefined && t >= at99 ? 0.995 : 0.5),
      }) as unknown as Parameters<typeof fasterVerdict>[0];
    expect(fasterVerdict(run('separated', 10), run('separated', 20))).toEqual({ decided: true, holds: true });
    expect(fasterVerdict(run('separated', 30), run('separated', 20))).toEqual({ decided: true, holds: false });
    expect(fasterVerdict(run('separated', 10), run('max-iter', 100))).toEqual({ decided: true, holds: true });
    expect(fasterVerdict(run('separated', 500), run('max-iter', 100))).toEqual({ decided: false, holds: false });
    expect(fasterVerdict(run('separated', 500), run('diverged', 100))).toEqual({ decided: true, holds: true });
    expect(fasterVerdict(run('max-iter', 100), run('separated', 50))).toEqual({ decided: true, holds: false });
    expect(fasterVerdict(run('max-iter', 40), run('separated', 50))).toEqual({ decided: false, holds: false });
    expect(fasterVerdict(run('max-iter', 100), run('max-iter', 100))).toEqual({ decided: false, holds: false });
    // At 99 %: a censored run that got there counts with its first t ≥ 99 %.
    expect(fasterVerdict(run('max-iter', 100, 60), run('max-iter', 100), 0.99)).toEqual({ decided: true, holds: true });
    expect(fasterVerdict(run('max-iter', 100, 60), run('max-iter', 100, 30), 0.99)).toEqual({ decided: true, holds: false });
    expect(fasterVerdict(run('max-iter', 100, 60), run('max-iter', 50), 0.99)).toEqual({ decided: false, holds: false });
  });

  it('a diverged run ends with NaN, not an earlier point’s loss, and is reported as diverged', async () => {
    // m_cv is quadratic in w: a huge step overflows within a few iterations.
    const [[r]] = await runGrouped([[run({ model: { kind: 'm-cv', k: 1 }, init: { kind: 'vector', values: [1, 1, 1, 1, 1, 1] }, algorithm: { name: 'lr-gd', step: 1e6 }, budget: 1000 })]]);
    expect(r.status).toBe('diverged');
    expect(r.loss.length).toBe(r.iterations + 1);
    expect(r.loss[r.iterations]).toBeNaN();
    expect(r.loss.slice(0, -1).every(Number.isFinite)).toBe(true);
    expect(iterationsCell(r)).toBe(`diverged (t=${r.iterations})`);
  });

  it('a censored run is reported as ">budget", never as a number', async () => {
    // P0 Thm 5.1's set: from v = 0 every step size needs many iterations.
    const [[r]] = await runGrouped([[run({ data: slow, algorithm: { name: 'lr-gd', step: 1e-6 }, budget: 3 })]]);
    expect([r.status, iterationsCell(r), r.loss.length]).toEqual(['max-iter', '>3', 4]);
  });
});

describe('perturbation pairs', () => {
  it('LR+GD with γ < 2/L is non-expansive: ‖w_t − w′_t‖ never exceeds the initial 1e-12, λ ≤ 0', async () => {
    const data = { source: 'gaussian-separable', n: 30, d: 4, margin: 0.2 };
    // L ≤ λ_max(XᵀX)/(4n) ≤ trace(XᵀX)/(4n): γ = 1/that bound is below 2/L.
    const trace = toF64(loadData(data, 2).X).reduce((s, v) => s + v * v, 0);
    const gamma = (4 * 30) / trace;
    const specs = perturbationSpecs({ name: 't', seed: 2, data, model: 'linear', init: 'zeros', algorithm: { name: 'lr-gd', step: gamma } }, 1e-12, 200, 5);
    expect(specs[1].init.options).toEqual({ perturb: { size: 1e-12, stream: 5 } });
    const [[a, b]] = await runGrouped([specs]);
    expect([a.weights.length, b.weights.length]).toEqual([201, 201]);
    const r = perturbationAnalysis(a, b);
    expect(r.separation[0]).toBeCloseTo(1e-12, 20);
    expect(Math.max(...r.separation)).toBeLessThanOrEqual(1e-12 * (1 + 1e-6));
    expect(r.estimate.exponent).toBeLessThanOrEqual(0);
    expect(r.lossSplitAt).toBeUndefined();
  });
});

describe('mcvInit', () => {
  it("'lecun' is c ~ N(0, 1/k), v ~ N(0, 1/d) from the key's normal draws; 'unit' is c = e₁, v = 0", () => {
    const g = normal(foldIn(key(3), 1), 2 + 7);
    expect(mcvInit('lecun', 2, 7, foldIn(key(3), 1))).toEqual(Float64Array.from(g, (x, j) => x / Math.sqrt(j < 2 ? 2 : 7)));
    expect(Array.from(mcvInit('unit', 2, 3, key(0)))).toEqual([1, 0, 0, 0, 0]);
  });
});

describe('C5 on 100 CIFAR images', () => {
  it('every table row, check and curve is computed and consistent; a second run takes every run from the store', async () => {
    const cfg = { ...C5_QUICK, perClass: 50, budget: 25, extendedBudget: 40, lyapunovHorizon: 20, linearGammas: [1e-3, 100], mcvGammas: [1, 2 ** -4] };
    const { first: c, again, computed } = await storedTwice((p) => runC5(cfg, p));
    // 4 runs to the budget and 3 perturbation pairs at least; nothing the second time, with the same result.
    expect(computed[0]).toBeGreaterThanOrEqual(10);
    expect(computed[1]).toBe(0);
    expect(again).toEqual(c);
    const [runs, best, lyap] = c.tables;
    expect(runs.rows.length).toBe(4);
    expect(best.rows.length).toBe(2);
    expect([3, 4]).toContain(lyap.rows.length);
    expect(c.checks.length).toBe(5);
    for (const k of c.checks) expect(k.measured.length).toBeGreaterThan(0);
    // γ = 1e-3 < 2/L on this data: the non-expansiveness reference check is a theorem, so it must hold.
    expect(c.checks[4].holds, c.checks[4].measured).toBe(true);
    for (const row of runs.rows) {
      const [model, gamma, iters] = row;
      const g = typeof gamma === 'string' && gamma.startsWith('2^') ? 2 ** Number(gamma.slice(2)) : Number(gamma);
      const s = c.series[model === 'linear' ? 'curves-linear' : 'curves-mcv'];
      const rows = s.gamma.flatMap((x, i) => (x === g ? [i] : []));
      expect(rows.length, `${model} ${gamma}`).toBeGreaterThan(0);
      const acc = rows.map((i) => s.accuracy[i]);
      // A number in the table is the first t with 100 % accuracy on the recorded curve; otherwise the run is censored or diverged.
      if (typeof iters === 'number') {
        expect(s.iter[rows[rows.length - 1]]).toBe(iters);
        expect(acc[acc.length - 1]).toBe(1);
        expect(acc.slice(0, -1).every((a) => a < 1)).toBe(true);
      } else {
        expect(iters).toMatch(/^>(25|40)$|^diverged/);
        expect(acc.every((a) => !(a >= 1))).toBe(true);
      }
    }
  });
});
