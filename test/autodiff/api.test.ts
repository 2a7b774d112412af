// grad / vjp / flat-vector API: Jacobian rows against the model's explicit Jacobian, views share memory, errors name what is wrong.
import { describe, expect, it } from 'vitest';
import {
  add, flatten, grad, gradFlat, hvpFlat, layout, matmul, param, reshape, square, sum, tanh, unflatten, vjp, vjpFn, vjpFnFlat,
  withRecording, type Fn,
} from '../../src/autodiff/index.js';
import { fromArray } from '../../src/tensor/index.js';
import { expectClose, fdGrad, lcg, rand } from './helpers.js';

const r = lcg(5);
const X = rand(r, [5, 3]);

describe('vjp', () => {
  it('of m = Xw with cotangent c is Xᵀc', () => {
    const c = rand(r, [5]).data;
    const out = vjp((w) => reshape(matmul(X, reshape(w, [3, 1])), [5]), [rand(r, [3])], c);
    const want = [0, 1, 2].map((p) => c.reduce((s, ci, i) => s + ci * X.data[i * 3 + p], 0));
    expectClose(out.grads[0], want, 1e-15, 0);
  });

  it('pullback of basis vectors gives the Jacobian rows of m(b_i) = tanh(b_iᵀw)²', () => {
    const w = rand(r, [3]);
    const p = vjpFn((v) => square(tanh(matmul(X, reshape(v, [3, 1])))), [w]);
    expect(p.value.shape).toEqual([5, 1]);
    for (let i = 0; i < 5; i++) {
      const row = p.pullback(Float64Array.from({ length: 5 }, (_, j) => (j === i ? 1 : 0)))[0];
      const rowFd = fdGrad((v) => sum(square(tanh(matmul({ shape: [1, 3], data: X.data.subarray(3 * i, 3 * i + 3) }, reshape(v, [3, 1]))))), [w])[0];
      expectClose(row, rowFd, 1e-7, 1e-10);
    }
    expect(() => p.pullback(new Float64Array(4))).toThrow(/vjp: cotangent of length 4 for an output of shape \[5, 1\]/);
  });

  it('does not alias the cotangent', () => {
    const c = Float64Array.of(1, 2, 3);
    const g = vjp((v) => reshape(v, [3]), [fromArray([3, 1], [0, 0, 0])], c).grads[0];
    g[0] = 99;
    expect(c[0]).toBe(1);
  });
});

describe('grad', () => {
  it('gives zero for a parameter that f ignores, and refuses a non-scalar f', () => {
    const g = grad((a) => sum(square(a)), [fromArray([2], [1, 2]), fromArray([2], [5, 5])]);
    expect(g.value).toBe(5);
    expect(Array.from(g.grads[0])).toEqual([2, 4]);
    expect(Array.from(g.grads[1])).toEqual([0, 0]);
    expect(() => grad((a) => square(a), [fromArray([2], [1, 2])])).toThrow(/grad: f must return a single number \(got shape \[2\]\)/);
  });

  it('records nothing when recording is off', () => {
    const p = param(fromArray([2], [1, 2]));
    expect(withRecording(false, () => square(p)).requiresGrad).toBe(false);
    expect(square(p).requiresGrad).toBe(true);
  });
});

describe('flat parameter vectors', () => {
  const shapes = [[2, 3], [2], []];
  const lay = layout(shapes);
  it('lays out offsets and cuts views that share memory', () => {
    expect(lay.offsets).toEqual([0, 6, 8]);
    expect(lay.size).toBe(9);
    const w = new Float64Array(9).map((_, i) => i);
    const [A, b, c] = unflatten(lay, w);
    expect(A.shape).toEqual([2, 3]);
    expect(Array.from(b.data)).toEqual([6, 7]);
    w[8] = -1;
    expect(c.data[0]).toBe(-1);
    expect(Array.from(flatten(lay, [A.data, b.data, c.data]))).toEqual(Array.from(w));
    expect(() => unflatten(lay, new Float64Array(8))).toThrow(/parameters: flat vector of length 8, layout needs 9/);
  });

  // f(A, b, c) = Σ tanh(tanh(X Aᵀ) b)² + c²
  const f: Fn = (A, b, c) => add(sum(square(tanh(matmul(tanh(matmul(X, A, false, true)), reshape(b, [2, 1]))))), square(c));
  const w = rand(r, [9]).data;

  it('gradFlat matches central differences of the flat function', () => {
    const h = 1e-6;
    const at = (i: number, t: number) => gradFlat(f, lay, w.map((x, j) => (j === i ? x + t : x))).value;
    const fd = w.map((_, i) => (at(i, h) - at(i, -h)) / (2 * h));
    expectClose(gradFlat(f, lay, w).grad, fd, 1e-7, 1e-10);
  });

  it('vjpFnFlat and hvpFlat write into caller buffers', () => {
    const out = new Float64Array(9);
    const p = vjpFnFlat((A) => reshape(A, [6]), lay, w);
    expect(p.pullback(Float64Array.of(1, 2, 3, 4, 5, 6), out)).toBe(out);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 0]);
    const Hv = hvpFlat((_A, _b, c) => sum(square(c)), lay, w, new Float64Array(9).fill(1), out);
    expect(Array.from(Hv)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 2]);
  });
});
