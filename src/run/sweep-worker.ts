// Worker-thread entry of the sweep pool: receive a RunTask, run it with performRun, post progress deltas and the outcome (its arrays transferred, not copied).
import { parentPort } from 'node:worker_threads';
import { GdlabError } from '../core/errors.js';
import { type RunTask, performRun } from './sweep-task.js';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly delta: number }
  | { readonly type: 'done'; readonly output: ReturnType<typeof performRun> }
  | { readonly type: 'error'; readonly message: string; readonly user: boolean };

const port = parentPort;
if (port === null) throw new Error('sweep-worker: must run inside a worker thread');

port.on('message', (task: RunTask) => {
  const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  try {
    const output = performRun(task, (delta) => send({ type: 'progress', delta }));
    send({ type: 'done', output }, [...Object.values(output.columns).map((c) => c.buffer as ArrayBuffer), output.weights.buffer as ArrayBuffer]);
  } catch (e) {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e), user: e instanceof GdlabError });
  }
});
