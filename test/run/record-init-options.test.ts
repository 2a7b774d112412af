import { describe, expect, it } from 'vitest';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import { GdlabError } from '../../src/core/errors.js';
import { gaussianSeparable } from '../../src/data/synthetic/gaussian-separable.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import { linearModel } from '../../src/models/linear.js';
import type { Model } from '../../src/models/model.js';
import { foldIn, key, normal } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { runLoop } from '../../src/run/loop.js';
import { parseRunSpec } from '../../src/run/run-spec.js';

const base = {
  seed: 4,
  data: { source: 'gaussian-separable', n: 40, d: 6, margin: 0.1 },
  algorithm: { name: 'lr-gd', step: 0.5 },
  stop: { maxIter: 30 },
};

describe('record.gradNorm: false', () => {
  it('leaves ‖∇f‖ out (NaN) and every other column and weight bit-identical', () => {
    const full = executeRun(parseRunSpec({ ...base, record: { every: 1, weights: true } })).result;
    const lean = executeRun(parseRunSpec({ ...base, record: { every: 1, weights: true, gradNorm: false } })).result;
    expect(lean.trajectory.columns.gradNorm.every(Number.isNaN)).toBe(true);
    expect(full.trajectory.columns.gradNorm.every(Number.isFinite)).toBe(true);
    const { gradNorm: _a, ...leanRest } = lean.trajectory.columns;
    const { gradNorm: _b, ...fullRest } = full.trajectory.columns;
    expect(leanRest).toEqual(fullRest);
    expect(lean.trajectory.weights).toEqual(full.trajectory.weights);
  });

  it('saves the pullback per recorded row: LR+GD then costs one pullback per iteration', () => {
    const data = gaussianSeparable(key(1), 30, 4, 0.2);
    let pullbacks = 0;
    const lin = linearModel(4);
    const counted: Model = { ...lin, pullback: (...a: Parameters<Model['pullback']>) => (pullbacks++, lin.pullback(...a)) };
    const run = (gradNorm: boolean): number => {
      pullbacks = 0;
      const r = runLoop(lrGd({ step: 0.1 }), counted, data, new Float64Array(4), {
        loss: logisticLoss, stop: { maxIter: 20, whenSeparated: false }, record: { every: 1 }, recordWeights: false, recordGradNorm: gradNorm, key: key(0), classify: true,
      });
      expect(r.iterations).toBe(20);
      return pullbacks;
    };
    // 20 steps, 21 recorded rows (t = 0 … 20).
    expect(run(false)).toBe(20);
    expect(run(true)).toBe(20 + 21);
  });

  it('is kept out of the spec (and so out of the run key) unless false', () => {
    expect(parseRunSpec({ ...base, record: { every: 1 } }).record).toEqual({ schedule: { every: 1 }, weights: false });
    expect(parseRunSpec({ ...base, record: { every: 1, gradNorm: true } }).record).toEqual({ schedule: { every: 1 }, weights: false });
    expect(parseRunSpec({ ...base, record: { every: 1, gradNorm: false } }).record).toEqual({ schedule: { every: 1 }, weights: false, gradNorm: false });
    expect(() => parseRunSpec({ ...base, record: { gradNorm: 'no' } })).toThrow(/^record\.gradNorm: .*\(got "no"\)$/);
  });
});

describe("record.weights: 'last'", () => {
  it('keeps only w at the last iteration: the final row of a weights: true run', () => {
    const all = executeRun(parseRunSpec({ ...base, record: { every: 1, weights: true } })).result;
    const last = executeRun(parseRunSpec({ ...base, record: { every: 1, weights: 'last' } })).result;
    expect(last.trajectory.weights).toEqual([all.trajectory.weights[all.trajectory.weights.length - 1]]);
    expect(last.trajectory.weights[0]).toEqual(last.w);
    expect(last.trajectory.columns).toEqual(all.trajectory.columns);
  });

  it('a diverged run: the final w, where w or the outputs are not finite (the loop records no row there)', () => {
    const o = executeRun(parseRunSpec({
      data: { source: 'gaussian-separable', n: 20, d: 3 }, model: { kind: 'm-cv', k: 1 }, init: { kind: 'vector', values: [1, 1, 1, 1] },
      algorithm: { name: 'lr-gd', step: 1e6 }, stop: { maxIter: 1000 }, record: { every: 1, weights: 'last' },
    }));
    const r = o.result;
    expect(r.status).toBe('diverged');
    expect(r.trajectory.columns.iter.at(-1)).toBe(r.iterations - 1);
    expect(r.trajectory.weights).toEqual([r.w]);
    const m = new Float64Array(20);
    o.model.forward(r.w, o.data, m);
    expect([...r.w, ...m].every(Number.isFinite)).toBe(false);
  });

  it('other values are one-line errors', () => {
    expect(() => parseRunSpec({ ...base, record: { weights: 'first' } })).toThrow(/^record\.weights: .*\(got "first"\)$/);
  });
});

