import { describe, expect, it } from 'vitest';
import { batchPerceptron } from '../../src/algorithms/batch-perceptron.js';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { p0TwoPoints } from '../../src/data/synthetic/p0-two-points.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { shouldRecord } from '../../src/run/schedule.js';
import { simpleRun } from '../../src/run/simple-run.js';

describe('run loop', () => {
  it('stops at max-iter with the budget as the iteration count', () => {
    const r = simpleRun(lrGd({ step: 0.001 }), p0TwoPoints(), { maxIter: 5, record: { every: 1 } });
    expect(r.status).toBe('max-iter');
    expect(r.iterations).toBe(5);
    expect(r.trajectory.columns.iter).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('records a row at the stopping iteration even off-schedule', () => {
    const r = simpleRun(batchPerceptron(), p0TwoPoints(), { record: { every: 100 } });
    expect(r.trajectory.columns.iter).toEqual([0, 2]);
    expect(r.trajectory.columns.misclassified).toEqual([2, 0]);
    expect(r.trajectory.columns.accuracy).toEqual([0, 1]);
  });

  it('ends with status diverged when the weights overflow to ±Inf', () => {
    const data = labelled('big', [[10, 10], [-10, -10]], [1, -1]);
    const r = simpleRun(lrGd({ step: 1e308 }), data, { maxIter: 10, whenSeparated: false });
    expect(r.status).toBe('diverged');
    expect(r.iterations).toBeLessThan(10);
  });

  it('records loss, ‖∇f‖, margin and ‖w‖ consistent with their definitions', () => {
    const r = simpleRun(batchPerceptron(), p0TwoPoints(), { record: { every: 1 } });
    const c = r.trajectory.columns;
    // θ₂ = (1, 1/4): margins y_i b_iᵀθ = (3/4, 2); loss = mean log(1+e^{−m})
    expect(c.loss[2]).toBeCloseTo((Math.log1p(Math.exp(-0.75)) + Math.log1p(Math.exp(-2))) / 2, 15);
    expect(c.wNorm[2]).toBeCloseTo(Math.hypot(1, 0.25), 15);
    expect(c.minMargin[2]).toBe(0.75);
    expect(c.margin[2]).toBeCloseTo(0.75 / Math.hypot(1, 0.25), 15);
    const s1 = 1 / (1 + Math.exp(0.75));
    const s2 = 1 / (1 + Math.exp(2));
    const g = [-(s1 * 1 + s2 * 1) / 2, -(s1 * -1 + s2 * 4) / 2];
    expect(c.gradNorm[2]).toBeCloseTo(Math.hypot(g[0], g[1]), 15);
  });
});

describe('recording schedules', () => {
  const take = (s: Parameters<typeof shouldRecord>[0], upTo: number): number[] =>
    Array.from({ length: upTo + 1 }, (_, t) => t).filter((t) => shouldRecord(s, t));
  it('every k', () => expect(take({ every: 3 }, 10)).toEqual([0, 3, 6, 9]));
  it('log-spaced: ⌈10^{j/p}⌉', () => {
    expect(take({ logSpaced: 1 }, 1000)).toEqual([0, 1, 10, 100, 1000]);
    expect(take({ logSpaced: 3 }, 100)).toEqual([0, 1, 3, 5, 10, 22, 47, 100]);
  });
  it('explicit iterations', () => expect(take({ at: [2, 7] }, 10)).toEqual([0, 2, 7]));
});

describe('determinism', () => {
  it('the same spec and seed give bit-identical trajectories and weights', () => {
    const raw = {
      seed: 11,
      data: { source: 'gaussian-separable', n: 60, d: 5, margin: 0.05 },
      algorithm: { name: 'online-perceptron', pick: 'random' },
      init: { kind: 'normal', scale: 0.1 },
      record: { every: 1, weights: true },
    };
    const a = executeRun(parseRunSpec(raw)).result;
    const b = executeRun(parseRunSpec(raw)).result;
    expect(a.status).toBe('separated');
    expect(b.trajectory.columns).toEqual(a.trajectory.columns);
    expect(b.trajectory.weights).toEqual(a.trajectory.weights);
    const other = executeRun(parseRunSpec({ ...raw, seed: 12 })).result;
    expect(other.trajectory.weights[0]).not.toEqual(a.trajectory.weights[0]);
  });
});
