// A pool of worker threads that run RunTasks (dist/run/sweep-worker.js), one task per worker at a time; size 0 runs tasks in this thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GdlabError } from '../core/errors.js';
import type { WorkerMessage } from './sweep-worker.js';
import { type RunOutput, type RunTask, performRun } from './sweep-task.js';

export interface TaskHooks {
  /** Called when a worker picks the task up (not when it is queued). */
  readonly onStart?: () => void;
  /** Iterations done since the last call. */
  readonly onIterations?: (delta: number) => void;
}

export interface Pool {
  /** Worker threads (0: tasks run in the calling thread). */
  readonly size: number;
  run(task: RunTask, hooks?: TaskHooks): Promise<RunOutput>;
  /** Stop the workers; queued tasks are rejected. */
  close(): Promise<void>;
}

/** The compiled worker, beside this file in dist/ or, from src/ (tests), in the dist/ that the build wrote. */
const WORKER_FILE = new URL('../../dist/run/sweep-worker.js', import.meta.url);

export function defaultPoolSize(): number {
  return availableParallelism();
}

function inlinePool(): Pool {
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    size: 0,
    run(task, hooks = {}) {
      const next = chain.then(() => {
        if (closed) throw new Error('pool: closed');
        hooks.onStart?.();
        return performRun(task, hooks.onIterations);
      });
      chain = next.catch(() => undefined);
      return next;
    },
    async close() {
      closed = true;
    },
  };
}

interface Job {
  readonly task: RunTask;
  readonly hooks: TaskHooks;
  readonly resolve: (o: RunOutput) => void;
  readonly reject: (e: Error) => void;
}

export function createPool(size: number = defaultPoolSize()): Pool {
  if (!Number.isSafeInteger(size) || size < 0) throw new GdlabError(`workers: must be an integer ≥ 0 (got ${size})`);
  if (size === 0) return inlinePool();
  if (!existsSync(fileURLToPath(WORKER_FILE))) throw new GdlabError(`workers: ${fileURLToPath(WORKER_FILE)} is missing; build gdlab first (npm run build)`);
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  let closed = false;

  const retire = (w: Worker, error: Error): void => {
    const job = busy.get(w);
    busy.delete(w);
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
    job?.reject(error);
    pump();
  };

  const spawn = (): Worker => {
    const w = new Worker(WORKER_FILE, { execArgv: [] });
    w.on('message', (m: WorkerMessage) => {
      const job = busy.get(w);
      if (job === undefined) return;
      if (m.type === 'progress') return job.hooks.onIterations?.(m.delta);
      busy.delete(w);
      w.unref(); // an idle worker does not keep the process alive
      idle.push(w);
      if (m.type === 'done') job.resolve(m.output);
      else job.reject(m.user ? new GdlabError(m.message) : new Error(m.message));
      pump();
    });
    w.on('error', (e) => retire(w, e));
    w.on('exit', (code) => retire(w, new Error(`worker exited with code ${code}`)));
    return w;
  };

  const pump = (): void => {
    while (!closed && queue.length > 0 && (idle.length > 0 || idle.length + busy.size < size)) {
      const w = idle.pop() ?? spawn();
      const job = queue.shift() as Job;
      busy.set(w, job);
      w.ref();
      job.hooks.onStart?.();
      w.postMessage(job.task);
    }
  };

  return {
    size,
    run(task, hooks = {}) {
      if (closed) return Promise.reject(new Error('pool: closed'));
      return new Promise<RunOutput>((resolve, reject) => {
        queue.push({ task, hooks, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('pool: closed'));
      await Promise.all([...idle, ...busy.keys()].map((w) => w.terminate()));
    },
  };
}
