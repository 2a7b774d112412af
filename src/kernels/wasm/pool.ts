// Fork-join over shared memory: threads − 1 worker threads each run their share of the job at ctrl (kernels.as `run`), the calling thread the first share; synchronised with Atomics.
import { Worker } from 'node:worker_threads';
import type { KernelExports, WasmMemory, WasmModule } from './module.js';

/**
 * Sync words (Int32 at `sync`): [0] job generation, [1] workers done with it, [2] a worker failed.
 * The worker body is a CommonJS string (`eval: true`), so it runs the same from src/ (vitest) and dist/.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, ctrl, sync, id, nt } = workerData;
const { run } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const s = new Int32Array(memory.buffer, sync, 4);
let seen = 0;
for (;;) {
  Atomics.wait(s, 0, seen);
  const g = Atomics.load(s, 0);
  if (g === seen) continue;
  seen = g;
  try { run(ctrl, id, nt); } catch { Atomics.store(s, 2, 1); }
  Atomics.add(s, 1, 1);
  Atomics.notify(s, 1);
}
`;

export interface Pool {
  readonly threads: number;
  /** Runs the job written at ctrl on every thread and returns when all are done. */
  run(): void;
  terminate(): Promise<void>;
}

export function createPool(module: WasmModule, memory: WasmMemory, main: KernelExports, ctrl: number, sync: number, threads: number): Pool {
  const s = new Int32Array(memory.buffer, sync, 4);
  const workers = Array.from({ length: threads - 1 }, (_, i) => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, ctrl, sync, id: i + 1, nt: threads } });
    w.unref();
    return w;
  });
  const dead: Error[] = [];
  for (const w of workers) w.on('error', (e) => dead.push(e));
  return {
    threads,
    run() {
      Atomics.store(s, 1, 0);
      Atomics.add(s, 0, 1);
      Atomics.notify(s, 0);
      main.run(ctrl, 0, threads);
      for (;;) {
        const done = Atomics.load(s, 1);
        if (done === threads - 1) break;
        // The timeout only lets a dead worker (whose 'error' event cannot fire while this thread blocks) be noticed.
        if (Atomics.wait(s, 1, done, 10_000) === 'timed-out' && workers.some((w) => w.threadId < 0)) {
          throw new Error(`kernels: a worker thread stopped (${dead[0]?.message ?? 'unknown reason'})`);
        }
      }
      if (Atomics.load(s, 2) !== 0) throw new Error('kernels: a worker thread failed in a WebAssembly kernel');
    },
    async terminate() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
