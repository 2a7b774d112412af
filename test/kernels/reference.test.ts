import { describe, expect, it } from 'vitest';
import { f64Matrix, referenceKernels as K, u8Matrix } from '../../src/kernels/index.js';

// A tiny deterministic generator for test inputs (independent of src/rng).
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

function naive(A: (r: number, c: number) => number, rows: number, cols: number, x: Float64Array, trans: boolean): Float64Array {
  const out = new Float64Array(trans ? cols : rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    if (trans) out[c] += A(r, c) * x[r];
    else out[r] += A(r, c) * x[c];
  }
  return out;
}

describe('reference kernels', () => {
  const rnd = lcg(7);
  const rows = 13, cols = 9;
  const a = Float64Array.from({ length: rows * cols }, rnd);
  const px = Uint8Array.from({ length: rows * cols }, (_, i) => (i * 37 + 11) % 256);
  const x = Float64Array.from({ length: cols }, rnd);
  const z = Float64Array.from({ length: rows }, rnd);

  it('gemv and gemvT match the definition on float64 and uint8+scale matrices', () => {
    const out = new Float64Array(rows);
    K.gemv(out, f64Matrix(rows, cols, a), x);
    naive((r, c) => a[r * cols + c], rows, cols, x, false).forEach((v, i) => expect(out[i]).toBeCloseTo(v, 13));
    const outT = new Float64Array(cols);
    K.gemvT(outT, f64Matrix(rows, cols, a), z);
    naive((r, c) => a[r * cols + c], rows, cols, z, true).forEach((v, i) => expect(outT[i]).toBeCloseTo(v, 13));
    const s = 1 / 255;
    K.gemv(out, u8Matrix(rows, cols, px, s), x);
    naive((r, c) => px[r * cols + c] * s, rows, cols, x, false).forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
    K.gemvT(outT, u8Matrix(rows, cols, px, s), z);
    naive((r, c) => px[r * cols + c] * s, rows, cols, z, true).forEach((v, i) => expect(outT[i]).toBeCloseTo(v, 12));
  });

  it('gemv on integers is exact (no rounding anywhere)', () => {
    const out = new Float64Array(rows);
    const xi = Float64Array.from({ length: cols }, (_, j) => j - 4);
    K.gemv(out, u8Matrix(rows, cols, px, 1), xi);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += px[r * cols + c] * (c - 4);
      expect(out[r]).toBe(s);
    }
  });

  it('gemm / gemmT equal column-by-column gemv / gemvT', () => {
    const n = 4;
    const b = Float64Array.from({ length: cols * n }, rnd);
    const bt = Float64Array.from({ length: rows * n }, rnd);
    for (const A of [f64Matrix(rows, cols, a), u8Matrix(rows, cols, px, 0.5)]) {
      const out = new Float64Array(rows * n);
      K.gemm(out, A, b, n);
      const outT = new Float64Array(cols * n);
      K.gemmT(outT, A, bt, n);
      for (let j = 0; j < n; j++) {
        const col = Float64Array.from({ length: cols }, (_, c) => b[c * n + j]);
        const ref = new Float64Array(rows);
        K.gemv(ref, A, col);
        ref.forEach((v, r) => expect(out[r * n + j]).toBeCloseTo(v, 12));
        const colT = Float64Array.from({ length: rows }, (_, r) => bt[r * n + j]);
        const refT = new Float64Array(cols);
        K.gemvT(refT, A, colT);
        refT.forEach((v, c) => expect(outT[c * n + j]).toBeCloseTo(v, 12));
      }
    }
  });

  it('matmul handles all four transpose combinations', () => {
    const m = 5, k = 6, n = 3;
    const A = Float64Array.from({ length: m * k }, rnd); // m×k
    const B = Float64Array.from({ length: k * n }, rnd); // k×n
    const At = Float64Array.from({ length: m * k }, (_, i) => A[(i % m) * k + Math.floor(i / m)]); // k×m
    const Bt = Float64Array.from({ length: k * n }, (_, i) => B[(i % k) * n + Math.floor(i / k)]); // n×k
    const ref = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) ref[i * n + j] += A[i * k + p] * B[p * n + j];
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const out = new Float64Array(m * n);
      K.matmul(out, ta ? At : A, tb ? Bt : B, m, k, n, ta, tb);
      ref.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 13));
    }
  });

  it('roll is torch.roll on blocks, for positive, negative and large shifts', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    const out = new Float64Array(10);
    K.roll(out, x, 1, 5);
    expect(Array.from(out)).toEqual([4, 0, 1, 2, 3, 14, 10, 11, 12, 13]);
    K.roll(out, x, -2, 5);
    expect(Array.from(out)).toEqual([2, 3, 4, 0, 1, 12, 13, 14, 10, 11]);
    K.roll(out, x, 7, 5);
    expect(Array.from(out)).toEqual([3, 4, 0, 1, 2, 13, 14, 10, 11, 12]);
  });

  it('reductions', () => {
    const v = Float64Array.from([1, -2, 3]);
    expect(K.dot(v, v)).toBe(14);
    expect(K.sum(v)).toBe(2);
    expect(K.sumSq(v)).toBe(14);
    const y = Float64Array.from([1, 1, 1]);
    K.axpy(2, v, y);
    expect(Array.from(y)).toEqual([3, -3, 7]);
  });
});
