// C4: the batch perceptron's exact count d/4 + 1 on the pair, the Ω(d) bound for LR+GD at every step, the capped robust step sweep against brute force, and the sweeps in lockstep through the store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchPerceptron } from '../../src/algorithms/batch-perceptron.js';
import { type Count, STEP_GRID, c4Spec, countLrGd, logGrid, lrGdSweep, runC4, sweepSteps, sweepStepsMany } from '../../src/claims/c4.js';
import { c4Multi } from '../../src/data/synthetic/c4-multi.js';
import { c4Pair } from '../../src/data/synthetic/c4-pair.js';
import { linearModel } from '../../src/models/linear.js';
import { mCvModel } from '../../src/models/m-cv.js';
import { foldIn, key, normal } from '../../src/rng/index.js';
import { simpleRun } from '../../src/run/simple-run.js';
import type { Progress } from '../../src/store/run-many.js';
import { openStore } from '../../src/store/run-store.js';

describe('C4 on the pair', () => {
  // For d ≡ 2 (mod 4) step d/4 + 1/2 lands exactly on y₁m₁ = 0 in exact arithmetic, so rounding decides: only 4 | d is pinned.
  it('batch perceptron from θ = 0: exactly d/4 + 1 iterations for 4 | d (d = 4…400)', () => {
    for (let d = 4; d <= 400; d += 4) expect(simpleRun(batchPerceptron(), c4Pair(d)).iterations, `d=${d}`).toBe(d / 4 + 1);
    for (const d of [16, 64, 256]) expect(simpleRun(batchPerceptron(), c4Pair(d, { kind: 'gaussian', key: key(d) })).iterations).toBe(d / 4 + 1);
  });

  it('LR+GD from v = 0 needs more than d/4 iterations at every step of the grid (d = 16, 64)', () => {
    for (const d of [16, 64]) {
      const data = c4Pair(d);
      for (const g of logGrid(1e-3, 1e6, 2)) {
        const c = countLrGd(linearModel(d), data, new Float64Array(d), g, 200_000);
        expect(c.status, `d=${d} γ=${g}`).toBe('separated');
        expect(c.iterations, `d=${d} γ=${g}`).toBeGreaterThan(d / 4);
      }
    }
  });

  it('the two-layer model k=1 from c₀ = 0.01, v₀ = 0 beats d/4 + 1 at a good step (d = 256: 3 iterations at γ ≈ 4.2)', () => {
    const d = 256;
    const w0 = new Float64Array(d + 1);
    w0[0] = 0.01;
    const c = countLrGd(mCvModel(d, 1), c4Pair(d), w0, 10 ** 0.625, 1000);
    expect(c.status).toBe('separated');
    expect(c.iterations).toBeLessThan(d / 4 + 1);
  });
});

describe('sweepSteps', () => {
  const grid = [1, 2, 3, 4, 5, 6, 7];
  // "true" iteration counts per step; Infinity = never separates
  const truth = [40, 12, 30, 9, 11, 10, Infinity];
  const runAt = (calls: number[]) => (g: number, cap: number): Count => {
    calls.push(cap);
    const t = truth[g - 1];
    if (t === Infinity) return { iterations: 5, status: 'diverged' };
    return t <= cap ? { iterations: t, status: 'separated' } : { iterations: cap, status: 'max-iter' };
  };

  it('finds the single best and the best worst-of-three window, as brute force does, while lowering its caps', () => {
    const calls: number[] = [];
    const s = sweepSteps(runAt(calls), grid, 1000);
    expect(s.best).toEqual({ gamma: 4, count: { iterations: 9, status: 'separated' } });
    // windows: (40,12,30)=40 (12,30,9)=30 (30,9,11)=30 (9,11,10)=11 (11,10,∞)=∞ → center γ = 5
    expect(s.robust).toEqual({ gamma: 5, count: { iterations: 11, status: 'separated' } });
    expect(calls).toEqual([1000, 1000, 1000, 1000, 11, 11, 11]);
    expect(s.counts[0].status).toBe('max-iter'); // 40 > cap 11: censored, and not needed
  });

  it('reports a censored robust value when no window separates throughout', () => {
    const s = sweepSteps(() => ({ iterations: 100, status: 'max-iter' }), grid, 100);
    expect(s.robust.count).toEqual({ iterations: 100, status: 'max-iter' });
    expect(Number.isNaN(s.robust.gamma)).toBe(true);
  });

  it('the grid spans 1e-3…1e6 with 8 steps per decade', () => {
    expect(STEP_GRID.length).toBe(73);
    expect(STEP_GRID[0]).toBeCloseTo(1e-3, 15);
    expect(STEP_GRID[72] / 1e6).toBeCloseTo(1, 12);
    expect(STEP_GRID[8] / STEP_GRID[0]).toBeCloseTo(10, 12);
  });
});

