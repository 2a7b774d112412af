// Forward values of primitives and composites against hand-computed cases and independent formulas.
import { describe, expect, it } from 'vitest';
import {
  add, conv2d, div, gather, leakyRelu, matmul, mean, permute, prelu, relu, reshape, roll, scatterAdd, sigmoid, softplus, sub, sum, transpose,
} from '../../src/autodiff/index.js';
import { GdlabError } from '../../src/core/errors.js';
import { fromArray, scalar } from '../../src/tensor/index.js';
import { expectClose, lcg, rand } from './helpers.js';

const M = fromArray([2, 3], [1, 2, 3, 4, 5, 6]);

describe('elementwise and broadcasting', () => {
  it('adds a row and a column by numpy broadcasting', () => {
    const y = add(fromArray([2, 2], [1, 2, 3, 4]), fromArray([2], [10, 20]));
    expect(Array.from(y.data)).toEqual([11, 22, 13, 24]);
    const z = sub(fromArray([2, 1], [1, 2]), fromArray([3], [1, 2, 3]));
    expect(z.shape).toEqual([2, 3]);
    expect(Array.from(z.data)).toEqual([0, -1, -2, 1, 0, -1]);
    expect(Array.from(div(6, fromArray([3], [1, 2, 3])).data)).toEqual([6, 3, 2]);
  });

  it('rejects shapes that do not broadcast, naming both', () => {
    expect(() => add(fromArray([2], [1, 2]), fromArray([3], [1, 2, 3]))).toThrow(/add: shapes \[2\] and \[3\] do not broadcast/);
  });
});

describe('stable sigmoid and softplus', () => {
  it('match the textbook formulas where those are accurate', () => {
    for (const z of [-20, -3, -0.5, 0, 0.25, 2, 15]) expectClose(sigmoid(scalar(z)).data, [1 / (1 + Math.exp(-z))], 1e-15, 0);
    // (log(1 + e^z) itself loses digits once e^z ≪ 1, so compare only where it is accurate)
    for (const z of [-3, -0.5, 0, 0.25, 2, 15]) expectClose(softplus(scalar(z)).data, [Math.log(1 + Math.exp(z))], 1e-14, 0);
  });

  it('keep full relative accuracy in the tails and at ±1e300', () => {
    // log(1 + e^z) ≈ e^z for very negative z; the naive formula returns 0 there.
    expectClose(softplus(scalar(-700)).data, [Math.exp(-700)], 1e-14, 0);
    expectClose(sigmoid(scalar(-700)).data, [Math.exp(-700)], 1e-14, 0);
    expect(Array.from(softplus(fromArray([2], [1e300, -1e300])).data)).toEqual([1e300, 0]);
    expect(Array.from(sigmoid(fromArray([3], [1e300, -1e300, 0])).data)).toEqual([1, 0, 0.5]);
  });
});

describe('matmul', () => {
  const A = fromArray([2, 2], [1, 2, 3, 4]);
  const B = fromArray([2, 2], [5, 6, 7, 8]);
  it('multiplies by hand', () => {
    expect(Array.from(matmul(A, B).data)).toEqual([19, 22, 43, 50]);
    expect(Array.from(matmul(A, B, true, false).data)).toEqual([26, 30, 38, 44]); // AᵀB
    expect(Array.from(matmul(A, B, false, true).data)).toEqual([17, 23, 39, 53]); // ABᵀ
    expect(Array.from(matmul(A, B, true, true).data)).toEqual([23, 31, 34, 46]); // AᵀBᵀ
  });
  it('rejects mismatched inner dimensions', () => {
    expect(() => matmul(M, M)).toThrow(GdlabError);
  });
});

