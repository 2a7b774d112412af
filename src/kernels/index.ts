// The active kernel backend: chosen from the environment on first use (select.ts: native AVX2, else WebAssembly SIMD, when built and verified; else the reference), or set by useKernels.
import type { Kernels } from './kernels.js';
import { kernelsFor } from './select.js';

let active: Kernels | undefined;

export function kernels(): Kernels {
  return (active ??= kernelsFor(process.env));
}

export function useKernels(k: Kernels): void {
  active = k;
}

export type { Kernels } from './kernels.js';
export type { Matrix } from './matrix.js';
export { f64Matrix, u8Matrix, entry, toF64 } from './matrix.js';
export { referenceKernels } from './js/reference.js';
export { type WasmKernels, type WasmKernelsOptions, wasmKernels } from './wasm/backend.js';
export { kernelsFor } from './select.js';
export { type NativeKernelsOptions, nativeKernels } from './native/backend.js';
