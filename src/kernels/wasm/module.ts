// The compiled WebAssembly kernels (dist/kernels/wasm/kernels.wasm, built by build.ts) and the typed slice of the WebAssembly API that gdlab uses.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** From src/kernels/wasm/ and dist/kernels/wasm/ alike, the binary is <package>/dist/kernels/wasm/kernels.wasm. */
export const WASM_FILE = fileURLToPath(new URL('../../../dist/kernels/wasm/kernels.wasm', import.meta.url));

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/** Opaque compiled module (it can be sent to worker threads). */
export interface WasmModule {
  readonly __wasmModule: unique symbol;
}

/** The exports of kernels.as; pointers are byte offsets into the memory. */
export interface KernelExports {
  heapBase(): number;
  allFinite(x: number, len: number): number;
  readSum(x: number, len: number): number;
  packB(bp: number, b: number, cols: number, np: number): void;
  run(ctrl: number, id: number, nt: number): void;
  readonly OP_GEMV: { readonly value: number };
  readonly OP_GEMVT: { readonly value: number };
  readonly OP_GEMM: { readonly value: number };
  readonly OP_GEMMT: { readonly value: number };
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

// lib.dom is not in this project's tsconfig, so the global is typed here (only what is used).
const WA = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** 64 KiB pages; 65536 pages = the 4 GiB a 32-bit memory can address. */
export const PAGE = 65536;
const MAX_PAGES = 65536;

let compiled: WasmModule | null | undefined;

/** The compiled module, or undefined when the binary has not been built (then the reference kernels serve). */
export function kernelsModule(): WasmModule | undefined {
  if (compiled === undefined) compiled = existsSync(WASM_FILE) ? new WA.Module(readFileSync(WASM_FILE)) : null;
  return compiled ?? undefined;
}

export function sharedMemory(initialPages: number): WasmMemory {
  return new WA.Memory({ initial: initialPages, maximum: MAX_PAGES, shared: true });
}

export function instantiate(module: WasmModule, memory: WasmMemory): KernelExports {
  return new WA.Instance(module, { env: { memory } }).exports as KernelExports;
}
