// The kernel interface: every heavy loop of gdlab goes through one of these, so a faster backend can be slotted in and checked against the reference.
import type { Matrix } from './matrix.js';

/**
 * Kernels write into `out` (never allocate) and read their other arguments.
 * Every backend must give bit-identical results to the reference (js/reference.ts):
 * the summation order of each kernel is part of its contract and is documented there.
 * Backends: js/reference.ts, wasm/ (WebAssembly SIMD), native/ (AVX2 addon); select.ts picks one.
 * On inputs with NaN or ±Inf the fast backends hand the call to the reference, whose choices
 * (which zero products it skips) then decide; on finite inputs skipping a zero product is exact.
 */
export interface Kernels {
  readonly name: string;
  /** out[r] = Σ_c a[r,c]·x[c]   (out: a.rows, x: a.cols) */
  gemv(out: Float64Array, a: Matrix, x: Float64Array): void;
  /** out[c] = Σ_r a[r,c]·x[r]   (out: a.cols, x: a.rows) */
  gemvT(out: Float64Array, a: Matrix, x: Float64Array): void;
  /** out (a.rows×n) = a · b, b is a.cols×n row-major. */
  gemm(out: Float64Array, a: Matrix, b: Float64Array, n: number): void;
  /** out (a.cols×n) = aᵀ · b, b is a.rows×n row-major. */
  gemmT(out: Float64Array, a: Matrix, b: Float64Array, n: number): void;
  /**
   * out (a.cols×n) = aᵀ · B with B[r, j] = (u[r]·v[j])·m[r·n + j] (u: a.rows, v: n, m: a.rows×n): gemmT of that B, bit
   * for bit — a network layer's pullback (u per-sample coefficients, v the next layer's weights, m the activation's
   * derivatives), which a backend may do without forming B.
   */
  gemmTScaled(out: Float64Array, a: Matrix, u: Float64Array, v: Float64Array, m: Float64Array, n: number): void;
  /**
   * A ReLU layer's forward: with h the entries of gemm(a, b, n), out = h > 0 ? h : +0 and mask = h > 0 ? 1 : 0 (both
   * a.rows×n); returns whether every h is finite. gemm then that loop, bit for bit — a backend may do it as gemm
   * stores its results, without writing h.
   */
  gemmRelu(out: Float64Array, mask: Float64Array, a: Matrix, b: Float64Array, n: number): boolean;
  /** Dense float64 product out (m×n) = op(a) · op(b), op = transpose when the flag is set; a is m×k (or k×m), b is k×n (or n×k). */
  matmul(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void;
  /** Σ x[i]·y[i], in index order. */
  dot(x: Float64Array, y: Float64Array): number;
  /** y ← y + α·x */
  axpy(alpha: number, x: Float64Array, y: Float64Array): void;
  /** Σ x[i], in index order. */
  sum(x: Float64Array): number;
  /** Σ x[i]², in index order. */
  sumSq(x: Float64Array): number;
  /** Circular shift (torch.roll): out[(i + shift) mod len] = x[i], on consecutive blocks of `len` entries. */
  roll(out: Float64Array, x: Float64Array, shift: number, len: number): void;
}
