import { describe, expect, it } from 'vitest';
import { filippovFlow } from '../../src/algorithms/filippov-flow.js';
import { GdlabError } from '../../src/core/errors.js';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { squaredLoss } from '../../src/losses/squared.js';
import { ntkRayleigh } from '../../src/metrics/curvature-metrics.js';
import { twoLayerLeaky } from '../../src/models/two-layer-leaky.js';
import { foldIn, key, normal } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';

// The setting of test/algorithms/filippov-flow.test.ts: seed 7 slides on kinks from t ≈ 0.17 on.
const data = gaussianRegression(key(21), 8, 5, 1);
const net = twoLayerLeaky(5, 4, 1, 0.1);
const w0 = normal(foldIn(key(22), 7), net.numParams);
const c = 0.8;
const h = 1e-4;
const stencil = [-2, -1, 0, 1, 2].map((k) => c + k * h);
const times = [0.1, 0.2, 0.4, 0.6, ...stencil, 1];
const rtol = 1e-12;
const atol = 1e-14;

const spec = (over: Record<string, unknown> = {}) => parseRunSpec({
  data: { source: 'gaussian-regression', n: 8, d: 5, key: [21] },
  model: { kind: 'mlp', widths: [4], activation: 'leaky-relu', slope: 0.1, implementation: 'hand-written' },
  init: { kind: 'normal', key: [22, 7] },
  loss: 'squared',
  algorithm: { name: 'filippov-flow', times, rtol, atol },
  stop: { maxIter: times.length },
  record: { every: 1, weights: true, metricsAt: [0, 7] },
  metrics: ['ntk-min', 'ntk-max', 'ntk-rho'],
  ...over,
});

describe('the filippov-flow algorithm (a run spec)', () => {
  const run = executeRun(spec()).result;
  const col = run.trajectory.columns;
  const direct = filippovFlow(net, data, w0, times, { rtol, atol });

  it('hands out θ(times[k−1]) as iteration k, and reports kink events and sliding time so far', () => {
    expect(run.status).toBe('max-iter');
    expect(run.iterations).toBe(times.length);
    expect(run.trajectory.weights[0]).toEqual(w0);
    direct.y.forEach((y, k) => expect(run.trajectory.weights[k + 1]).toEqual(y));
    expect(col['kink-events'][0]).toBe(0);
    expect(col['kink-events'].at(-1)).toBe(direct.eventTimes.length);
    expect(direct.eventTimes.length).toBeGreaterThan(0);
    times.forEach((t, k) => expect(col['kink-events'][k + 1]).toBe(direct.eventTimes.filter((te) => te <= t).length));
    // Sliding time: 0 at the start, then it grows by at most the elapsed time; over the stencil (sliding throughout) by exactly 4h.
    const s = col['sliding-time'];
    expect(s[0]).toBe(0);
    [0, ...times].forEach((t, k) => k > 0 && expect(s[k] - s[k - 1]).toBeLessThanOrEqual(t - [0, ...times][k - 1] + 1e-15));
    expect(s.at(-1)).toBe(direct.slidingTime);
    expect(s[9] - s[5]).toBeCloseTo(4 * h, 15);
  });

  it('takes its NTK metrics with the slopes in force: ρ then satisfies dL/dt = −2ρL on a slide, the sign slopes do not', () => {
    // Rows 5…9 are the stencil around t = 0.8, row 7 its centre; metrics only at rows 0 and 7.
    expect(col['ntk-rho'].map((x, k) => Number.isNaN(x) === (k !== 0 && k !== 7))).toEqual(col.iter.map(() => true));
    expect(col['kink-events'][9]).toBe(col['kink-events'][5]);
    const L = col.loss.slice(5, 10);
    const dLdt = (L[0] - 8 * L[1] + 8 * L[3] - L[4]) / (12 * h);
    const want = -2 * col['ntk-rho'][7] * L[2];
    expect(Math.abs(dLdt - want)).toBeLessThan(1e-7 * Math.abs(want));
    const m = new Float64Array(8);
    net.forward(run.trajectory.weights[7], data, m);
    const signRho = ntkRayleigh(net, data, squaredLoss, run.trajectory.weights[7], m);
    expect(Math.abs(dLdt + 2 * signRho * L[2])).toBeGreaterThan(1e-3 * Math.abs(want));
    expect(col['ntk-min'][7]).toBeGreaterThanOrEqual(0);
    expect(col['ntk-min'][7]).toBeLessThanOrEqual(col['ntk-rho'][7]);
    expect(col['ntk-rho'][7]).toBeLessThanOrEqual(col['ntk-max'][7]);
  });

  it('fails past its last time, and refuses other models, losses and unordered times', () => {
    const over = executeRun(spec({ algorithm: { name: 'filippov-flow', times: [0.1, 0.2] }, stop: { maxIter: 3 }, metrics: [], record: { every: 1 } })).result;
    expect(over.status).toBe('failed');
    expect(over.iterations).toBe(2);
    expect(over.failure).toMatch(/no output time after t = 0\.2/);
    const fails = (over: Record<string, unknown>, message: RegExp) => {
      expect(() => executeRun(spec(over))).toThrow(GdlabError);
      expect(() => executeRun(spec(over))).toThrow(message);
    };
    fails({ model: { kind: 'mlp', widths: [4], activation: 'leaky-relu', slope: 0.1 } }, /filippov-flow needs model .*hand-written.* \(got mlp\(4,leaky-relu:0\.1,M=1\)\)/);
    fails({ loss: 'logistic' }, /^loss: filippov-flow integrates the squared loss only \(got "logistic"\)/);
    fails({ algorithm: { name: 'filippov-flow', times: [0.2, 0.2] } }, /^algorithm\.times\[1\]: must be greater than times\[0\] = 0\.2 \(got 0\.2\)/);
  });
});