describe('C4 sweeps through the platform', () => {
  const d = 32;
  const start = (k: number): Float64Array => {
    const w = new Float64Array(k + d);
    w[0] = 0.01;
    return w;
  };
  // The same sweeps as specs (registry) and as direct runs (the functions the claim called before it used runMany).
  const cases = [
    { data: { source: 'c4-pair', d, xi: 'gaussian', key: [4, d] }, direct: c4Pair(d, { kind: 'gaussian', key: foldIn(key(4), d) }), model: { kind: 'linear' }, init: { kind: 'zeros' }, k: 0, w0: new Float64Array(d) },
    { data: { source: 'c4-pair', d }, direct: c4Pair(d), model: { kind: 'm-cv', k: 2 }, init: { kind: 'basis', index: 0, value: 0.01 }, k: 2, w0: start(2) },
    {
      data: { source: 'c4-multi', d, positives: 4, negatives: 4, noise: 0.5, key: [5, d] }, direct: c4Multi(foldIn(key(5), d), d, { positives: 4, negatives: 4, noise: 0.5 }),
      model: { kind: 'm-cv', k: 1 }, init: { kind: 'normal', key: [1001, d], fanIn: d }, k: 1, w0: normal(foldIn(key(1001), d), d + 1).map((x) => x / Math.sqrt(d)),
    },
  ];

  it('lockstep sweeps make the runs and picks of sweepSteps one run at a time (linear on the pair, m_cv k=2 on the alternating ξ, k=1 from a random start on a family)', async () => {
    const { sweeps, singles } = await sweepStepsMany(
      cases.map((c) => lrGdSweep('test', c.data, c.model, c.init)), STEP_GRID, 100_000, undefined,
      [c4Spec('bp', cases[0].data, { kind: 'linear' }, { kind: 'zeros' }, { name: 'batch-perceptron' }, 1000)],
    );
    cases.forEach((c, i) => {
      const model = c.k === 0 ? linearModel(d) : mCvModel(d, c.k);
      const caps: number[] = [];
      const direct = sweepSteps((g, cap) => {
        caps.push(cap);
        return countLrGd(model, c.direct, c.w0, g, cap);
      }, STEP_GRID, 100_000);
      expect(sweeps[i]).toEqual(direct);
      expect(caps.at(-1), 'the caps came down').toBeLessThan(100_000);
    });
    expect(singles).toEqual([{ iterations: d / 4 + 1, status: 'separated' }]);
  });

  it('a sweep spec at (γ, cap) is the one parseRunSpec gives', () => {
    const runs = lrGdSweep('x', cases[2].data, cases[2].model, cases[2].init);
    for (const [g, cap] of [[STEP_GRID[0], 100_000], [STEP_GRID[40], 17]]) {
      expect(runs(g, cap)).toEqual(c4Spec(`x γ=${g}`, cases[2].data, cases[2].model, cases[2].init, { name: 'lr-gd', step: g }, cap));
    }
  });

  it('the claim at small sizes: a re-run with the same store computes no run and gives the same result; progress is one batch', async () => {
    const store = openStore(mkdtempSync(join(tmpdir(), 'gdlab-c4-')), { create: true });
    const claim = async () => {
      const progress: Progress[] = [];
      const result = await runC4({ dMax: 64, dSmallMax: 32, seeds: 2 }, { store, onProgress: (p) => progress.push(p) });
      return { result, progress };
    };
    const first = await claim();
    const again = await claim();
    const last = first.progress.at(-1) as Progress;
    expect(first.progress.filter((p) => p.finished)).toEqual([last]);
    expect(last.cached).toBe(0);
    expect(last.total).toBeGreaterThan(73 * 10);
    expect(again.progress.at(-1)).toMatchObject({ total: last.total, cached: last.total, done: last.total, iterations: 0, finished: true });
    expect(again.result).toEqual(first.result);
    expect(store.rows().length).toBe(last.total);
  });
});
