// The native AVX2 backend: the matrix kernels run in kernels.c (a Node-API addon built from source by `npm run build`), on the JS arrays themselves, bit for bit the reference; the vector kernels are the reference's.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { referenceKernels as ref, reluByGemm, scaledByGemmT } from '../js/reference.js';
import type { Kernels } from '../kernels.js';
import type { Matrix } from '../matrix.js';
import { probe, sameProbes } from '../probes.js';

/** From src/kernels/native/ and dist/kernels/native/ alike, the addon is <package>/dist/kernels/native/kernels.node. */
export const NATIVE_FILE = fileURLToPath(new URL('../../../dist/kernels/native/kernels.node', import.meta.url));

type Data = Float64Array | Uint8Array;

/** kernels.c's exports: each returns false without writing when an input is not finite (then the reference runs). */
interface Addon {
  gemv(out: Float64Array, a: Data, x: Float64Array, rows: number, cols: number, scale: number, threads: number, minWork: number): boolean;
  gemvT(out: Float64Array, a: Data, x: Float64Array, rows: number, cols: number, scale: number, threads: number, minWork: number): boolean;
  gemm(out: Float64Array, a: Data, b: Float64Array, rows: number, cols: number, scale: number, threads: number, minWork: number, n: number, checkA: number): boolean;
  gemmT(out: Float64Array, a: Data, b: Float64Array, rows: number, cols: number, scale: number, threads: number, minWork: number, n: number, checkA: number): boolean;
  /** The sparse gemmT of (u[r]·v[j])·m[r,j] without forming it; false when m is not sparse enough too (out then to be recomputed). */
  gemmTScaled(out: Float64Array, a: Data, m: Float64Array, rows: number, cols: number, scale: number, threads: number, minWork: number, n: number, u: Float64Array, v: Float64Array): boolean;
  /** gemm, then ReLU as it stores (out = max(h, +0), mask = [h > 0]): −1 when not done (nothing to trust in out), else 1 if every h is finite, 0 if not. */
  gemmRelu(out: Float64Array, a: Data, b: Float64Array, rows: number, cols: number, scale: number, threads: number, minWork: number, n: number, mask: Float64Array): number;
  allFinite(a: Data): boolean;
  avx2(): boolean;
}

let addon: Addon | null | undefined;

/** The addon, or undefined when it was not built (no C compiler) or this CPU lacks AVX2. */
function loadAddon(): Addon | undefined {
  if (addon === undefined) {
    addon = null;
    if (existsSync(NATIVE_FILE)) {
      const a = createRequire(import.meta.url)(NATIVE_FILE) as Addon;
      if (a.avx2()) addon = a;
    }
  }
  return addon ?? undefined;
}

export interface NativeKernelsOptions {
  /** Threads to split large products over (default 1). */
  readonly threads?: number;
  /** Products with fewer multiply-adds run in JavaScript (default 512; tests set 0). */
  readonly smallWork?: number;
  /** Products with fewer multiply-adds use one thread (default 2^18; tests set 0). */
  readonly parallelWork?: number;
}

/** n×k row-major from k×n row-major. */
function transposed(b: Float64Array, k: number, n: number): Float64Array {
  const t = new Float64Array(k * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) t[i * n + j] = b[j * k + i];
  return t;
}

/**
 * The native backend, or undefined when the addon is missing or the CPU lacks AVX2. Whether a matrix's
 * entries are all finite is worked out once per data array (and again if sampled entries change: matrix.ts
 * asks that a Matrix's entries never change); vectors are checked on every call by the addon.
 */
export function nativeKernels(opts: NativeKernelsOptions = {}): Kernels | undefined {
  const nat = loadAddon();
  if (nat === undefined) return undefined;
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  const small = opts.smallWork ?? 512;
  const pw = opts.parallelWork ?? 1 << 18;
  const known = new WeakMap<Data, { finite: boolean; probes: Float64Array }>();
  const finite = (a: Matrix): boolean => {
    if (!Number.isFinite(a.scale)) return false;
    if (a.finite === true) return true;
    const k = known.get(a.data);
    if (k !== undefined && sameProbes(a.data, k.probes)) return k.finite;
    const f = nat.allFinite(a.data);
    known.set(a.data, { finite: f, probes: probe(a.data) });
    return f;
  };
  const ok = (a: Matrix, work: number): boolean => work >= small && a.data.length >= a.rows * a.cols && finite(a);

  const gemmT: Kernels['gemmT'] = (out, a, b, n) => {
    if (!ok(a, a.rows * a.cols * n) || !nat.gemmT(out, a.data, b, a.rows, a.cols, a.scale, threads, pw, n, 0)) ref.gemmT(out, a, b, n);
  };
  const viaGemmT = scaledByGemmT(gemmT);
  const gemm: Kernels['gemm'] = (out, a, b, n) => {
    if (!ok(a, a.rows * a.cols * n) || !nat.gemm(out, a.data, b, a.rows, a.cols, a.scale, threads, pw, n, 0)) ref.gemm(out, a, b, n);
  };
  const viaGemm = reluByGemm(gemm);

  return {
    name: threads > 1 ? `native-avx2(${threads} threads)` : 'native-avx2',
    gemv(out, a, x) {
      if (!ok(a, a.rows * a.cols) || !nat.gemv(out, a.data, x, a.rows, a.cols, a.scale, threads, pw)) ref.gemv(out, a, x);
    },
    gemvT(out, a, x) {
      if (!ok(a, a.rows * a.cols) || !nat.gemvT(out, a.data, x, a.rows, a.cols, a.scale, threads, pw)) ref.gemvT(out, a, x);
    },
    gemm,
    gemmT,
    gemmTScaled(out, a, u, v, m, n) {
      // Sparse m (a ReLU layer's mask): B is never formed. Otherwise, or on non-finite entries: B formed, then gemmT.
      if (!ok(a, a.rows * a.cols * n) || !nat.gemmTScaled(out, a.data, m, a.rows, a.cols, a.scale, threads, pw, n, u, v)) viaGemmT(out, a, u, v, m, n);
    },
    gemmRelu(out, mask, a, b, n) {
      // On non-finite inputs (or when the addon declines): gemm, then the reference's ReLU loop.
      const done = ok(a, a.rows * a.cols * n) ? nat.gemmRelu(out, a.data, b, a.rows, a.cols, a.scale, threads, pw, n, mask) : -1;
      return done === -1 ? viaGemm(out, mask, a, b, n) : done === 1;
    },
    matmul(out, a, b, m, k, n, transA, transB) {
      // NN/NT are gemm of A (m×k), TN/TT gemmT of A (k×m), with B transposed to k×n when flagged; A is checked by the addon.
      if (m * k * n >= small && a.length >= m * k && b.length >= k * n) {
        const bb = transB ? transposed(b, k, n) : b;
        const done = transA ? nat.gemmT(out, a, bb, k, m, 1, threads, pw, n, 1) : nat.gemm(out, a, bb, m, k, 1, threads, pw, n, 1);
        if (done) return;
      }
      ref.matmul(out, a, b, m, k, n, transA, transB);
    },
    dot: ref.dot,
    axpy: ref.axpy,
    sum: ref.sum,
    sumSq: ref.sumSq,
    roll: ref.roll,
  };
}
