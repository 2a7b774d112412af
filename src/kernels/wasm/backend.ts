// The WebAssembly SIMD backend: the matrix kernels run in kernels.as (optionally split over worker threads), bit for bit the reference; the vector kernels are the reference's.
import { referenceKernels as ref, reluByGemm, scaledByGemmT } from '../js/reference.js';
import type { Kernels } from '../kernels.js';
import type { Matrix } from '../matrix.js';
import { probe, sameProbes } from '../probes.js';
import { type Heap, createHeap } from './heap.js';
import { type KernelExports, instantiate, kernelsModule, sharedMemory } from './module.js';
import { type Pool, createPool } from './pool.js';

export interface WasmKernels extends Kernels {
  /** Threads a large kernel is split over (the calling thread included). */
  readonly threads: number;
  /** Stops the worker threads (the backend must not be used afterwards). */
  dispose(): Promise<void>;
}

/** Bytes of packed rows per thread in gemmT. */
const PANEL_BYTES = 1 << 18;

interface Resident {
  readonly ptr: number;
  finite: boolean;
  probes: Float64Array;
}

export interface WasmKernelsOptions {
  /** Threads to split large products over (default 1: no worker threads). */
  readonly threads?: number;
  /** Products with fewer multiply-adds stay in JavaScript (default 4096; tests set 0). */
  readonly smallWork?: number;
  /** Products with fewer multiply-adds use one thread (default 2^18; tests set 0). */
  readonly parallelWork?: number;
}

/**
 * The wasm backend, or undefined when kernels.wasm has not been built. Matrices (the data sets) are copied
 * into WebAssembly memory once and kept there, keyed by their data array, as the entries of a Matrix never
 * change (matrix.ts); a few sampled entries are compared on every use so an array refilled in place is
 * copied again. Vectors are copied in and out on every call. Any non-finite input sends the call to the
 * reference (where 0·∞ is skipped or not, as the reference decides), so results are always the reference's.
 */
