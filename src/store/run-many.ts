// Run many specs through the platform: each run keyed (runKey), taken from the store when done, otherwise computed on the pool and stored; results in spec order.
import type { RunSpec } from '../run/run-spec.js';
import { type Pool, createPool } from '../run/sweep-pool.js';
import { type RunOutput, type RunTask, outputTrajectory } from '../run/sweep-task.js';
import type { Trajectory } from '../run/trajectory.js';
import { runFields } from './run-fields.js';
import { runKey } from './run-key.js';
import type { RunStore } from './run-store.js';

export interface Progress {
  /** Distinct runs asked for. */
  readonly total: number;
  /** Of those, found done in the store. */
  readonly cached: number;
  /** Done so far, cached ones included. */
  readonly done: number;
  readonly running: number;
  /** Iterations computed so far (cached runs excluded). */
  readonly iterations: number;
  /** Seconds since the batch started. */
  readonly elapsed: number;
  readonly finished: boolean;
}

export interface Platform {
  /** Where runs are computed (default: this thread). */
  readonly pool?: Pool;
  /** Where finished runs are kept and looked up (default: none, every run is computed). */
  readonly store?: RunStore;
  readonly onProgress?: (p: Progress) => void;
  /** Receives the key of every run asked for, in order (a claim's runs, for its report). */
  readonly requested?: string[];
}

export interface RunRecord {
  readonly key: string;
  readonly spec: RunSpec;
  /** Taken from the store rather than computed now. */
  readonly cached: boolean;
  readonly status: RunOutput['status'];
  readonly iterations: number;
  readonly seconds: number;
  readonly failure?: string;
  readonly data: RunOutput['data'];
  readonly model: RunOutput['model'];
  readonly trajectory: Trajectory;
}

export interface BatchSummary {
  readonly keys: readonly string[];
  readonly computed: number;
  readonly cached: number;
}

/**
 * Run tasks through the platform; `onOutput(i, key, output, cached)` sees every task's outcome (cached outcomes are read back only when it is given).
 * Identical tasks run once. The first failing run rejects the batch; runs already finished stay stored.
 */
export async function runTasks(
  tasks: readonly RunTask[], platform: Platform = {}, onOutput?: (index: number, key: string, output: RunOutput, cached: boolean) => void,
): Promise<BatchSummary> {
  const { store, onProgress } = platform;
  const pool = platform.pool ?? createPool(0);
  const keys = tasks.map((t) => runKey(t.spec, t.baseDir));
  platform.requested?.push(...keys);
  const positions = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const at = positions.get(k);
    if (at === undefined) positions.set(k, [i]);
    else at.push(i);
  });
  const unique = [...positions.keys()];
  const cachedKeys = store?.doneKeys(unique) ?? new Set<string>();
  const started = performance.now();
  const p = { total: unique.length, cached: cachedKeys.size, done: cachedKeys.size, running: 0, iterations: 0 };
  const emit = (finished = false): void => onProgress?.({ ...p, elapsed: (performance.now() - started) / 1000, finished });
  const deliver = (key: string, o: RunOutput, cached: boolean): void => positions.get(key)?.forEach((i) => onOutput?.(i, key, o, cached));
  emit();
  if (onOutput && store) {
    for (const key of cachedKeys) deliver(key, store.output(key) as RunOutput, true);
  }
  let failed = false;
  const todo = unique.filter((k) => !cachedKeys.has(k));
  const taskOf = (key: string): RunTask => tasks[(positions.get(key) as number[])[0]];
  // Every run to compute is marked running at once (one commit for the batch, not one per run: C4 has thousands of tiny runs).
  store?.beginMany(todo.map((key) => {
    const { spec } = taskOf(key);
    return { key, spec, fields: runFields(spec) };
  }));
  const all = Promise.all(todo.map(async (key) => {
    const task = taskOf(key);
    try {
      const o = await pool.run(task, {
        onStart: () => {
          p.running++;
          emit();
        },
        onIterations: (d) => {
          p.iterations += d;
          emit();
        },
      });
      store?.finish(key, o);
      p.running--;
      p.done++;
      emit();
      deliver(key, o, false);
    } catch (e) {
      // Only the first failure is the batch's; later rejections come from stopping the pool.
      if (!failed) store?.fail(key, e instanceof Error ? e.message : String(e));
      failed = true;
      throw e;
    }
  }));
  try {
    await all;
  } finally {
    if (pool !== platform.pool) await pool.close(); // our own in-thread pool: drop what is still queued after a failure
  }
  emit(true);
  return { keys, computed: unique.length - cachedKeys.size, cached: cachedKeys.size };
}

/** The runs of `specs`, in order, each computed at most once per store: the API claims use (see docs/sweeps.md). */
export async function runMany(specs: readonly RunSpec[], platform: Platform = {}, opts: { baseDir?: string } = {}): Promise<RunRecord[]> {
  const out: RunRecord[] = new Array(specs.length);
  await runTasks(specs.map((spec) => ({ spec, baseDir: opts.baseDir })), platform, (i, key, o, cached) => {
    out[i] = {
      key, spec: specs[i], cached, status: o.status, iterations: o.iterations, seconds: o.seconds,
      ...(o.failure !== undefined ? { failure: o.failure } : {}), data: o.data, model: o.model, trajectory: outputTrajectory(o),
    };
  });
  return out;
}
