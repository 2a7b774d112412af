// A backend's quick self-check against the reference, bit for bit, on small products of every kind (run once before a backend becomes the default).
import { referenceKernels as ref } from './js/reference.js';
import type { Kernels } from './kernels.js';
import { f64Matrix, type Matrix, u8Matrix } from './matrix.js';

/** Deterministic inputs in [−1, 1) with some exact zeros (an LCG: no dependence on src/rng). */
function inputs(len: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: len }, (_, i) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return i % 7 === 3 ? 0 : (s / 2 ** 32) * 2 - 1;
  });
}

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/** The first kernel whose result differs from the reference's, or undefined when all agree. */
export function selfCheck(k: Kernels): string | undefined {
  // Large enough (8 051 entries) that every backend runs its own kernels rather than handing small products to the reference.
  const rows = 97, cols = 83, n = 5;
  const f = inputs(rows * cols, 1);
  const px = Uint8Array.from(inputs(rows * cols, 2), (x) => Math.floor((x + 1) * 127.5));
  const mats: [string, Matrix][] = [['float64', f64Matrix(rows, cols, f)], ['uint8', u8Matrix(rows, cols, px, 1 / 255)]];
  for (const [kind, A] of mats) {
    const cases: [string, (K: Kernels, out: Float64Array) => void, number][] = [
      ['gemv', (K, o) => K.gemv(o, A, inputs(cols, 3)), rows],
      ['gemvT', (K, o) => K.gemvT(o, A, inputs(rows, 4)), cols],
      ['gemm', (K, o) => K.gemm(o, A, inputs(cols * n, 5), n), rows * n],
      ['gemmT', (K, o) => K.gemmT(o, A, inputs(rows * n, 6), n), cols * n],
      // Nine columns, half the mask zero: the addon's sparse path (it needs ≥ 8 columns and ≥ 25 % zeros).
      ['gemmTScaled', (K, o) => K.gemmTScaled(o, A, inputs(rows, 9), inputs(9, 10), inputs(rows * 9, 11).map((x) => Math.max(x, 0)), 9), cols * 9],
      // The ReLU layer's forward: out and mask side by side in one array.
      ['gemmRelu', (K, o) => K.gemmRelu(o.subarray(0, rows * n), o.subarray(rows * n), A, inputs(cols * n, 12), n), 2 * rows * n],
    ];
    for (const [name, call, len] of cases) {
      const want = new Float64Array(len);
      const got = new Float64Array(len);
      call(ref, want);
      call(k, got);
      if (!same(want, got)) return `${name} (${kind})`;
    }
  }
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    const a = inputs(rows * cols, 7), b = inputs(cols * 9, 8);
    const want = new Float64Array(rows * 9);
    const got = new Float64Array(rows * 9);
    ref.matmul(want, a, b, rows, cols, 9, ta, tb);
    k.matmul(got, a, b, rows, cols, 9, ta, tb);
    if (!same(want, got)) return `matmul(transA=${ta}, transB=${tb})`;
  }
  return undefined;
}
