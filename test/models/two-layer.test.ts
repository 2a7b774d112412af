// Two-layer nets Σ_j a_j φ(w_jᵀb): the hand-written forward/pullback against an independent autodiff expression and finite differences.
import { describe, expect, it } from 'vitest';
import { constant, leakyRelu, quadratic, relu, tanh, type Var } from '../../src/autodiff/index.js';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { kernels, referenceKernels, useKernels } from '../../src/kernels/index.js';
import { u8Matrix } from '../../src/kernels/matrix.js';
import { autodiffModel } from '../../src/models/autodiff-model.js';
import { alternatingSecondLayer, twoLayerModel } from '../../src/models/two-layer.js';
import type { ActivationKind } from '../../src/models/two-layer-activation.js';
import { key, normal } from '../../src/rng/index.js';
import { wrap } from '../../src/tensor/index.js';
import { twoLayer } from '../autodiff/models.js';
import { expectClose, expectPullbackMatchesFd, outputs, pullback } from './model-checks.js';

const n = 6, d = 5, m = 4;
const data = labelled('rand', normal(key(1), n * d), [1, -1, 1, 1, -1, -1], d);
const phis: Record<ActivationKind, (x: Var) => Var> = {
  relu, 'leaky-relu': (x) => leakyRelu(x, 0.1), tanh, quadratic, identity: (x) => x,
};