export function wasmKernels(opts: WasmKernelsOptions = {}): WasmKernels | undefined {
  const module = kernelsModule();
  if (module === undefined) return undefined;
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  // Below `small` copying the operands costs more than it saves; below `parallel` waking the workers does.
  const small = opts.smallWork ?? 4096;
  const parallel = opts.parallelWork ?? 1 << 18;
  const memory = sharedMemory(17);
  const ex: KernelExports = instantiate(module, memory);
  const heap: Heap = createHeap(memory, ex.heapBase());
  const ctrl = heap.alloc(256);
  const sync = heap.alloc(64);
  if (ctrl === undefined || sync === undefined) return undefined;
  const pool: Pool | undefined = threads > 1 ? createPool(module, memory, ex, ctrl, sync, threads) : undefined;
  const OP = { gemv: ex.OP_GEMV.value, gemvT: ex.OP_GEMVT.value, gemm: ex.OP_GEMM.value, gemmT: ex.OP_GEMMT.value };

  // Scratch for one call's operands, handed out in order by `take` after `reserve`: grown, never shrunk.
  let arena = 0;
  let arenaBytes = 0;
  let used = 0;
  /** Makes room for operands of `bytes` in total (each rounded up to 64); false when memory cannot grow. */
  const reserve = (bytes: number): boolean => {
    used = 0;
    if (bytes <= arenaBytes) return true;
    const want = Math.max(bytes, 2 * arenaBytes);
    if (arenaBytes > 0) heap.free(arena);
    arenaBytes = 0;
    for (const size of [want, bytes]) {
      const p = heap.alloc(size);
      if (p !== undefined) {
        arena = p;
        arenaBytes = size;
        return true;
      }
    }
    return false;
  };
  const take = (bytes: number): number => {
    const at = arena + used;
    used += Math.ceil(bytes / 64) * 64;
    if (used > arenaBytes) throw new Error(`kernels: operand scratch overrun (${used} > ${arenaBytes} bytes)`);
    return at;
  };
  /** Bytes `reserve` needs for operands of these sizes. */
  const room = (...bytes: number[]): number => bytes.reduce((s, b) => s + Math.ceil(b / 64) * 64, 0);

  const resident = new WeakMap<Float64Array | Uint8Array, Resident>();
  const registry = new FinalizationRegistry<number>((ptr) => heap.free(ptr));
  const place = (a: Matrix): Resident | undefined => {
    const { data } = a;
    const len = data.length;
    let r = resident.get(data);
    if (r !== undefined && sameProbes(data, r.probes)) return r;
    if (r === undefined) {
      const ptr = heap.alloc(data.byteLength);
      if (ptr === undefined) return undefined;
      r = { ptr, finite: true, probes: probe(data) };
      resident.set(data, r);
      registry.register(data, ptr);
    }
    if (data instanceof Uint8Array) heap.u8(r.ptr, len).set(data);
    else heap.f64(r.ptr, len).set(data);
    r.finite = data instanceof Uint8Array || a.finite === true || ex.allFinite(r.ptr, len) === 1;
    r.probes = probe(data);
    return r;
  };

  const runJob = (op: number, args: readonly number[], work: number): void => {
    heap.i32(ctrl, 1)[0] = op;
    heap.f64(ctrl + 8, args.length).set(args);
    if (pool !== undefined && work >= parallel) pool.run();
    else ex.run(ctrl, 0, 1);
  };

  /** Copies x into wasm memory at p; false if some entry is not finite. */
  const putFinite = (p: number, x: Float64Array): boolean => {
    const v = heap.f64(p, x.length);
    v.set(x);
    return ex.allFinite(p, x.length) === 1;
  };

  /** b (k×n, or n×k when `trans`, stored as k×n) into wasm memory at p; false if some entry is not finite. */
  const putB = (p: number, b: Float64Array, k: number, n: number, trans: boolean): boolean => {
    const v = heap.f64(p, k * n);
    if (!trans) v.set(b.subarray(0, k * n));
    else for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) v[i * n + j] = b[j * k + i];
    return ex.allFinite(p, k * n) === 1;
  };

  /** Rows of the k×n matrix at p with some nonzero entry, as int32 at q; returns their number. */
  const nonzeroRows = (q: number, p: number, k: number, n: number): number => {
    const v = heap.f64(p, k * n);
    const idx = heap.i32(q, k);
    let m = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i * n, e = j + n; j < e; j++) {
        if (v[j] !== 0) {
          idx[m++] = i;
          break;
        }
      }
    }
    return m;
  };

  /** out (rows×n) = A·B with A resident at aPtr (rows×cols), B cols×n (or n×cols when transB). */
  const product = (out: Float64Array, aPtr: number, rows: number, cols: number, scale: number, u8: boolean,
    b: Float64Array, n: number, transB: boolean): boolean => {
    const panelBytes = 32 * cols * Math.ceil(n / 4);
    const scratchStride = 32 * cols; // packRows: 4 rows interleaved, as float64
    if (!reserve(room(8 * cols * n, panelBytes, 8 * rows * n, threads * scratchStride))) return false;
    const bPtr = take(8 * cols * n);
    const bp = take(panelBytes);
    const o = take(8 * rows * n);
    const scratch = take(threads * scratchStride);
    if (!putB(bPtr, b, cols, n, transB)) return false;
    ex.packB(bp, bPtr, cols, n);
    runJob(OP.gemm, [o, aPtr, bp, cols, scale, u8 ? 1 : 0, rows, n, scratch, scratchStride], rows * cols * n);
    out.set(heap.f64(o, rows * n));
    return true;
  };

  /** out (cols×n) = Aᵀ·B with A resident at aPtr (rows×cols), B rows×n (or n×rows when transB). */
  const productT = (out: Float64Array, aPtr: number, rows: number, cols: number, scale: number, u8: boolean,
    b: Float64Array, n: number, transB: boolean): boolean => {
    const panels = Math.ceil(n / 4);
    const kr = Math.max(4, Math.min(256, Math.floor(PANEL_BYTES / (128 + 36 * panels))));
    // kernels.as gemmT: 4 packed column blocks, the packed b panels, their row lists and counts.
    const scratchStride = kr * 128 + kr * panels * 36 + 4 * panels;
    if (!reserve(room(8 * rows * n, 4 * rows, 8 * cols * n, threads * scratchStride))) return false;
    const bPtr = take(8 * rows * n);
    const idx = take(4 * rows);
    const o = take(8 * cols * n);
    const scratch = take(threads * scratchStride);
    if (!putB(bPtr, b, rows, n, transB)) return false;
    const nidx = nonzeroRows(idx, bPtr, rows, n);
    runJob(OP.gemmT, [o, aPtr, bPtr, cols, scale, u8 ? 1 : 0, rows, n, scratch, scratchStride, idx, nidx, kr], nidx * cols * n);
    out.set(heap.f64(o, cols * n));
    return true;
  };

  /** The resident copy of a, when the product is worth it (`work` multiply-adds) and every entry is finite. */
  const matrixArgs = (a: Matrix, work: number): Resident | undefined => {
    if (work < small || !Number.isFinite(a.scale)) return undefined;
    const r = place(a);
    return r !== undefined && r.finite ? r : undefined;
  };

  const gemm: Kernels['gemm'] = (out, a, b, n) => {
    const r = matrixArgs(a, a.rows * a.cols * n);
    if (r !== undefined && product(out, r.ptr, a.rows, a.cols, a.scale, a.data instanceof Uint8Array, b, n, false)) return;
    ref.gemm(out, a, b, n);
  };
  const gemmT: Kernels['gemmT'] = (out, a, b, n) => {
    const r = matrixArgs(a, a.rows * a.cols * n);
    if (r !== undefined && productT(out, r.ptr, a.rows, a.cols, a.scale, a.data instanceof Uint8Array, b, n, false)) return;
    ref.gemmT(out, a, b, n);
  };

  const kernels: WasmKernels = {
    name: threads > 1 ? `wasm-simd(${threads} threads)` : 'wasm-simd',
    threads,
    gemv(out, a, x) {
      const r = matrixArgs(a, a.rows * a.cols);
      if (r !== undefined && reserve(room(8 * a.cols, 8 * a.rows))) {
        const xp = take(8 * a.cols);
        const o = take(8 * a.rows);
        if (putFinite(xp, x.subarray(0, a.cols))) {
          runJob(OP.gemv, [o, r.ptr, xp, a.cols, a.scale, a.data instanceof Uint8Array ? 1 : 0, a.rows], a.rows * a.cols);
          out.set(heap.f64(o, a.rows));
          return;
        }
      }
      ref.gemv(out, a, x);
    },
    gemvT(out, a, x) {
      const r = matrixArgs(a, a.rows * a.cols);
      if (r !== undefined && reserve(room(8 * a.rows, 4 * a.rows, 8 * a.cols))) {
        const xp = take(8 * a.rows);
        const idx = take(4 * a.rows);
        const o = take(8 * a.cols);
        if (putFinite(xp, x.subarray(0, a.rows))) {
          const ix = heap.i32(idx, a.rows);
          let m = 0;
          for (let i = 0; i < a.rows; i++) if (x[i] !== 0) ix[m++] = i;
          runJob(OP.gemvT, [o, r.ptr, xp, a.cols, a.scale, a.data instanceof Uint8Array ? 1 : 0, a.rows, idx, m], m * a.cols);
          out.set(heap.f64(o, a.cols));
          return;
        }
      }
      ref.gemvT(out, a, x);
    },
    gemm,
    gemmT,
    gemmTScaled: scaledByGemmT(gemmT),
    gemmRelu: reluByGemm(gemm),
    matmul(out, a, b, m, k, n, transA, transB) {
      // A is m×k (or k×m): copied in for this call only; then NN/NT are gemm, TN/TT gemmT, with B transposed when flagged.
      if (m * k * n >= small) {
        const p = heap.alloc(8 * m * k);
        if (p !== undefined) {
          try {
            if (putFinite(p, a.subarray(0, m * k))) {
              const done = transA
                ? productT(out, p, k, m, 1, false, b, n, transB)
                : product(out, p, m, k, 1, false, b, n, transB);
              if (done) return;
            }
          } finally {
            heap.free(p);
          }
        }
      }
      ref.matmul(out, a, b, m, k, n, transA, transB);
    },
    dot: ref.dot,
    axpy: ref.axpy,
    sum: ref.sum,
    sumSq: ref.sumSq,
    roll: ref.roll,
    async dispose() {
      await pool?.terminate();
    },
  };
  return kernels;
}
