// One benchmark workload's outcome: gdlab's times (default path and variants), PyTorch's straightforward and hand-optimised times, the agreement of the results, and the bytes gdlab moves per iteration.
import { norm2 } from '../metrics/norm.js';

/** Wall-clock and CPU milliseconds (CPU: the whole process, every thread; less sensitive to other processes on a shared machine). */
export interface Time {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface Timing extends Time {
  readonly label: string;
  /** Iterations of this path (a batched iteration of several runs counts once) and the bytes gdlab moves in each. */
  readonly iterations: number;
  readonly bytesPerIteration: number;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  /** gdlab's default path (the one the targets are about). */
  readonly gdlab: Timing;
  /** Other gdlab paths, for comparison (one run at a time, float64 data, …). */
  readonly variants: readonly Timing[];
  /** The straightforward PyTorch script, and the hand-optimised one where there is one. */
  readonly torchPlain?: Time;
  readonly torchBatched?: Time;
  /** Notes on the PyTorch timing (e.g. measured on part of the iterations). */
  readonly torchNote?: string;
  /** How gdlab's results compare with PyTorch's (one line). */
  readonly agreement: string;
}

/** Times fn (wall clock and process CPU time) and returns its result. */
export function measure<T>(fn: () => T): Time & { result: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, result };
}

export function timing(label: string, t: Time, iterations: number, bytesPerIteration: number): Timing {
  return { label, wallMs: t.wallMs, cpuMs: t.cpuMs, iterations, bytesPerIteration };
}

/** The PyTorch times the script reported under `prefix` (plainMs/plainCpuMs, …), scaled by `factor`. */
export function torchTime(report: Record<string, unknown>, prefix: string, factor = 1): Time | undefined {
  const wall = report[`${prefix}Ms`];
  const cpu = report[`${prefix}CpuMs`];
  return typeof wall === 'number' && typeof cpu === 'number' ? { wallMs: wall * factor, cpuMs: cpu * factor } : undefined;
}

/** ‖a − b‖ / ‖b‖. */
export function relDiff(a: Float64Array, b: Float64Array): number {
  return norm2(Float64Array.from(a, (x, i) => x - b[i])) / norm2(b);
}

const minTime = (ts: readonly (Time | undefined)[]): Time | undefined => {
  const d = ts.filter((t): t is Time => t !== undefined);
  return d.length === 0 ? undefined : { wallMs: Math.min(...d.map((t) => t.wallMs)), cpuMs: Math.min(...d.map((t) => t.cpuMs)) };
};

/**
 * One workload measured in several rounds, each round gdlab then PyTorch back to back: each side's fastest round
 * (wall and CPU separately), so that a slow spell of this shared machine does not decide the ratio; `rounds` lists
 * each round's wall-clock speed-up (PyTorch / gdlab, > 1: gdlab faster), measured minutes apart from the others.
 */
export function fastestRounds(rs: readonly WorkloadResult[]): WorkloadResult & { readonly rounds: string } {
  const [first] = rs;
  const best = <T extends Time>(pick: (r: WorkloadResult) => T): T => ({ ...pick(first), ...minTime(rs.map(pick)) });
  const speedups = rs.map((r) => (r.torchPlain === undefined ? '–' : (r.torchPlain.wallMs / r.gdlab.wallMs).toFixed(2)));
  return {
    ...first,
    gdlab: best((r) => r.gdlab),
    variants: first.variants.map((_, i) => best((r) => r.variants[i])),
    torchPlain: minTime(rs.map((r) => r.torchPlain)),
    torchBatched: minTime(rs.map((r) => r.torchBatched)),
    rounds: `${rs.length} round(s); gdlab wall ${rs.map((r) => r.gdlab.wallMs.toFixed(0)).join(', ')} ms; speed-up vs straightforward PyTorch per round ${speedups.join(', ')}`,
  };
}