describe('two-layer model', () => {
  for (const [kind, phi] of Object.entries(phis) as [ActivationKind, (x: Var) => Var][]) {
    for (const second of ['trained', 'fixed'] as const) {
      it(`${kind}, a ${second}: outputs and pullback equal autodiff's and finite differences`, () => {
        const model = twoLayerModel({ d, width: m, activation: kind, slope: 0.1, secondLayer: second });
        const aFixed = constant(wrap([m], alternatingSecondLayer(m)));
        const reference = autodiffModel({
          name: 'ref', outputs: 1, homogeneity: 0,
          shapes: second === 'trained' ? [[m, d], [m]] : [[m, d]],
          expr: (p, X) => twoLayer(X, p[0], second === 'trained' ? p[1] : aFixed, phi),
        });
        expect(model.numParams).toBe(m * d + (second === 'trained' ? m : 0));
        const w = normal(key(2), model.numParams);
        const coef = normal(key(3), n);
        expectClose(outputs(model, data, w), outputs(reference, data, w));
        expectClose(pullback(model, data, w, coef), pullback(reference, data, w, coef));
        expectPullbackMatchesFd(model, data, w, coef);
      });
    }
  }

  it('widths and sizes that are not multiples of four (the unrolled loops\' tails), and a ReLU layer on the kernels\' sparse path, give autodiff\'s outputs and pullback', () => {
    // n7 = 7, m7 = 7: the tails; then 40 samples, width 9, d = 33: ReLU's pullback on the kernels' sparse path.
    for (const [n7, m7, d7] of [[7, 7, d], [40, 9, 33]] as const) {
      const data7 = labelled('rand7', normal(key(8), n7 * d7), Array.from({ length: n7 }, (_, i) => (i % 3 === 1 ? -1 : 1)), d7);
      for (const kind of ['relu', 'leaky-relu', 'tanh'] as const) {
        const model = twoLayerModel({ d: d7, width: m7, activation: kind, slope: 0.1 });
        const reference = autodiffModel({
          name: 'ref', outputs: 1, homogeneity: 0, shapes: [[m7, d7], [m7]],
          expr: (p, X) => twoLayer(X, p[0], p[1], phis[kind]),
        });
        const w = normal(key(9), model.numParams);
        const coef = normal(key(10), n7);
        expectClose(outputs(model, data7, w), outputs(reference, data7, w));
        expectClose(pullback(model, data7, w, coef), pullback(reference, data7, w, coef));
      }
    }
  });

  it('a hidden layer with infinite entries (H overflows) gives the reference kernels\' outputs and pullback, bit for bit', () => {
    // φ(H) is marked all-finite for the kernels only when H is: here it is not, so they must decide 0·∞ as the reference.
    const [n9, d9, m9] = [40, 33, 9];
    const data9 = labelled('inf', normal(key(11), n9 * d9), Array.from({ length: n9 }, (_, i) => (i % 2 ? -1 : 1)), d9);
    const model = twoLayerModel({ d: d9, width: m9, activation: 'relu' });
    const w = normal(key(12), model.numParams);
    for (let c = 0; c < d9; c++) w[2 * d9 + c] *= 1e308; // hidden unit 2: ±∞ pre-activations
    w[m9 * d9 + 2] = 0; // and a_2 = 0, so its contributions are 0·∞
    const coef = normal(key(13), n9);
    const fast = kernels();
    const got = [outputs(model, data9, w), pullback(model, data9, w, coef)];
    useKernels(referenceKernels);
    try {
      const want = [outputs(model, data9, w), pullback(model, data9, w, coef)];
      expect(got[0].some((x) => !Number.isFinite(x)) && got[0].some(Number.isFinite)).toBe(true);
      for (let k = 0; k < 2; k++) expect(Array.from(got[k], (x, i) => Object.is(x, want[k][i])).every(Boolean)).toBe(true);
    } finally {
      useKernels(fast);
    }
  });

  it('homogeneity degree is what scaling w shows: m(λw) = λ^p m(w)', () => {
    const cases: [ActivationKind, 'trained' | 'fixed', number][] = [
      ['relu', 'trained', 2], ['relu', 'fixed', 1], ['quadratic', 'trained', 3], ['identity', 'trained', 2], ['tanh', 'trained', 0],
    ];
    for (const [kind, second, p] of cases) {
      const model = twoLayerModel({ d, width: m, activation: kind, secondLayer: second });
      expect(model.homogeneity, kind).toBe(p);
      if (p === 0) continue;
      const w = normal(key(4), model.numParams);
      const o1 = outputs(model, data, w);
      const o2 = outputs(model, data, Float64Array.from(w, (x) => 3 * x));
      o1.forEach((x, i) => expect(o2[i]).toBeCloseTo(3 ** p * x, 10));
    }
  });

  it('a pullback after a forward at another point (a line-search probe) uses the right hidden layer', () => {
    const model = twoLayerModel({ d, width: m, activation: 'relu' });
    const w = normal(key(5), model.numParams);
    const coef = normal(key(6), n);
    const expected = pullback(model, data, w, coef);
    const cache = model.forward(w, data, new Float64Array(n));
    model.forward(normal(key(7), model.numParams), data, new Float64Array(n));
    const g = new Float64Array(model.numParams);
    model.pullback(w, data, coef, g, cache);
    expect(Array.from(g)).toEqual(Array.from(expected));
  });

  it('uint8 pixels with a scale give the float64 answer', () => {
    const bytes = Uint8Array.from({ length: n * d }, (_, i) => (i * 37) % 256);
    const u8 = { ...data, X: u8Matrix(n, d, bytes, 1 / 255) };
    const f64 = labelled('f', Float64Array.from(bytes, (b) => b / 255), data.y, d);
    const model = twoLayerModel({ d, width: m, activation: 'tanh' });
    const w = normal(key(8), model.numParams);
    const coef = normal(key(9), n);
    expectClose(outputs(model, u8, w), outputs(model, f64, w));
    expectClose(pullback(model, u8, w, coef), pullback(model, f64, w, coef));
  });

  it('refuses W = 0 where every gradient vanishes, accepts it where the first layer can move', () => {
    const zeroW = (model: ReturnType<typeof twoLayerModel>, a: number): Float64Array => {
      const w = new Float64Array(model.numParams);
      w.fill(a, m * d);
      return w;
    };
    const relu2 = twoLayerModel({ d, width: m, activation: 'relu' });
    expect(() => relu2.checkInit?.(zeroW(relu2, 1))).toThrow(/^init: W = 0 is a stationary point/);
    const leaky = twoLayerModel({ d, width: m, activation: 'leaky-relu' });
    expect(() => leaky.checkInit?.(zeroW(leaky, 0))).toThrow(/^init: /);
    expect(() => leaky.checkInit?.(zeroW(leaky, 1))).not.toThrow();
    // and at that accepted point the W-gradient is indeed non-zero
    expect(pullback(leaky, data, zeroW(leaky, 1), Float64Array.from(data.y)).some((x) => x !== 0)).toBe(true);
    expect(() => twoLayerModel({ d, width: 0, activation: 'relu' })).toThrow(/^model\.width: /);
    expect(() => twoLayerModel({ d, width: m, activation: 'bogus' as ActivationKind })).toThrow(/^model\.activation: /);
  });
});
