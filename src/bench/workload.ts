// One benchmark workload's outcome: gdlab's time (and variants), PyTorch's straightforward and hand-optimised times, the agreement of the results, and the bytes gdlab moves per iteration.
import { norm2 } from '../metrics/norm.js';

export interface Timing {
  readonly label: string;
  readonly ms: number;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  /** gdlab's default path (the one the targets are about). */
  readonly gdlab: Timing;
  /** Other gdlab paths, for comparison (one run at a time, float64 data, …). */
  readonly variants: readonly Timing[];
  /** The straightforward PyTorch script, and the hand-optimised one where there is one. */
  readonly torchPlainMs?: number;
  readonly torchBatchedMs?: number;
  /** How gdlab's results compare with PyTorch's (one line). */
  readonly agreement: string;
  /** Iterations of gdlab's default path (batched runs count once per iteration), and the bytes it moves in each. */
  readonly iterations: number;
  readonly bytesPerIteration: number;
}

/** Wall-clock milliseconds of fn and its result. */
export function wall<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/** ‖a − b‖ / ‖b‖. */
export function relDiff(a: Float64Array, b: Float64Array): number {
  return norm2(Float64Array.from(a, (x, i) => x - b[i])) / norm2(b);
}
