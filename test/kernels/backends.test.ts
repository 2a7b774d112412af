import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { NATIVE_SOURCE, WASM_SOURCE, buildNative, buildWasm } from '../../src/kernels/build.js';
import {
  type Kernels, type Matrix, type WasmKernels, f64Matrix, kernelsFor, nativeKernels, referenceKernels as R, u8Matrix, wasmKernels,
} from '../../src/kernels/index.js';
import { NATIVE_FILE } from '../../src/kernels/native/backend.js';
import { WASM_FILE } from '../../src/kernels/wasm/module.js';

// A tiny deterministic generator for test inputs (independent of src/rng).
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Index of the first entry that differs in its bits (Object.is: +0 ≠ −0, NaN = NaN), or −1. */
function firstDiff(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const stale = (file: string, source: string): boolean => !existsSync(file) || statSync(file).mtimeMs < statSync(source).mtimeMs;

const backends: [string, Kernels][] = [];
const pools: WasmKernels[] = [];

beforeAll(async () => {
  // The binaries are built by `npm run build`; rebuilt here when missing or older than their sources.
  if (stale(WASM_FILE, WASM_SOURCE)) await buildWasm();
  if (stale(NATIVE_FILE, NATIVE_SOURCE)) buildNative();
  for (const threads of [1, 2, 3]) {
    const w = wasmKernels({ threads, smallWork: 0, parallelWork: 0 });
    if (w === undefined) throw new Error(`${WASM_FILE} did not load`);
    pools.push(w);
    backends.push([`wasm, ${threads} thread(s)`, w]);
    // The native addon needs a C compiler at build time and AVX2: where it is missing, only wasm is tested.
    const n = nativeKernels({ threads, smallWork: 0, parallelWork: 0 });
    if (n !== undefined) backends.push([`native, ${threads} thread(s)`, n]);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((k) => k.dispose()));
});

type Case = { what: string; len: number; call: (K: Kernels, out: Float64Array) => void };

/** Runs every case on the reference and every backend; all must agree bit for bit. */
function expectReference(cases: readonly Case[]): void {
  for (const c of cases) {
    const want = new Float64Array(c.len).fill(7);
    c.call(R, want);
    for (const [label, K] of backends) {
      const got = new Float64Array(c.len).fill(-7);
      c.call(K, got);
      const i = firstDiff(want, got);
      expect(i, `${c.what}, ${label}: entry ${i}: ${got[i]} vs reference ${want[i]}`).toBe(-1);
    }
  }
}

/** Entries in [−1, 1) with a fraction `zeros` of exact zeros. */
function values(rnd: () => number, len: number, zeros: number): Float64Array {
  return Float64Array.from({ length: len }, () => (rnd() < zeros ? 0 : rnd() * 2 - 1));
}

function randomMatrix(rnd: () => number, rows: number, cols: number, kind: 'f64' | 'u8'): Matrix {
  if (kind === 'f64') return f64Matrix(rows, cols, values(rnd, rows * cols, 0.2));
  const px = Uint8Array.from({ length: rows * cols }, () => (rnd() < 0.2 ? 0 : Math.floor(rnd() * 256)));
  return u8Matrix(rows, cols, px, [1 / 255, 0.37, 1][Math.floor(rnd() * 3)]);
}

function matrixCases(A: Matrix, rnd: () => number, n: number, tag: string): Case[] {
  const { rows, cols } = A;
  const x = values(rnd, cols, 0.1);
  const z = values(rnd, rows, 0.4);
  const b = values(rnd, cols * n, 0.1);
  const bt = values(rnd, rows * n, 0.1);
  for (let r = 0; r < rows; r += 3) bt.fill(0, r * n, r * n + n); // whole zero rows (samples with weight 0)
  // Zero rows in the first 4 columns only (runs with large steps in a sweep: weight 0 in some runs, not all).
  const bp = values(rnd, rows * n, 0.1);
  for (let r = 1; r < rows; r += 2) bp.fill(0, r * n, r * n + Math.min(4, n));
  return [
    { what: `gemv ${tag}`, len: rows, call: (K, o) => K.gemv(o, A, x) },
    { what: `gemvT ${tag}`, len: cols, call: (K, o) => K.gemvT(o, A, z) },
    { what: `gemvT zero coefficients ${tag}`, len: cols, call: (K, o) => K.gemvT(o, A, new Float64Array(rows)) },
    { what: `gemm ${tag}`, len: rows * n, call: (K, o) => K.gemm(o, A, b, n) },
    { what: `gemmT ${tag}`, len: cols * n, call: (K, o) => K.gemmT(o, A, bt, n) },
    { what: `gemmT, zero rows in some columns, ${tag}`, len: cols * n, call: (K, o) => K.gemmT(o, A, bp, n) },
  ];
}

describe('WebAssembly and native kernels = reference kernels, bit for bit', () => {
  it('on random shapes (odd sizes, float64 and uint8 with scales, zero entries and coefficients)', () => {
    const rnd = lcg(11);
    const cases: Case[] = [];
    for (let t = 0; t < 40; t++) {
      const rows = 1 + Math.floor(rnd() * 70), cols = 1 + Math.floor(rnd() * 70), n = 1 + Math.floor(rnd() * 9);
      const kind = rnd() < 0.5 ? 'f64' : 'u8';
      cases.push(...matrixCases(randomMatrix(rnd, rows, cols, kind), rnd, n, `${kind} ${rows}×${cols}, n = ${n}`));
    }
    // Longer rows and columns than one SIMD block or one packed panel of rows (256); 45×301: the native gemv's
    // eight-row blocks (rows of 256 entries or more), then its four-row block and a single row, and a column tail.
    for (const [rows, cols, n] of [[300, 41, 6], [5, 1000, 3], [517, 33, 13], [64, 64, 16], [45, 301, 3]] as const) {
      for (const kind of ['f64', 'u8'] as const) cases.push(...matrixCases(randomMatrix(rnd, rows, cols, kind), rnd, n, `${kind} ${rows}×${cols}, n = ${n}`));
    }
    expectReference(cases);
  });

  it('gemmT on a b with half its entries zero (a ReLU network\'s backward pass)', () => {
    const rnd = lcg(14);
    const cases: Case[] = [];
    for (const [rows, cols, n] of [[300, 70, 20], [129, 33, 8], [40, 100, 37], [261, 290, 11]] as const) {
      for (const kind of ['f64', 'u8'] as const) {
        const A = randomMatrix(rnd, rows, cols, kind);
        const relu = values(rnd, rows * n, 0).map((v) => Math.max(v, 0));
        cases.push({ what: `gemmT ${kind} ${rows}×${cols}, n = ${n}, half zeros`, len: cols * n, call: (K, o) => K.gemmT(o, A, relu, n) });
      }
    }
    expectReference(cases);
  });

  it('gemmTScaled = gemmT of B[r,j] = (u_r·v_j)·m_rj: sparse and dense masks, zero coefficients, odd sizes', () => {
    const rnd = lcg(15);
    const cases: Case[] = [];
    // 261×290: several row panels, and more than one packed group of 256 columns.
    for (const [rows, cols, n] of [[300, 70, 20], [129, 33, 8], [40, 100, 37], [41, 33, 9], [17, 5, 3], [60, 31, 12], [261, 290, 11]] as const) {
      for (const kind of ['f64', 'u8'] as const) {
        const A = randomMatrix(rnd, rows, cols, kind);
        const u = values(rnd, rows, 0.2);
        const v = values(rnd, n, 0.1);
        const relu = values(rnd, rows * n, 0).map((x) => Math.max(x, 0));
        const dense = values(rnd, rows * n, 0).map((x) => 1 - x * x); // a tanh-like derivative: no zeros
        cases.push({ what: `gemmTScaled ${kind} ${rows}×${cols}, n = ${n}, ReLU mask`, len: cols * n, call: (K, o) => K.gemmTScaled(o, A, u, v, relu, n) });
        cases.push({ what: `gemmTScaled ${kind} ${rows}×${cols}, n = ${n}, dense mask`, len: cols * n, call: (K, o) => K.gemmTScaled(o, A, u, v, dense, n) });
      }
    }
    // Equal to gemmT of the formed B on the reference itself (the definition).
    const A = randomMatrix(lcg(16), 41, 33, 'f64');
    const [u, v, m] = [values(lcg(17), 41, 0.2), values(lcg(18), 9, 0), values(lcg(19), 41 * 9, 0.5)];
    const B = Float64Array.from(m, (x, i) => u[Math.floor(i / 9)] * v[i % 9] * x);
    const [viaB, scaled] = [new Float64Array(33 * 9), new Float64Array(33 * 9)];
    R.gemmT(viaB, A, B, 9);
    R.gemmTScaled(scaled, A, u, v, m, 9);
    expect(firstDiff(viaB, scaled)).toBe(-1);
    expectReference(cases);
  });

  it('gemmTScaled with a non-finite coefficient or an overflowing product u_r·v_j decides as the reference', () => {
    const rnd = lcg(20);
    const A = randomMatrix(rnd, 41, 33, 'f64');
    const relu = values(rnd, 41 * 9, 0).map((x) => Math.max(x, 0));
    const u = values(rnd, 41, 0.2);
    const uInf = Float64Array.from(u, (x, i) => (i === 40 ? Infinity : x));
    const uBig = Float64Array.from(u, (x, i) => (i === 7 ? 1e200 : x));
    const v = values(rnd, 9, 0);
    const vBig = Float64Array.from(v, (x, j) => (j === 3 ? 1e200 : x));
    // m itself not finite (the native kernel finds it while listing B's entries): ∞ with u_r·v_j ≠ 0, ∞ with u_r = 0, NaN;
    // in a 4×4 block and in the tail rows and columns.
    const withEntry = (i: number, x: number): Float64Array => Float64Array.from(relu, (y, k) => (k === i ? x : y));
    const zeroU = u.findIndex((x) => x === 0);
    expect(zeroU).toBeGreaterThanOrEqual(0);
    expectReference([
      { what: 'gemmTScaled, u with +Inf', len: 33 * 9, call: (K, o) => K.gemmTScaled(o, A, uInf, v, relu, 9) },
      { what: 'gemmTScaled, u_r·v_j overflows', len: 33 * 9, call: (K, o) => K.gemmTScaled(o, A, uBig, vBig, relu, 9) },
      { what: 'gemmTScaled, m with +Inf in a block', len: 33 * 9, call: (K, o) => K.gemmTScaled(o, A, u.map((x) => x || 0.5), v, withEntry(2 * 9 + 1, Infinity), 9) },
      { what: 'gemmTScaled, m with −Inf where u_r = 0', len: 33 * 9, call: (K, o) => K.gemmTScaled(o, A, u, v, withEntry(zeroU * 9 + 2, -Infinity), 9) },
      { what: 'gemmTScaled, m with NaN in the last column', len: 33 * 9, call: (K, o) => K.gemmTScaled(o, A, u, v, withEntry(5 * 9 + 8, NaN), 9) },
      { what: 'gemmTScaled, m with +Inf in the last row', len: 33 * 9, call: (K, o) => K.gemmTScaled(o, A, u.map((x) => x || 0.5), v, withEntry(40 * 9 + 3, Infinity), 9) },
    ]);
    // The overflow case means something: the reference's answer has infinite entries and finite ones.
    const o = new Float64Array(33 * 9);
    R.gemmTScaled(o, A, uBig, vBig, relu, 9);
    expect(o.some((x) => !Number.isFinite(x)) && o.some(Number.isFinite)).toBe(true);
  });

  it('gemmRelu = gemm then ReLU (out = h > 0 ? h : +0, mask = [h > 0]) with the same finiteness answer: odd sizes, scales, several passes', () => {
    // out, mask and the returned flag (1/0) in one array, so every part is compared bit for bit.
    const relu = (A: Matrix, b: Float64Array, n: number): Case => ({
      what: `gemmRelu ${A.data instanceof Uint8Array ? 'u8' : 'f64'} ${A.rows}×${A.cols}, n = ${n}`,
      len: 2 * A.rows * n + 1,
      call: (K, o) => {
        o[2 * A.rows * n] = +K.gemmRelu(o.subarray(0, A.rows * n), o.subarray(A.rows * n, 2 * A.rows * n), A, b, n);
      },
    });
    const rnd = lcg(22);
    const cases: Case[] = [];
    // 61×300: more than one 256-column pass of the native gemm, ReLU on the last; n = 1, 7, 9, 20: partial tiles.
    for (const [rows, cols, n] of [[40, 33, 9], [17, 5, 3], [61, 300, 7], [9, 64, 20], [33, 40, 1]] as const) {
      for (const kind of ['f64', 'u8'] as const) {
        const A = randomMatrix(rnd, rows, cols, kind);
        cases.push(relu(A, values(rnd, cols * n, 0.1), n));
      }
    }
    // Exact zeros of h (a zero row of A, a zero column of b): out +0, mask 0.
    const A0 = randomMatrix(rnd, 12, 33, 'f64');
    (A0.data as Float64Array).fill(0, 3 * 33, 4 * 33);
    const b0 = Float64Array.from(values(rnd, 33 * 9, 0.1), (x, i) => (i % 9 === 2 ? 0 : x));
    cases.push(relu(A0, b0, 9));
    // Products that overflow: +∞, −∞ and ∞ − ∞ = NaN entries (ReLU gives ∞, +0, +0; the flag says not finite).
    const big = f64Matrix(8, 40, Float64Array.from(values(rnd, 320, 0), (x, i) => (i % 40 < 2 ? (i % 80 < 40 ? 1e300 : -1e300) : x)));
    // b's row 0 is ±1e300 by column; its row 1 cancels that (∞ − ∞) in columns 0–2 only.
    const bBig = Float64Array.from(values(rnd, 40 * 9, 0), (x, i) => (i < 9 ? (i % 2 ? -1e300 : 1e300) : i < 12 ? (i % 2 ? -1e300 : 1e300) : x));
    cases.push(relu(big, bBig, 9));
    // A non-finite input (the reference decides).
    const bNaN = values(rnd, 33 * 9, 0.1);
    bNaN[5] = NaN;
    cases.push(relu(randomMatrix(rnd, 40, 33, 'f64'), bNaN, 9));
    expectReference(cases);
    // The overflow case means something: infinite, NaN-made zeros and finite entries, and the flag false.
    const o = new Float64Array(8 * 9), m = new Float64Array(8 * 9);
    expect(R.gemmRelu(o, m, big, bBig, 9)).toBe(false);
    const h = new Float64Array(8 * 9);
    R.gemm(h, big, bBig, 9);
    expect(h.some(Number.isNaN) && h.some((x) => x === Infinity) && h.some((x) => x === -Infinity)).toBe(true);
    expect(o.every((x, i) => (h[i] > 0 ? x === h[i] : Object.is(x, 0)) && m[i] === +(h[i] > 0))).toBe(true);
  });

  it('matmul in all four transpose combinations, with zeros', () => {
    const rnd = lcg(12);
    const cases: Case[] = [];
    for (let t = 0; t < 24; t++) {
      const m = 1 + Math.floor(rnd() * 40), k = 1 + Math.floor(rnd() * 40), n = 1 + Math.floor(rnd() * 40);
      const a = values(rnd, m * k, 0.3), b = values(rnd, k * n, 0.3);
      const ta = t % 2 === 1, tb = (t >> 1) % 2 === 1;
      cases.push({ what: `matmul ${m}×${k}×${n} transA=${ta} transB=${tb}`, len: m * n, call: (K, o) => K.matmul(o, a, b, m, k, n, ta, tb) });
    }
    expectReference(cases);
  });

  it('with non-finite inputs (NaN, ±Inf in the vector or the matrix) as the reference decides 0·∞', () => {
    const rnd = lcg(13);
    const A = randomMatrix(rnd, 9, 11, 'f64');
    const x = values(rnd, 11, 0.3);
    x[2] = Infinity;
    const z = values(rnd, 9, 0.3);
    z[4] = NaN;
    const Ainf = f64Matrix(9, 11, Float64Array.from(A.data, (v, i) => (i === 17 ? -Infinity : v)));
    expectReference([
      { what: 'gemv, x with Inf', len: 9, call: (K, o) => K.gemv(o, A, x) },
      { what: 'gemvT, x with NaN', len: 11, call: (K, o) => K.gemvT(o, A, z) },
      { what: 'gemvT, A with −Inf', len: 11, call: (K, o) => K.gemvT(o, Ainf, values(lcg(1), 9, 0.5)) },
      { what: 'matmul, B with Inf', len: 9, call: (K, o) => K.matmul(o, A.data as Float64Array, x, 9, 11, 1, false, false) },
    ]);
  });

  it('finds a non-finite entry anywhere: in the 4-wide part or the tail of a scan, on the sparse and dense gemmT paths', () => {
    // Each time the reference skips the products of a zero that meets the ∞ or NaN (0·∞ would be NaN): a backend that
    // missed the entry and computed every product would give NaN where the reference does not.
    const rnd = lcg(21);
    const withZeroIn = (rows: number, cols: number, zero: number): Matrix => {
      const A = randomMatrix(rnd, rows, cols, 'f64');
      (A.data as Float64Array)[zero] = 0;
      return A;
    };
    // Sparse path (b 41×9, half zeros; A has ≥ 32 columns): +∞ in b's last entry, the scan's tail (369 = 4·92 + 1).
    const bSparse = values(rnd, 41 * 9, 0.5);
    bSparse[41 * 9 - 1] = Infinity;
    const A1 = withZeroIn(41, 33, 40 * 33);
    // Dense path (b 41×3, no zeros): NaN in the tail (123 = 4·30 + 3), and −∞ in the 4-wide part.
    const bDense = values(rnd, 41 * 3, 0);
    bDense[122] = NaN;
    const bDense2 = values(rnd, 41 * 3, 0);
    bDense2[41] = -Infinity;
    const A2 = withZeroIn(41, 5, 40 * 5 + 1);
    const A3 = withZeroIn(41, 5, 13 * 5 + 2);
    // The matrix's own scan (gemvT's A, 9×11 = 99 = 4·24 + 3 entries): NaN in the tail, x zero in that row.
    const A4 = f64Matrix(9, 11, Float64Array.from(values(rnd, 99, 0.2), (v, i) => (i === 98 ? NaN : v)));
    const x4 = values(rnd, 9, 0);
    x4[8] = 0;
    expectReference([
      { what: 'gemmT sparse path, b with +Inf in the tail', len: 33 * 9, call: (K, o) => K.gemmT(o, A1, bSparse, 9) },
      { what: 'gemmT dense path, b with NaN in the tail', len: 5 * 3, call: (K, o) => K.gemmT(o, A2, bDense, 3) },
      { what: 'gemmT dense path, b with −Inf in the 4-wide part', len: 5 * 3, call: (K, o) => K.gemmT(o, A3, bDense2, 3) },
      { what: 'gemvT, A with NaN in the tail', len: 11, call: (K, o) => K.gemvT(o, A4, x4) },
    ]);
    // The cases mean something: the reference's answers are partly finite, so computing every product would differ.
    for (const [A, b, n] of [[A1, bSparse, 9], [A2, bDense, 3], [A3, bDense2, 3]] as const) {
      const o = new Float64Array(A.cols * n);
      R.gemmT(o, A, b, n);
      expect(o.some(Number.isNaN) ? o.some(Number.isFinite) : true).toBe(true);
      expect(o.some((v) => !Number.isFinite(v))).toBe(true);
    }
  });

  it('sees a matrix whose data array was refilled in place (the wasm copy is refreshed)', () => {
    const data = Float64Array.from({ length: 40 * 30 }, (_, i) => i % 5);
    const A = f64Matrix(40, 30, data);
    const x = new Float64Array(30).fill(1);
    for (const [, K] of backends) {
    const out = new Float64Array(40);
    data.fill(0);
    for (let i = 0; i < data.length; i++) data[i] = i % 5;
    K.gemv(out, A, x);
    expect(out[0]).toBe(60); // row 0: 0,1,2,3,4 repeated 6 times
    data.fill(2);
    K.gemv(out, A, x);
    expect(Array.from(out)).toEqual(new Array(40).fill(60));
    }
  });
});

describe('backend selection', () => {
  it('GDLAB_KERNELS=reference forces the reference; a bad value or thread count is an error naming the variable', () => {
    expect(kernelsFor({ GDLAB_KERNELS: 'reference' })).toBe(R);
    expect(() => kernelsFor({ GDLAB_KERNELS: 'fast' })).toThrow(GdlabError);
    expect(() => kernelsFor({ GDLAB_KERNELS: 'fast' })).toThrow(/GDLAB_KERNELS/);
    expect(() => kernelsFor({ GDLAB_THREADS: '0' })).toThrow(/GDLAB_THREADS/);
  });

  it('by default picks the native kernels when built (else wasm), each passing its self-check', () => {
    const native = nativeKernels() !== undefined;
    expect(kernelsFor({}).name).toBe(native ? 'native-avx2' : 'wasm-simd');
    expect(kernelsFor({ GDLAB_KERNELS: 'wasm' }).name).toBe('wasm-simd');
    if (native) expect(kernelsFor({ GDLAB_KERNELS: 'native', GDLAB_THREADS: '2' }).name).toBe('native-avx2(2 threads)');
    else expect(() => kernelsFor({ GDLAB_KERNELS: 'native' })).toThrow(/GDLAB_KERNELS/);
  });
});