describe('init normal-blocks', () => {
  const w0 = (init: unknown, model: unknown = { kind: 'm-cv', k: 3 }) =>
    executeRun(parseRunSpec({ ...base, model, init, stop: { maxIter: 0 } })).w0;

  it('c ~ N(0, 1/k), v ~ N(0, 1/d): the init key’s normal draws divided by √k and √d', () => {
    const g = normal(foldIn(key(4), 1), 3 + 6);
    expect(w0({ kind: 'normal-blocks', blocks: [{ size: 3 }, {}] })).toEqual(Float64Array.from(g, (x, j) => x / Math.sqrt(j < 3 ? 3 : 6)));
    // Explicit sizes and fan-ins, and a key path: key(7) folded with 1 then 2.
    const h = normal(foldIn(foldIn(key(7), 1), 2), 9);
    expect(w0({ kind: 'normal-blocks', blocks: [{ size: 2, fanIn: 16 }, { size: 7, fanIn: 25 }], key: [7, 1, 2] })).toEqual(Float64Array.from(h, (x, j) => x / (j < 2 ? 4 : 5)));
  });

  it('blocks that do not cover the parameters are one-line errors', () => {
    expect(() => w0({ kind: 'normal-blocks', blocks: [{}, { size: 3 }] })).toThrow(/^init\.blocks\[0\]\.size: only the last block/);
    expect(() => w0({ kind: 'normal-blocks', blocks: [{ size: 3 }, { size: 5 }] })).toThrow(/^init\.blocks: .*9 parameters \(got "sizes summing to 8"\)$/);
    expect(() => w0({ kind: 'normal-blocks', blocks: [{ size: 9 }, {}] })).toThrow(/^init\.blocks: .*9 parameters/);
    expect(() => w0({ kind: 'normal-blocks', blocks: [] })).toThrow(GdlabError);
    expect(() => w0({ kind: 'normal-blocks', blocks: [{ size: 3, fanIn: 0 }, {}] })).toThrow(/^init\.blocks\[0\]\.fanIn: must be an integer ≥ 1 \(got 0\)$/);
  });
});

describe('init.perturb', () => {
  const w0 = (init: unknown, seed = 4) => executeRun(parseRunSpec({ ...base, seed, init, stop: { maxIter: 0 } })).w0;

  it('moves w₀ by size along the seeded direction u/‖u‖, u ~ N(0, I) from foldIn(foldIn(key(seed), 3), stream)', () => {
    const u = normal(foldIn(foldIn(key(4), 3), 2), 6);
    const un = Math.hypot(...u);
    const p = w0({ kind: 'zeros', perturb: { size: 1e-3, stream: 2 } });
    p.forEach((x, j) => expect(x).toBeCloseTo((1e-3 * u[j]) / un, 18));
    expect(Math.hypot(...p)).toBeCloseTo(1e-3, 15);
    // Any kind: the normal start plus the perturbation, 1e-12 away.
    const start = w0({ kind: 'normal' });
    const moved = w0({ kind: 'normal', perturb: { size: 1e-12 } });
    // Up to the rounding of x + δu_j at |x| ~ 1 (ulp 2.2e-16).
    expect(Math.abs(Math.hypot(...moved.map((x, j) => x - start[j])) - 1e-12)).toBeLessThan(1e-15);
    // Another stream, another direction; the same stream, the same start.
    expect(w0({ kind: 'zeros', perturb: { size: 1e-3, stream: 3 } })).not.toEqual(p);
    expect(w0({ kind: 'zeros', perturb: { size: 1e-3, stream: 2 } })).toEqual(p);
  });

  it('is in the spec (stream defaulting to 0) only when given; bad values are one-line errors', () => {
    expect(parseRunSpec({ ...base, init: { kind: 'zeros', perturb: { size: 0.5 } } }).init).toEqual({ name: 'zeros', options: { perturb: { size: 0.5, stream: 0 } } });
    expect(parseRunSpec({ ...base, init: 'zeros' }).init).toEqual({ name: 'zeros', options: {} });
    expect(() => parseRunSpec({ ...base, init: { kind: 'zeros', perturb: { size: 0 } } })).toThrow(/^init\.perturb\.size: must be a finite number > 0 \(got 0\)$/);
    expect(() => parseRunSpec({ ...base, init: { kind: 'zeros', perturb: { size: 1, stream: -1 } } })).toThrow(/^init\.perturb\.stream: /);
    expect(() => parseRunSpec({ ...base, init: { kind: 'zeros', perturb: { size: 1, scale: 2 } } })).toThrow(/^init\.perturb\.scale: unknown field/);
    expect(() => parseRunSpec({ ...base, init: { kind: 'nope', perturb: { size: 1 } } })).toThrow(/^init\.kind: unknown kind/);
  });
});
