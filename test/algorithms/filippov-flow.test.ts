import { describe, expect, it } from 'vitest';
import { filippovFlow } from '../../src/algorithms/filippov-flow.js';
import { gradientFlowRhs } from '../../src/algorithms/gradient-flow.js';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { dormandPrince } from '../../src/linalg/index.js';
import { squaredLoss } from '../../src/losses/squared.js';
import { twoLayerLeaky } from '../../src/models/two-layer-leaky.js';
import { foldIn, key, normal } from '../../src/rng/index.js';

const data = gaussianRegression(key(21), 8, 5, 1);
const net = twoLayerLeaky(5, 4, 1, 0.1);
const theta0 = (seed: number): Float64Array => normal(foldIn(key(22), seed), net.numParams);
const dist = (a: Float64Array, b: Float64Array): number => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0));

/** GD w ← w − η∇L with the model's sign slopes, K steps. */
function gdTo(w0: Float64Array, eta: number, K: number): Float64Array {
  const w = Float64Array.from(w0);
  const m = new Float64Array(8);
  const g = new Float64Array(net.numParams);
  for (let k = 0; k < K; k++) {
    const cache = net.forward(w, data, m);
    for (let i = 0; i < 8; i++) m[i] -= data.y[i];
    net.pullback(w, data, m, g, cache);
    for (let j = 0; j < w.length; j++) w[j] -= eta * g[j];
  }
  return w;
}

describe('Filippov gradient flow of a two-layer leaky-ReLU net', () => {
  it('equals the classical Dormand–Prince flow while no kink is met', () => {
    const w0 = theta0(0);
    const times = [0.002, 0.004];
    const r = filippovFlow(net, data, w0, times, { rtol: 1e-11, atol: 1e-13 });
    expect(r.status).toBe('ok');
    expect(r.crossings + r.slides + r.exits).toBe(0);
    const c = dormandPrince(gradientFlowRhs(net, data, squaredLoss), w0, 0, { times, rtol: 1e-11, atol: 1e-13 });
    for (let k = 0; k < 2; k++) expect(dist(r.y[k], c.y[k])).toBeLessThan(1e-12);
    expect(dist(r.y[1], w0)).toBeGreaterThan(1e-3);
  });

  it('crosses kinks like the classical flow, which can still resolve a crossing (no sliding)', () => {
    // Seed 1 crosses five kinks in t ≤ 1 and slides on none.
    const w0 = theta0(1);
    const r = filippovFlow(net, data, w0, [1], { rtol: 1e-11, atol: 1e-13 });
    expect(r.crossings).toBe(5);
    expect(r.slides).toBe(0);
    const c = dormandPrince(gradientFlowRhs(net, data, squaredLoss), w0, 0, { times: [1], rtol: 1e-11, atol: 1e-13 });
    expect(c.status).toBe('ok');
    expect(dist(r.y[0], c.y[0])).toBeLessThan(1e-7 * dist(c.y[0], w0));
  });

  it('slides on kinks (z = 0, slope inside [α, 1]) and is the limit of GD as η → 0, at first order', () => {
    // Seed 7 slides from t ≈ 0.17 on (found by running the flow; checked below).
    const w0 = theta0(7);
    const T = 1;
    const r = filippovFlow(net, data, w0, [T / 2, T], { rtol: 1e-11, atol: 1e-13 });
    expect(r.status).toBe('ok');
    expect(r.slides).toBeGreaterThan(0);
    expect(r.slidingTime).toBeGreaterThan(0.1);
    const z = new Float64Array(8 * 4);
    r.y.forEach((w, k) => {
      net.preActivations(w, data, z);
      r.slopes[k].forEach((s, q) => {
        expect(s).toBeGreaterThanOrEqual(0.1 - 1e-9);
        expect(s).toBeLessThanOrEqual(1 + 1e-9);
        if (s !== 1 && s !== 0.1) expect(Math.abs(z[q])).toBeLessThan(1e-12);
      });
    });
    // Explicit Euler (GD) chatters around the kink with amplitude O(η); its error to the Filippov solution halves with η.
    const errs = [4000, 8000, 16000].map((K) => dist(gdTo(w0, T / K, K), r.y[1]));
    expect(errs[0] / errs[1]).toBeGreaterThan(1.6);
    expect(errs[0] / errs[1]).toBeLessThan(2.5);
    expect(errs[1] / errs[2]).toBeGreaterThan(1.6);
    expect(errs[1] / errs[2]).toBeLessThan(2.5);
    expect(errs[2]).toBeLessThan(1e-2 * dist(r.y[1], w0));
  });

  it('satisfies dL/dt = −rᵀG(s)r = −‖J(s)ᵀr‖² on a sliding stretch', () => {
    const w0 = theta0(7);
    const c = 0.8;
    const h = 1e-4;
    const times = [-2, -1, 0, 1, 2].map((k) => c + k * h);
    const r = filippovFlow(net, data, w0, times, { rtol: 1e-12, atol: 1e-14 });
    const sliding = r.slopes.map((s) => Array.from(s).filter((x) => x !== 1 && x !== 0.1).length);
    expect(sliding[2]).toBeGreaterThan(0);
    expect(new Set(r.slopes.map((s) => Array.from(s, (x) => (x === 1 ? '+' : x === 0.1 ? '-' : '0')).join(''))).size).toBe(1);
    const z = new Float64Array(32);
    const f = new Float64Array(8);
    const L = r.y.map((w, k) => {
      net.preActivations(w, data, z);
      net.outputsWith(w, z, r.slopes[k], f);
      return squaredLoss.value(f, data.y);
    });
    const dLdt = (L[0] - 8 * L[1] + 8 * L[3] - L[4]) / (12 * h);
    net.preActivations(r.y[2], data, z);
    net.outputsWith(r.y[2], z, r.slopes[2], f);
    const res = f.map((x, i) => x - data.y[i]);
    const g = new Float64Array(net.numParams);
    net.pullbackWith(r.y[2], data, z, r.slopes[2], res, g);
    const want = -g.reduce((s, x) => s + x * x, 0);
    expect(Math.abs(dLdt - want)).toBeLessThan(1e-7 * Math.abs(want));
  });
});
