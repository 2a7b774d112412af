import { describe, expect, it } from 'vitest';
import type { Algorithm, AlgorithmState } from '../../src/algorithms/algorithm.js';
import { GdlabError } from '../../src/core/errors.js';
import { p0TwoPoints } from '../../src/data/synthetic/p0-two-points.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import { linearModel } from '../../src/models/linear.js';
import { key } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { runLoop } from '../../src/run/loop.js';
import { parseRunSpec } from '../../src/run/run-spec.js';

const regression = {
  seed: 1,
  data: { source: 'gaussian-regression', n: 6, d: 3 },
  model: { kind: 'mlp', widths: [8], activation: 'leaky-relu', slope: 0.1, outputs: 1 },
  loss: 'squared',
  init: { kind: 'normal' },
  stop: { maxIter: 30 },
  record: { every: 10 },
};

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GdlabError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('run specs with the squared loss, MLPs and curvature metrics', () => {
  it('runs GD end to end and records the named metrics as columns', () => {
    const spec = parseRunSpec({ ...regression, algorithm: { name: 'gd', step: 0.05 }, metrics: ['sharpness', 'ntk-min', 'ntk-max', 'ntk-rho'] });
    expect(spec.algorithm.options.loss).toBe('squared'); // filled from the spec's loss
    const { result } = executeRun(spec);
    const c = result.trajectory.columns;
    expect(c.iter).toEqual([0, 10, 20, 30]);
    expect(c.loss[3]).toBeLessThan(c.loss[0]);
    for (let k = 0; k < 4; k++) {
      expect(c['ntk-min'][k]).toBeGreaterThan(0);
      expect(c['ntk-min'][k]).toBeLessThanOrEqual(c['ntk-rho'][k]);
      expect(c['ntk-rho'][k]).toBeLessThanOrEqual(c['ntk-max'][k]);
      expect(c.sharpness[k]).toBeGreaterThan(0);
    }
    expect(Number.isNaN(c.accuracy[0])).toBe(true); // regression: no classification columns
  });

  it('runs the gradient flow from a spec; its loss never increases', () => {
    // tanh: a smooth flow (leaky-ReLU flows can slide along kinks, where the integrator needs tiny steps; docs/curvature.md).
    const model = { ...regression.model, activation: 'tanh' };
    const { result } = executeRun(parseRunSpec({ ...regression, model, algorithm: { name: 'gradient-flow', dt: 0.1 } }));
    const L = result.trajectory.columns.loss;
    expect(result.status).toBe('max-iter');
    for (let k = 1; k < L.length; k++) expect(L[k]).toBeLessThan(L[k - 1]);
  });

  it.each([
    [{ metrics: ['sharpness', 'hessian'] }, /^metrics\[1\]: unknown metric \(got "hessian"\); expected one of sharpness, ntk-min, ntk-max, ntk-rho$/],
    [{ metrics: ['ntk-min', 'ntk-min'] }, /^metrics\[1\]: listed twice/],
    [{ algorithm: { name: 'gradient-flow', dt: 0.1, loss: 'logistic' } }, /^algorithm\.loss: must match the spec's loss "squared" \(got "logistic"\)$/],
    [{ algorithm: { name: 'gradient-flow', dt: -1 } }, /^algorithm\.dt: must be a finite number > 0/],
  ])('rejects %j', (extra, pattern) => {
    expect(errorOf(() => parseRunSpec({ ...regression, algorithm: { name: 'gd', step: 0.1 }, ...extra }))).toMatch(pattern);
  });

  it('rejects an MLP whose outputs differ from the data', () => {
    const spec = parseRunSpec({ ...regression, model: { ...regression.model, outputs: 2 }, algorithm: { name: 'gd', step: 0.1 } });
    expect(errorOf(() => executeRun(spec))).toBe('model.outputs: the data have 1 outputs per sample (got 2)');
  });
});

describe('run loop: an algorithm that reports a failure', () => {
  it("stops with status 'failed', the reason, and the last iterate's row recorded once", () => {
    const failAt3: Algorithm<AlgorithmState> = {
      name: 'fails-at-3',
      init: (w0) => ({ w: Float64Array.from(w0), t: 0 }),
      step(s) {
        if (s.t === 3) {
          s.failure = 'cannot continue';
          return;
        }
        s.w[0] += 0.01;
        s.t++;
      },
    };
    for (const every of [1, 2]) {
      const r = runLoop(failAt3, linearModel(2), p0TwoPoints(), new Float64Array(2), {
        loss: logisticLoss, stop: { maxIter: 10, whenSeparated: false }, record: { every }, recordWeights: true, key: key(0), classify: true,
      });
      expect(r.status).toBe('failed');
      expect(r.failure).toBe('cannot continue');
      expect(r.iterations).toBe(3);
      expect(r.trajectory.columns.iter).toEqual(every === 1 ? [0, 1, 2, 3] : [0, 2, 3]);
      expect(r.trajectory.weights[r.trajectory.weights.length - 1][0]).toBeCloseTo(0.03, 15);
    }
  });
});
