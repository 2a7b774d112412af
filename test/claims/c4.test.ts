// C4: the batch perceptron's exact count d/4 + 1 on the pair, the Ω(d) bound for LR+GD at every step, and the capped robust step sweep against brute force.
import { describe, expect, it } from 'vitest';
import { batchPerceptron } from '../../src/algorithms/batch-perceptron.js';
import { type Count, STEP_GRID, countLrGd, logGrid, sweepSteps } from '../../src/claims/c4.js';
import { c4Pair } from '../../src/data/synthetic/c4-pair.js';
import { linearModel } from '../../src/models/linear.js';
import { mCvModel } from '../../src/models/m-cv.js';
import { key } from '../../src/rng/index.js';
import { simpleRun } from '../../src/run/simple-run.js';

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
