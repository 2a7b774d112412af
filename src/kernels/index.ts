// The active kernel backend (the reference until a faster one is selected and verified against it).
import type { Kernels } from './kernels.js';
import { referenceKernels } from './js/reference.js';

let active: Kernels = referenceKernels;

export function kernels(): Kernels {
  return active;
}

export function useKernels(k: Kernels): void {
  active = k;
}

export type { Kernels } from './kernels.js';
export type { Matrix } from './matrix.js';
export { f64Matrix, u8Matrix, entry, toF64 } from './matrix.js';
export { referenceKernels } from './js/reference.js';
