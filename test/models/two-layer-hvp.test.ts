// The two-layer net's hand-written pieces against independent truths: its loss HVP against the autodiff tape's (double backward), the losses' curvature against finite differences of their derivatives, and the inlined ReLU / leaky-ReLU loops against the plain formulas, bit for bit.
import { describe, expect, it } from 'vitest';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import type { Loss } from '../../src/losses/loss.js';
import { squaredLoss } from '../../src/losses/squared.js';
import { lossHvp } from '../../src/metrics/sharpness.js';
import { twoLayerModel } from '../../src/models/two-layer.js';
import { type ActivationKind, activation } from '../../src/models/two-layer-activation.js';
import { key, normal } from '../../src/rng/index.js';

const n = 9, d = 5, m = 6;
const data = labelled('rand', normal(key(1), n * d), [1, -1, 1, 1, -1, -1, 1, -1, 1], d);
const kinds: ActivationKind[] = ['relu', 'leaky-relu', 'tanh', 'quadratic', 'identity'];

describe('two-layer loss HVP (R-operator)', () => {
  for (const kind of kinds) {
    for (const second of ['trained', 'fixed'] as const) {
      for (const loss of [logisticLoss, squaredLoss]) {
        it(`${kind}, a ${second}, ${loss.name} loss: equals the autodiff tape's HVP`, () => {
          const model = twoLayerModel({ d, width: m, activation: kind, slope: 0.1, secondLayer: second });
          const P = model.numParams;
          const w = normal(key(2), P);
          const fast = lossHvp(model, data, loss, w);
          const tape = lossHvp({ ...model, lossHvp: undefined }, data, loss, w);
          for (let t = 0; t < 3; t++) {
            const v = normal(key(10 + t), P);
            const [a, b] = [new Float64Array(P), new Float64Array(P)];
            fast(v, a);
            tape(v, b);
            let err = 0, size = 0;
            for (let i = 0; i < P; i++) {
              err = Math.max(err, Math.abs(a[i] - b[i]));
              size = Math.max(size, Math.abs(b[i]));
            }
            expect(size).toBeGreaterThan(1e-6);
            expect(err / size).toBeLessThan(1e-13);
          }
        });
      }
    }
  }

  it('is symmetric: uᵀ(Hv) = vᵀ(Hu) (tanh, trained a, logistic)', () => {
    const model = twoLayerModel({ d, width: m, activation: 'tanh' });
    const P = model.numParams;
    const h = lossHvp(model, data, logisticLoss, normal(key(3), P));
    const [u, v, hu, hv] = [normal(key(4), P), normal(key(5), P), new Float64Array(P), new Float64Array(P)];
    h(u, hu);
    h(v, hv);
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, xi, i) => s + xi * y[i], 0);
    expect(Math.abs(dot(u, hv) - dot(v, hu))).toBeLessThan(1e-13 * Math.abs(dot(u, hv)));
  });
});

describe('loss curvature ∂²f/∂m_i²', () => {
  const cases: [Loss, Float64Array, Float64Array][] = [
    [logisticLoss, Float64Array.from([0.3, -2, 5, -0.01]), Float64Array.from([1, -1, -1, 1])],
    [squaredLoss, Float64Array.from([0.3, -2, 5, -0.01]), Float64Array.from([0.1, 2, -1, 3])],
  ];
  for (const [loss, mm, y] of cases) {
    it(`${loss.name}: central differences of ∂f/∂m_i`, () => {
      const q = new Float64Array(mm.length);
      loss.curvature(mm, y, q);
      const h = 1e-5;
      for (let i = 0; i < mm.length; i++) {
        const [up, down] = [Float64Array.from(mm), Float64Array.from(mm)];
        up[i] += h;
        down[i] -= h;
        const [gu, gd] = [new Float64Array(mm.length), new Float64Array(mm.length)];
        loss.dvalue(up, y, gu);
        loss.dvalue(down, y, gd);
        expect(Math.abs(q[i] - (gu[i] - gd[i]) / (2 * h))).toBeLessThan(1e-8);
      }
    });
  }
  it('logistic: finite and ≥ 0 at margins ±1e300 (no 0·∞)', () => {
    const q = new Float64Array(2);
    logisticLoss.curvature(Float64Array.from([1e300, -1e300]), Float64Array.from([1, 1]), q);
    expect(Array.from(q)).toEqual([0, 0]);
  });
});

describe('two-layer forward / pullback: inlined activations give the plain formulas’ bits', () => {
  for (const [kind, scale] of [['relu', 1], ['leaky-relu', 1], ['relu', 1e308]] as const) {
    it(`${kind}${scale > 1 ? ', hidden layer overflowing to ±∞' : ''}`, () => {
      const phi = activation(kind, 0.1);
      const model = twoLayerModel({ d, width: m, activation: kind, slope: 0.1 });
      const w = normal(key(6), model.numParams).map((x, i) => (i < m * d ? x * scale : x));
      const W = w.subarray(0, m * d), a = w.subarray(m * d);
      // Hidden pre-activations in the kernels' order (one sequential sum from +0), then the formulas as written.
      const H = new Float64Array(n * m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let c = 0; c < d; c++) s += (data.X.data as Float64Array)[i * d + c] * W[j * d + c];
          H[i * m + j] = s;
        }
      }
      if (scale > 1) expect(H.some((h) => h === -Infinity) && H.some((h) => h > 0)).toBe(true);
      const out = new Float64Array(n);
      const cache = model.forward(w, data, out);
      const coef = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : Math.sin(i + 1)));
      const g = new Float64Array(model.numParams);
      model.pullback(w, data, coef, g, cache);
      const da = new Float64Array(m);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) {
          s += a[j] * phi.value(H[i * m + j]);
          if (coef[i] !== 0) da[j] += coef[i] * phi.value(H[i * m + j]); // the kernels skip zero coefficients (exact on finite values)
        }
        expect(Object.is(out[i], s)).toBe(true);
      }
      for (let j = 0; j < m; j++) expect(Object.is(g[m * d + j], da[j])).toBe(true);
      for (let j = 0; j < m; j++) {
        for (let c = 0; c < d; c++) {
          let s = 0;
          for (let i = 0; i < n; i++) {
            const G = coef[i] * a[j] * phi.deriv(H[i * m + j]);
            if (G !== 0) s += (data.X.data as Float64Array)[i * d + c] * G; // the kernels skip exact zeros
          }
          expect(Object.is(g[j * d + c], s)).toBe(true);
        }
      }
    });
  }
});
