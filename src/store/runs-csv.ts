// Plain CSV for pandas: one row per run (key, state, status, iterations, seconds, every spec field, final.* values) and, apart, long-form trajectories keyed by run.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { csvText } from './csv.js';
import { formatNumber } from './number-format.js';
import type { RunRow, RunStore } from './run-store.js';

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

export function runsCsv(rows: readonly RunRow[]): string {
  const fields = union(rows.map((r) => Object.keys(r.fields)));
  const finals = union(rows.map((r) => Object.keys(r.final)));
  const columns = ['key', 'name', 'state', 'status', 'iterations', 'seconds', 'failure', ...fields, ...finals.map((f) => `final.${f}`)];
  const cell = (v: string | number | boolean | null | undefined): string | number => (v === null || v === undefined ? '' : typeof v === 'boolean' ? String(v) : v);
  const body = rows.map((r) => [
    r.key, r.name, r.state, r.status, r.iterations, r.seconds, r.failure ?? r.error,
    ...fields.map((f) => r.fields[f]), ...finals.map((f) => r.final[f]),
  ].map(cell));
  return csvText(columns, body);
}

/** Every recorded row of every finished run: key, then the trajectory columns (the union over runs; blank where a run lacks one). Written atomically. */
export function writeTrajectoriesCsv(file: string, rows: readonly RunRow[], store: RunStore): number {
  const done = rows.filter((r) => r.state === 'done');
  // Two passes (column names, then values) so that only one run's arrays are in memory at a time.
  const columns = union(done.map((r) => Object.keys(store.output(r.key)?.columns ?? {})));
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let lines = 0;
  try {
    writeSync(fd, `${['key', ...columns].join(',')}\n`);
    done.forEach((r) => {
      const o = store.output(r.key);
      if (o === undefined) return;
      const n = o.columns.iter?.length ?? 0;
      const text: string[] = [];
      for (let k = 0; k < n; k++) text.push([r.key, ...columns.map((c) => (o.columns[c] ? formatNumber(o.columns[c][k]) : ''))].join(','));
      if (n > 0) writeSync(fd, `${text.join('\n')}\n`);
      lines += n;
    });
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return lines;
}