describe('data movement', () => {
  it('reshape, transpose, permute, roll', () => {
    expect(reshape(M, [3, 2]).shape).toEqual([3, 2]);
    expect(() => reshape(M, [4, 2])).toThrow(/reshape: cannot view \[2, 3\] as \[4, 2\]/);
    expect(Array.from(transpose(M).data)).toEqual([1, 4, 2, 5, 3, 6]);
    const T = rand(lcg(3), [2, 3, 4]);
    const P = permute(T, [2, 0, 1]);
    expect(P.shape).toEqual([4, 2, 3]);
    for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 4; c++) {
      expect(P.data[(c * 2 + a) * 3 + b]).toBe(T.data[(a * 3 + b) * 4 + c]);
    }
    expect(Array.from(roll(fromArray([2, 4], [1, 2, 3, 4, 5, 6, 7, 8]), 1).data)).toEqual([4, 1, 2, 3, 8, 5, 6, 7]);
    expect(Array.from(roll(fromArray([4], [1, 2, 3, 4]), -1).data)).toEqual([2, 3, 4, 1]);
  });

  it('gather reads with zeros at −1; scatterAdd sums collisions', () => {
    const x = fromArray([3], [10, 20, 30]);
    expect(Array.from(gather(x, Int32Array.from([2, -1, 0, 2]), [2, 2]).data)).toEqual([30, 0, 10, 30]);
    const s = scatterAdd(fromArray([4], [1, 2, 3, 4]), Int32Array.from([2, -1, 0, 2]), [3]);
    expect(Array.from(s.data)).toEqual([3, 0, 5]);
    expect(() => gather(x, Int32Array.from([3]), [1])).toThrow(/gather: index 3 outside/);
  });

  it('sums and means over all entries or one axis', () => {
    expect(sum(M).shape).toEqual([]);
    expect(sum(M).data[0]).toBe(21);
    expect(Array.from(sum(M, 0).data)).toEqual([5, 7, 9]);
    expect(Array.from(sum(M, 1).data)).toEqual([6, 15]);
    expect(Array.from(mean(M, -1).data)).toEqual([2, 5]);
    expect(() => sum(M, 2)).toThrow(/sum: no axis 2/);
  });
});

describe('activations', () => {
  const x = fromArray([4], [-2, -0.5, 0.5, 3]);
  it('relu, leaky relu and prelu by hand', () => {
    expectClose(relu(x).data, [0, 0, 0.5, 3], 0, 0);
    expectClose(leakyRelu(x, 0.1).data, [-0.2, -0.05, 0.5, 3], 1e-15);
    expectClose(prelu(x, scalar(0.25)).data, [-0.5, -0.125, 0.5, 3], 1e-15);
  });
});

describe('conv2d', () => {
  it('equals the direct sum Σ x[n, y·s−p+ky, x·s−p+kx, c]·K[ky, kx, c, o]', () => {
    const r = lcg(99);
    const [N, H, W, C, KH, KW, O] = [2, 5, 6, 3, 3, 2, 4];
    const x = rand(r, [N, H, W, C]);
    const K = rand(r, [KH, KW, C, O]);
    for (const [s, p] of [[1, 0], [2, 1], [1, 2]]) {
      const y = conv2d(x, K, { stride: s, padding: p });
      const oh = Math.floor((H + 2 * p - KH) / s) + 1;
      const ow = Math.floor((W + 2 * p - KW) / s) + 1;
      expect(y.shape).toEqual([N, oh, ow, O]);
      const want = new Float64Array(N * oh * ow * O);
      for (let n = 0; n < N; n++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let o = 0; o < O; o++) {
        let acc = 0;
        for (let ky = 0; ky < KH; ky++) for (let kx = 0; kx < KW; kx++) for (let c = 0; c < C; c++) {
          const iy = i * s - p + ky;
          const ix = j * s - p + kx;
          if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
          acc += x.data[((n * H + iy) * W + ix) * C + c] * K.data[((ky * KW + kx) * C + c) * O + o];
        }
        want[((n * oh + i) * ow + j) * O + o] = acc;
      }
      expectClose(y.data, want, 1e-13, 1e-15);
    }
  });
  it('rejects a kernel whose channels do not match the input', () => {
    expect(() => conv2d(rand(lcg(1), [1, 4, 4, 2]), rand(lcg(2), [2, 2, 3, 1]))).toThrow(/conv2d: kernel \[2, 2, 3, 1\]/);
  });
});
