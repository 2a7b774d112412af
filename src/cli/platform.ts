// What the commands that run things share: the results folder's store, one worker pool, and progress on stderr.
import { GdlabError, show } from '../core/errors.js';
import type { writeReport as WriteReport } from '../report/write-report.js';
import { type Pool, createPool, defaultPoolSize } from '../run/sweep-pool.js';
import type { Platform } from '../store/run-many.js';
import { type RunStore, openStore } from '../store/run-store.js';
import { progressReporter } from './progress.js';

export interface CliPlatform {
  readonly resultsDir: string;
  readonly store: RunStore;
  readonly pool: Pool;
  /** A Platform whose progress lines carry `label`; run keys asked for are appended to `requested`. */
  platform(label: string, requested?: string[]): Platform;
  close(): Promise<void>;
}

export function parseWorkers(text: string | undefined): number {
  if (text === undefined) return defaultPoolSize();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new GdlabError(`--workers: must be an integer ≥ 0 (got ${show(text)})`);
  return n;
}

export function openPlatform(resultsDir: string, workers: number): CliPlatform {
  const store = openStore(resultsDir, { create: true });
  let pool: Pool;
  try {
    pool = createPool(workers);
  } catch (e) {
    store.close();
    throw e;
  }
  return {
    resultsDir,
    store,
    pool,
    platform: (label, requested) => ({ pool, store, onProgress: progressReporter(label), ...(requested ? { requested } : {}) }),
    async close() {
      await pool.close();
      store.close();
    },
  };
}

/** Open, run `body`, and always close (workers stopped, store closed) — also when body throws. */
export async function withPlatform<T>(resultsDir: string, workers: number, body: (p: CliPlatform) => Promise<T>): Promise<T> {
  const p = openPlatform(resultsDir, workers);
  try {
    return await body(p);
  } finally {
    await p.close();
  }
}

/** The report loads Vega (about half a second): imported only by commands that write one. */
export async function writeReportLazily(...args: Parameters<typeof WriteReport>): ReturnType<typeof WriteReport> {
  const { writeReport } = await import('../report/write-report.js');
  return writeReport(...args);
}
