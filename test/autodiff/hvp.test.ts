// Exact Hessian–vector products by double backward: against closed-form Hessians, finite differences of the exact gradient, and symmetry.
import { describe, expect, it } from 'vitest';
import {
  gradFlat, hvp, hvpFn, hvpFnFlat, layout, matmul, reshape, sigmoid, sum, tanh, unflatten, type Fn,
} from '../../src/autodiff/index.js';
import { fromArray, type Tensor } from '../../src/tensor/index.js';
import { expectAllClose, expectClose, lcg, rand } from './helpers.js';
import { cnn, logistic, mcv, mlp, sigma, squared } from './models.js';

const r = lcg(77);
const n = 7;
const d = 4;
const X = rand(r, [n, d]);
const y = fromArray([n, 1], [1, -1, 1, 1, -1, -1, 1]);

/** The full Hessian at the flat point w, column j = H e_j, from exact HVPs. */
function hessian(f: Fn, shapes: number[][], w: Float64Array): Float64Array[] {
  const lay = layout(shapes);
  const s = hvpFnFlat(f, lay, w);
  return Array.from({ length: lay.size }, (_, j) => s.hvp(new Float64Array(lay.size).map((_, i) => (i === j ? 1 : 0))));
}

/** Column j from central differences of the exact gradient along e_j. */
function fdHessian(f: Fn, shapes: number[][], w: Float64Array, h = 1e-5): Float64Array[] {
  const lay = layout(shapes);
  return Array.from({ length: lay.size }, (_, j) => {
    const at = (t: number) => gradFlat(f, lay, w.map((x, i) => (i === j ? x + t : x))).grad;
    const up = at(h);
    const down = at(-h);
    return up.map((u, i) => (u - down[i]) / (2 * h));
  });
}

function expectSymmetric(H: Float64Array[], tol: number): void {
  for (let i = 0; i < H.length; i++) for (let j = 0; j < i; j++) expect(Math.abs(H[i][j] - H[j][i])).toBeLessThanOrEqual(tol);
}

describe('linear model m = Xw', () => {
  const w = rand(r, [d]).data;
  const lin = (v: Tensor) => matmul(X, reshape(v, [d, 1]));

  it('logistic loss: H = (1/n) Xᵀ diag(σ(z)(1−σ(z))) X with z = y⊙Xw', () => {
    const want = Array.from({ length: d }, () => new Float64Array(d));
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let p = 0; p < d; p++) z += X.data[i * d + p] * w[p];
      const s = sigma(y.data[i] * z);
      for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) want[q][p] += (s * (1 - s) * X.data[i * d + p] * X.data[i * d + q]) / n;
    }
    const f: Fn = (v) => logistic(lin(v), y);
    const H = hessian(f, [[d]], w);
    expectAllClose(H, want, 1e-12, 1e-16);
    expectAllClose(fdHessian(f, [[d]], w), want, 1e-7, 1e-10);
  });

  it('squared loss: H = XᵀX at every w', () => {
    const want = Array.from({ length: d }, (_, q) => Float64Array.from({ length: d }, (_, p) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += X.data[i * d + p] * X.data[i * d + q];
      return s;
    }));
    expectAllClose(hessian((v) => squared(lin(v), y), [[d]], w), want, 1e-13, 1e-15);
  });

  it('a function linear in w has H v = 0', () => {
    const Hv = hvp((v) => sum(lin(v)), [{ shape: [d], data: w }], [rand(r, [d]).data]);
    expect(Array.from(Hv[0])).toEqual([0, 0, 0, 0]);
  });
});

describe('m_cv logistic loss: H = (1/n) Σ [s(1−s) ∇m∇mᵀ − y s ∇²m], s = σ(−y m), ∇²m = [[0, Bᵀ], [B, 0]]', () => {
  for (const k of [2, 3]) {
    it(`k = ${k}`, () => {
      const w = rand(r, [k + d]).data;
      const P = k + d;
      const want = Array.from({ length: P }, () => new Float64Array(P));
      for (let i = 0; i < n; i++) {
        const B = (t: number, j: number) => X.data[i * d + (((t - j) % d) + d) % d];
        const grad = new Float64Array(P); // ∇m = (Bᵀv, Bc)
        let m = 0;
        for (let t = 0; t < d; t++) for (let j = 0; j < k; j++) {
          m += w[k + t] * w[j] * B(t, j);
          grad[j] += B(t, j) * w[k + t];
          grad[k + t] += B(t, j) * w[j];
        }
        const s = sigma(-y.data[i] * m);
        for (let p = 0; p < P; p++) for (let q = 0; q < P; q++) want[q][p] += (s * (1 - s) * grad[p] * grad[q]) / n;
        for (let t = 0; t < d; t++) for (let j = 0; j < k; j++) {
          const h = (-y.data[i] * s * B(t, j)) / n;
          want[k + t][j] += h;
          want[j][k + t] += h;
        }
      }
      expectAllClose(hessian((c, v) => logistic(mcv(X, c, v), y), [[k], [d]], w), want, 1e-12, 1e-15);
    });
  }
});

describe('Hessians of nonlinear models: FD of the exact gradient, and symmetry', () => {
  it('MLP of depth 3 with sigmoid, logistic loss', () => {
    const shapes = [[3, d], [3], [3, 3], [3], [1, 3], [1]];
    const w = rand(r, [layout(shapes).size]).data;
    const f: Fn = (...p) => logistic(mlp(X, p, sigmoid), y);
    const H = hessian(f, shapes, w);
    expectSymmetric(H, 1e-14);
    expectAllClose(H, fdHessian(f, shapes, w), 1e-6, 1e-9);
  });

  it('small CNN with tanh, squared loss', () => {
    const images = rand(r, [2, 4, 4, 1]);
    const shapes = [[2, 2, 1, 2], [18, 1]];
    const w = rand(r, [layout(shapes).size]).data;
    const f: Fn = (k, h) => squared(cnn(images, k, h, tanh), fromArray([2, 1], [0.5, -1]));
    const H = hessian(f, shapes, w);
    expectSymmetric(H, 1e-13);
    expectAllClose(H, fdHessian(f, shapes, w), 1e-6, 1e-9);
  });
});

it('hvpFn reuses one taped gradient: linear in v and equal to fresh hvp calls', () => {
  const shapes = [[3, d], [3], [1, 3], [1]];
  const lay = layout(shapes);
  const w = rand(r, [lay.size]).data;
  const params = unflatten(lay, w);
  const f: Fn = (...p) => logistic(mlp(X, p, tanh), y);
  const s = hvpFn(f, params);
  const u = params.map((p) => rand(r, p.shape).data);
  const v = params.map((p) => rand(r, p.shape).data);
  const Hu = s.hvp(u);
  const Hv = s.hvp(v);
  const Hmix = s.hvp(u.map((ui, k) => ui.map((x, i) => 2 * x - v[k][i])));
  expectAllClose(Hmix, Hu.map((h, k) => h.map((x, i) => 2 * x - Hv[k][i])), 1e-12, 1e-15);
  expectAllClose(Hv, hvp(f, params, v), 0, 0);
  expectClose([s.value], [gradFlat(f, lay, w).value], 0, 0);
});
