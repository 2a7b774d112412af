// Composite models through the logistic and squared losses: gradients vs finite differences and a closed form, HVPs vs differences of the gradient.
import { describe, it } from 'vitest';
import { activations, add, grad, leakyRelu, mul, prelu, relu, sigmoid, sum, tanh, type Var } from '../../src/autodiff/index.js';
import { fromArray, type Tensor } from '../../src/tensor/index.js';
import { checkDerivatives, expectAllClose, lcg, rand } from './helpers.js';
import { cnn, logistic, mcv, mlp, sigma, squared, twoLayer } from './models.js';

const r = lcg(2024);
const n = 6;
const d = 5;
const X = rand(r, [n, d]);
const labels = fromArray([n, 1], [1, -1, -1, 1, 1, -1]);
const targets = rand(r, [n, 1]);

describe('two-layer networks Σ_j a_j φ(w_jᵀ b)', () => {
  const W = rand(r, [4, d]);
  const a = rand(r, [4]);
  const phis: [string, (x: Var) => Var][] = [
    ...Object.entries(activations),
    ['leaky relu 0.1', (x) => leakyRelu(x, 0.1)],
  ];
  for (const [name, phi] of phis) {
    it(`${name}: logistic and squared loss`, () => {
      checkDerivatives((w, b) => logistic(twoLayer(X, w, b, phi), labels), [W, a]);
      checkDerivatives((w, b) => squared(twoLayer(X, w, b, phi), targets), [W, a]);
    });
  }
  it('PReLU with a learnable slope', () => {
    checkDerivatives((w, b, s) => logistic(twoLayer(X, w, b, (x) => prelu(x, s)), labels), [W, a, fromArray([], [0.2])]);
  });
});

describe('m_cv(b; c, v) = vᵀ(Σ_j c_j P^{j−1} b)', () => {
  for (const k of [2, 3]) {
    const c = rand(r, [k]);
    const v = rand(r, [d]);
    it(`k = ${k}: derivatives through both losses`, () => {
      checkDerivatives((cc, vv) => logistic(mcv(X, cc, vv), labels), [c, v]);
      checkDerivatives((cc, vv) => squared(mcv(X, cc, vv), targets), [c, v]);
    });
    it(`k = ${k}: logistic gradient equals (1/n) Σ −y σ(−y m) (B_iᵀ v, B_i c)`, () => {
      const gc = new Float64Array(k);
      const gv = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const B = (t: number, j: number) => X.data[i * d + (((t - j) % d) + d) % d]; // (P^j b_i)[t]
        let m = 0;
        for (let t = 0; t < d; t++) for (let j = 0; j < k; j++) m += v.data[t] * c.data[j] * B(t, j);
        const y = labels.data[i];
        const coef = (-y * sigma(-y * m)) / n;
        for (let t = 0; t < d; t++) for (let j = 0; j < k; j++) {
          gc[j] += coef * B(t, j) * v.data[t];
          gv[t] += coef * B(t, j) * c.data[j];
        }
      }
      expectAllClose(grad((cc, vv) => logistic(mcv(X, cc, vv), labels), [c, v]).grads, [gc, gv], 1e-12, 1e-15);
    });
  }
});

describe('MLP of depth 3', () => {
  const shapes = [[4, d], [4], [3, 4], [3], [1, 3], [1]];
  const params: Tensor[] = shapes.map((s) => rand(r, s));
  it('sigmoid, logistic loss', () => checkDerivatives((...p) => logistic(mlp(X, p, sigmoid), labels), params));
  it('tanh, squared loss', () => checkDerivatives((...p) => squared(mlp(X, p, tanh), targets), params));
  it('depth 2 relu', () => checkDerivatives((...p) => logistic(mlp(X, p, relu), labels), params.slice(0, 2).concat([rand(r, [1, 4]), rand(r, [1])])));
});

describe('small CNN: conv → φ → linear head', () => {
  const images = rand(r, [3, 6, 6, 1]);
  const y3 = fromArray([3, 1], [1, -1, 1]);
  for (const ks of [2, 3]) {
    const kernel = rand(r, [ks, ks, 1, 2]);
    it(`kernel ${ks}×${ks}, 2 channels, tanh, logistic loss`, () => {
      const feats = 2 * (7 - ks) ** 2;
      checkDerivatives((kk, hh) => logistic(cnn(images, kk, hh, tanh), y3), [kernel, rand(r, [feats, 1])]);
    });
  }
  it('kernel 3×3 padded, relu, squared loss', () => {
    checkDerivatives((kk, hh) => squared(cnn(images, kk, hh, relu, 1), y3), [rand(r, [3, 3, 1, 2]), rand(r, [72, 1])]);
  });
});

it('the gradient of a shared subexpression accumulates over every path', () => {
  const x = fromArray([2], [0.3, -1.2]);
  // f = Σ t⊙t + Σ t with t = tanh(x): df/dx = (2t + 1)(1 − t²)
  const g = grad((v) => {
    const t = tanh(v);
    return add(sum(mul(t, t)), sum(t));
  }, [x]).grads[0];
  const want = Array.from(x.data, (z) => (2 * Math.tanh(z) + 1) * (1 - Math.tanh(z) ** 2));
  expectAllClose([g], [want], 1e-14, 0);
});
