// The spec features C8's runs need: a key path on the Gaussian data sources, the hand-written one-layer leaky-ReLU mlp, and record.metricsAt.
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.js';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { gaussianSeparable } from '../../src/data/synthetic/gaussian-separable.js';
import { foldIn, key } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';


const regression = { source: 'gaussian-regression', n: 6, d: 3 };
const mlp = { kind: 'mlp', widths: [3], activation: 'leaky-relu', slope: 0.2 };
const run = (raw: Record<string, unknown>) =>
  executeRun(parseRunSpec({ data: regression, model: mlp, init: 'normal', loss: 'squared', algorithm: { name: 'gd', step: 0.05 }, stop: { maxIter: 0 }, ...raw }));

describe('C8 spec features', () => {
  it('data key [seed, folds…]: gaussian-regression and gaussian-separable draw from key(seed) folded in order, whatever the run seed', () => {
    const chain = foldIn(foldIn(foldIn(key(200), 3), 0), 6);
    for (const seed of [0, 5]) {
      const { data } = run({ seed, data: { ...regression, key: [200, 3, 0, 6] } });
      const want = gaussianRegression(chain, 6, 3, 1);
      expect(data.X.data).toEqual(want.X.data);
      expect(data.y).toEqual(want.y);
    }
    expect(run({ seed: 0 }).data.y).not.toEqual(run({ seed: 5 }).data.y);
    const sep = run({ data: { source: 'gaussian-separable', n: 10, d: 4, margin: 0.05, key: [200, 1000] }, loss: 'logistic', model: 'linear', init: 'zeros' }).data;
    expect(sep.X.data).toEqual(gaussianSeparable(foldIn(key(200), 1000), 10, 4, 0.05).X.data);
    expect(errorOf(() => parseRunSpec({ data: { ...regression, key: [1, 2 ** 32] }, algorithm: { name: 'gd', step: 1 } }))).toMatch(/^data\.key: entries must be < 2\^32/);
  });

  it('mlp implementation: hand-written is the same function as the autodiff MLP (same outputs, gradients to rounding, GD paths)', () => {
    const gd = { stop: { maxIter: 30 }, record: { every: 1, weights: true } };
    const auto = run(gd);
    const hand = run({ ...gd, model: { ...mlp, implementation: 'hand-written' } });
    expect(hand.model.numParams).toBe(auto.model.numParams);
    expect(hand.w0).toEqual(auto.w0);
    const out = (m: typeof auto.model, w: Float64Array): Float64Array => {
      const o = new Float64Array(6);
      m.forward(w, auto.data, o);
      return o;
    };
    expect(out(hand.model, auto.w0)).toEqual(out(auto.model, auto.w0));
    const gradient = (m: typeof auto.model): Float64Array => {
      const g = new Float64Array(m.numParams);
      m.pullback(auto.w0, auto.data, Float64Array.from(auto.data.y, (_, i) => i - 2.5), g);
      return g;
    };
    const [ga, gh] = [gradient(auto.model), gradient(hand.model)];
    ga.forEach((x, j) => expect(Math.abs(gh[j] - x)).toBeLessThan(1e-13 * (1 + Math.abs(x))));
    hand.result.trajectory.weights.forEach((w, k) => w.forEach((x, j) => expect(Math.abs(x - auto.result.trajectory.weights[k][j])).toBeLessThan(1e-11)));
    for (const bad of [{ widths: [3, 3] }, { activation: 'relu' }, { scaling: 'standard' }, { bias: false }]) {
      expect(errorOf(() => run({ model: { ...mlp, ...bad, implementation: 'hand-written' } }))).toBe(
        'model.implementation: exists for one hidden layer with activation leaky-relu, scaling ntk and biases (got "hand-written")',
      );
    }
  });

  it('record.metricsAt: the metrics at the listed iterations only (NaN at the other rows), every other column unchanged', () => {
    const base = { stop: { maxIter: 6 }, metrics: ['ntk-min', 'ntk-rho'] };
    const all = run({ ...base, record: { every: 1 } }).result.trajectory.columns;
    const some = run({ ...base, record: { every: 1, metricsAt: [0, 4] } }).result.trajectory.columns;
    for (const m of ['ntk-min', 'ntk-rho']) {
      expect(some[m].map((x, k) => ([0, 4].includes(k) ? x === all[m][k] : Number.isNaN(x)))).toEqual(new Array(7).fill(true));
    }
    const { 'ntk-min': _a, 'ntk-rho': _b, ...rest } = some;
    const { 'ntk-min': _c, 'ntk-rho': _d, ...restAll } = all;
    expect(rest).toEqual(restAll);
    expect(errorOf(() => run({ record: { every: 1, metricsAt: [0] } }))).toBe('record.metricsAt: only with metrics (got [0])');
  });
});
