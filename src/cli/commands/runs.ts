// `gdlab runs`: list the stored runs, filtered by sweep and by conditions on spec fields, status or final values.
import type { Command } from 'commander';
import { GdlabError, show } from '../../core/errors.js';
import { renderTable } from '../../report/text-table.js';
import { parseCondition } from '../../store/run-filter.js';
import { type RunQuery, type RunRow, type RunStore, openStore } from '../../store/run-store.js';

export interface QueryOptions {
  readonly results: string;
  readonly sweep?: string;
  readonly where: readonly string[];
  readonly limit?: string;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

/** The options `runs` and `export` share. */
export function queryOptions(c: Command): Command {
  return c
    .option('-r, --results <dir>', 'results folder holding gdlab.sqlite', 'results')
    .option('-s, --sweep <name>', 'only the runs of this sweep, in grid order (with runs not yet started)')
    .option('--where <condition>', 'field=value, field!=value, field<number, … on spec fields (algorithm.step, data.d, seed), state, status, iterations, seconds, final.loss, …; repeatable', collect, [])
    .option('--limit <n>', 'at most n runs');
}

export function queryRuns(o: QueryOptions, body: (rows: RunRow[], store: RunStore) => void): void {
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) throw new GdlabError(`--limit: must be an integer ≥ 1 (got ${show(o.limit)})`);
  const q: RunQuery = { sweep: o.sweep, where: o.where.map(parseCondition), limit };
  const store = openStore(o.results);
  try {
    if (o.sweep !== undefined && !store.sweeps().some((s) => s.name === o.sweep)) throw new GdlabError(`--sweep: no sweep of that name in ${store.file} (got ${show(o.sweep)})`);
    body(store.rows(q), store);
  } finally {
    store.close();
  }
}

/** A long value (e.g. a flow's list of output times) shortened for the table; `gdlab export` keeps it whole. */
function abbreviate(v: string, max = 40): string {
  return v.length <= max ? v : `${v.slice(0, max - 12)}… (${v.length} chars)`;
}

export function registerRuns(program: Command): void {
  queryOptions(program.command('runs').description('list stored runs: key, state, status, iterations, final loss and the spec fields that differ between them'))
    .action((o: QueryOptions) => queryRuns(o, (rows, store) => {
      // Show the fields that vary across the listed runs: the rest is common to all of them.
      const names = [...new Set(rows.flatMap((r) => Object.keys(r.params ?? r.fields)))];
      const varying = names.filter((f) => new Set(rows.map((r) => String((r.params ?? r.fields)[f]))).size > 1);
      const columns = ['key', 'state', 'status', 'iterations', 'seconds', 'final loss', ...varying];
      const body = rows.map((r) => [
        r.key.slice(0, 12), r.state, r.status ?? '', r.iterations ?? '', r.seconds === undefined ? '' : Number(r.seconds.toPrecision(3)),
        r.final.loss ?? '', ...varying.map((f) => {
          const v = (r.params ?? r.fields)[f];
          return v === undefined ? '' : typeof v === 'boolean' ? String(v) : typeof v === 'string' ? abbreviate(v) : v;
        }),
      ]);
      console.log(renderTable({ title: `${rows.length} runs in ${store.file}${o.sweep !== undefined ? ` (sweep ${o.sweep})` : ''}`, columns, rows: body }));
    }));
}
