// Tensor creation, shape utilities, index maps and the kernel-backed product, against hand-computed cases.
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import {
  assertShape, broadcastIndex, broadcastShape, fromArray, full, im2colIndex, matmul, permuteIndex, rollIndex, sameShape, scalar,
  size, strides, wrap, zeros,
} from '../../src/tensor/index.js';

describe('creation', () => {
  it('builds tensors and checks data length against the shape', () => {
    expect(zeros([2, 3]).data).toEqual(new Float64Array(6));
    expect(Array.from(full([2], 7).data)).toEqual([7, 7]);
    const s = scalar(4);
    expect(s.shape).toEqual([]);
    expect(Array.from(s.data)).toEqual([4]);
    const src = [1, 2, 3];
    const t = fromArray([3], src);
    src[0] = 9;
    expect(t.data[0]).toBe(1);
    const buf = new Float64Array(2);
    expect(wrap([2, 1], buf).data).toBe(buf);
    expect(() => fromArray([2, 2], [1, 2, 3])).toThrow(/tensor.data: length must equal the size 4 of shape \[2, 2\] \(got 3\)/);
    expect(() => zeros([2, -1])).toThrow(GdlabError);
  });
});

describe('shapes', () => {
  it('size, equality, assertion message, broadcasting', () => {
    expect(size([])).toBe(1);
    expect(size([2, 3, 4])).toBe(24);
    expect(sameShape([2, 3], [2, 3])).toBe(true);
    expect(sameShape([2, 3], [3, 2])).toBe(false);
    expect(sameShape([6], [6, 1])).toBe(false);
    expect(() => assertShape('weights', [2, 3], [3, 2])).toThrow('weights: shape [2, 3] where [3, 2] was expected');
    expect(broadcastShape('x', [3, 1], [4])).toEqual([3, 4]);
    expect(broadcastShape('x', [], [2, 2])).toEqual([2, 2]);
    expect(() => broadcastShape('mul', [2, 3], [2])).toThrow('mul: shapes [2, 3] and [2] do not broadcast');
    expect(strides([2, 3, 4])).toEqual([12, 4, 1]);
  });
});

describe('index maps', () => {
  it('broadcast a row, a column and a scalar', () => {
    expect(Array.from(broadcastIndex([3], [2, 3]))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Array.from(broadcastIndex([2, 1], [2, 3]))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(broadcastIndex([], [2, 2]))).toEqual([0, 0, 0, 0]);
    expect(Array.from(broadcastIndex([2, 1, 2], [2, 2, 2]))).toEqual([0, 1, 0, 1, 2, 3, 2, 3]);
    expect(() => broadcastIndex([3], [3, 2])).toThrow('broadcast: shape [3] does not broadcast to [3, 2]');
  });
  it('permute and roll', () => {
    expect(Array.from(permuteIndex([2, 3], [1, 0]))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(() => permuteIndex([2, 3], [0, 0])).toThrow(/permute/);
    expect(Array.from(rollIndex([5], 2))).toEqual([3, 4, 0, 1, 2]);
    expect(Array.from(rollIndex([2, 3], -1))).toEqual([1, 2, 0, 4, 5, 3]);
  });
  it('im2col of a 1×3×3×1 image, 2×2 window, padding 0 and 1', () => {
    const a = im2colIndex([1, 3, 3, 1], 2, 2);
    expect([a.rows, a.cols, a.outH, a.outW]).toEqual([4, 4, 2, 2]);
    expect(Array.from(a.index)).toEqual([0, 1, 3, 4, 1, 2, 4, 5, 3, 4, 6, 7, 4, 5, 7, 8]);
    const b = im2colIndex([1, 3, 3, 1], 2, 2, 2, 1);
    expect([b.outH, b.outW]).toEqual([2, 2]);
    expect(Array.from(b.index.subarray(0, 8))).toEqual([-1, -1, -1, 0, -1, -1, 1, 2]);
    expect(() => im2colIndex([1, 2, 2, 1], 3, 3)).toThrow(/conv2d: kernel 3x3, stride 1, padding 0 do not fit a 2x2 image/);
  });
});

describe('matmul', () => {
  it('[2×3]·[3×2] by hand, and the transposed forms', () => {
    const a = fromArray([2, 3], [1, 2, 3, 4, 5, 6]);
    const b = fromArray([3, 2], [7, 8, 9, 10, 11, 12]);
    const c = matmul(a, b);
    expect(c.shape).toEqual([2, 2]);
    expect(Array.from(c.data)).toEqual([58, 64, 139, 154]);
    expect(Array.from(matmul(b, a, true, true).data)).toEqual([58, 139, 64, 154]); // (ab)ᵀ = bᵀaᵀ
    expect(() => matmul(a, a)).toThrow('matmul: inner dimensions differ in A·B (A [2, 3], B [2, 3])');
    expect(() => matmul(fromArray([3], [1, 2, 3]), a)).toThrow(/operands must be 2-D/);
  });
});
