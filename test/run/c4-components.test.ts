// The registry entries C4's runs need: c4-pair with a Gaussian ξ, c4-multi, the `key` option (a draw shared across run seeds), the normal init's fanIn, and the basis init.
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.js';
import { c4Pair } from '../../src/data/synthetic/c4-pair.js';
import { foldIn, key, normal } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';


/** Build a run's data and start without iterating. */
const start = (raw: Record<string, unknown>) => executeRun(parseRunSpec({ algorithm: { name: 'lr-gd', step: 1 }, stop: { maxIter: 0 }, ...raw }));
const row = (x: Float64Array, i: number, d: number): number[] => Array.from(x.subarray(i * d, (i + 1) * d));
const sum = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0);

describe('C4 registry entries', () => {
  it('c4-pair with a Gaussian ξ: b₁ = (1+ξ)/d with ξ ⟂ 1 and ‖ξ‖² = d, b₂ = 1, labels +1/−1', () => {
    const d = 50;
    const { data } = start({ data: { source: 'c4-pair', d, xi: 'gaussian' } });
    const xi = row(data.X.data as Float64Array, 0, d).map((b) => d * b - 1);
    expect(Math.abs(sum(xi))).toBeLessThan(1e-9);
    expect(sum(xi.map((x) => x * x))).toBeCloseTo(d, 9);
    expect(row(data.X.data as Float64Array, 1, d)).toEqual(new Array(d).fill(1));
    expect(Array.from(data.y)).toEqual([1, -1]);
  });

  it('key: [seed, folds…] draws from key(seed) folded with each, whatever the run seed; without it the run seed decides', () => {
    const d = 16;
    const pair = (seed: number, k?: number[]) => start({ seed, data: { source: 'c4-pair', d, xi: 'gaussian', ...(k ? { key: k } : {}) } }).data.X.data;
    expect(pair(0, [4, d])).toEqual(pair(7, [4, d]));
    expect(pair(0, [4, d])).toEqual(c4Pair(d, { kind: 'gaussian', key: foldIn(key(4), d) }).X.data);
    expect(pair(0)).not.toEqual(pair(7));
    expect(errorOf(() => start({ data: { source: 'c4-pair', d, key: [4] } }))).toMatch(/^data\.key: .*only with xi: gaussian/);
    expect(errorOf(() => parseRunSpec({ data: { source: 'c4-pair', d, xi: 'gaussian', key: [4, 2 ** 32] }, algorithm: { name: 'lr-gd', step: 1 } }))).toMatch(/^data\.key: entries must be < 2\^32/);
    expect(errorOf(() => parseRunSpec({ data: { source: 'c4-pair', d, xi: 'gaussian', key: [] }, algorithm: { name: 'lr-gd', step: 1 } }))).toMatch(/^data\.key/);
  });

  it('c4-multi: p positives (1+ξ_j)/d, ξ_j ⟂ 1, then q negatives 1 (σ = 0) or 1 + σζ with ζ ⟂ 1, ‖ζ‖² = d', () => {
    const d = 20;
    const { data } = start({ data: { source: 'c4-multi', d, positives: 3, negatives: 2 } });
    const x = data.X.data as Float64Array;
    expect([data.X.rows, data.X.cols]).toEqual([5, d]);
    expect(Array.from(data.y)).toEqual([1, 1, 1, -1, -1]);
    for (const i of [0, 1, 2]) expect(Math.abs(sum(row(x, i, d).map((b) => d * b - 1)))).toBeLessThan(1e-9);
    for (const i of [3, 4]) expect(row(x, i, d)).toEqual(new Array(d).fill(1));
    const noisy = start({ data: { source: 'c4-multi', d, positives: 1, negatives: 2, noise: 0.5 } }).data.X.data as Float64Array;
    const zeta = row(noisy, 2, d).map((b) => (b - 1) / 0.5);
    expect(Math.abs(sum(zeta))).toBeLessThan(1e-9);
    expect(sum(zeta.map((z) => z * z))).toBeCloseTo(d, 9);
    expect(errorOf(() => parseRunSpec({ data: { source: 'c4-multi', d, positives: 0, negatives: 1 }, algorithm: { name: 'lr-gd', step: 1 } }))).toMatch(/^data\.positives: must be an integer ≥ 1/);
  });

  it('normal init: fanIn divides N(0, I) by √fanIn (variance 1/fanIn); key as for data; not together with scale', () => {
    const d = 4000;
    const data = { source: 'c4-pair', d: 8 };
    const w = start({ data, model: { kind: 'linear' }, init: { kind: 'normal', fanIn: 16, key: [9, 3] } }).w0;
    expect(w.length).toBe(8);
    expect(w).toEqual(normal(foldIn(key(9), 3), 8).map((x) => x / 4));
    const big = start({ data: { source: 'c4-pair', d }, init: { kind: 'normal', fanIn: 25 } }).w0;
    const variance = sum(Array.from(big, (x) => x * x)) / d;
    expect(Math.abs(variance - 1 / 25)).toBeLessThan(5 * (Math.SQRT2 / Math.sqrt(d)) / 25); // 5 standard errors
    expect(errorOf(() => start({ data, init: { kind: 'normal', fanIn: 4, scale: 2 } }))).toMatch(/^init\.fanIn: .*give scale or fanIn, not both/);
  });

  it('basis init: value·e_index (m_cv k=2 from c = (0.01, 0), v = 0), index checked against the model', () => {
    const { w0 } = start({ data: { source: 'c4-pair', d: 4 }, model: { kind: 'm-cv', k: 2 }, init: { kind: 'basis', index: 0, value: 0.01 } });
    expect(Array.from(w0)).toEqual([0.01, 0, 0, 0, 0, 0]);
    expect(errorOf(() => start({ data: { source: 'c4-pair', d: 4 }, init: { kind: 'basis', index: 4, value: 1 } }))).toMatch(/^init\.index: .*the model has 4 parameters/);
  });
});
