// One run as plain data that crosses a worker-thread boundary: the task (spec, data folder) in, the outcome (status, trajectory as Float64Arrays) out.
import { executeRun } from './execute.js';
import type { RunStatus } from './loop.js';
import type { RunSpec } from './run-spec.js';
import type { Trajectory } from './trajectory.js';

export interface RunTask {
  readonly spec: RunSpec;
  /** Folder that relative data paths resolve against (a sweep file's folder). */
  readonly baseDir?: string;
}

export interface RunOutput {
  readonly status: RunStatus;
  readonly iterations: number;
  readonly seconds: number;
  readonly failure?: string;
  readonly data: { readonly name: string; readonly n: number; readonly d: number };
  readonly model: { readonly name: string; readonly numParams: number };
  /** Trajectory columns (iter, loss, …, extra metrics), one value per recorded iteration. */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** Recorded weights, row-major (recorded iterations × numParams); empty when weights were not recorded. */
  readonly weights: Float64Array;
}

/** How often a running task reports its iteration count (ms). */
const REPORT_EVERY_MS = 100;

/** Execute a task exactly as `gdlab run` would (executeRun), reporting iterations done as deltas; the deltas sum to `iterations`. */
export function performRun(task: RunTask, onIterations?: (delta: number) => void): RunOutput {
  let reported = 0;
  let last = performance.now();
  const o = executeRun(task.spec, {
    baseDir: task.baseDir,
    onIteration: onIterations && ((t) => {
      const now = performance.now();
      if (now - last < REPORT_EVERY_MS) return;
      last = now;
      onIterations(t - reported);
      reported = t;
    }),
  });
  const r = o.result;
  if (onIterations && r.iterations > reported) onIterations(r.iterations - reported);
  const p = o.model.numParams;
  const weights = new Float64Array(r.trajectory.weights.length * p);
  r.trajectory.weights.forEach((w, i) => weights.set(w, i * p));
  return {
    status: r.status,
    iterations: r.iterations,
    seconds: r.seconds,
    ...(r.failure !== undefined ? { failure: r.failure } : {}),
    data: { name: o.data.name, n: o.data.X.rows, d: o.data.X.cols },
    model: { name: o.model.name, numParams: p },
    columns: Object.fromEntries(Object.entries(r.trajectory.columns).map(([k, v]) => [k, Float64Array.from(v)])),
    weights,
  };
}

/** The output's trajectory in the loop's own shape (number[] columns, one Float64Array per recorded weight vector). */
export function outputTrajectory(o: Pick<RunOutput, 'columns' | 'weights' | 'model'>): Trajectory {
  const p = o.model.numParams;
  const columns = Object.fromEntries(Object.entries(o.columns).map(([k, v]) => [k, Array.from(v)])) as Trajectory['columns'];
  const rows = p === 0 ? 0 : o.weights.length / p;
  return { columns, weights: Array.from({ length: rows }, (_, i) => o.weights.slice(i * p, (i + 1) * p)) };
}
