// `gdlab export`: stored runs as plain CSV for pandas — one row per run, and optionally every recorded trajectory row in long form.
import type { Command } from 'commander';
import { writeFileAtomic } from '../../store/atomic.js';
import { runsCsv, writeTrajectoriesCsv } from '../../store/runs-csv.js';
import { type QueryOptions, queryOptions, queryRuns } from './runs.js';

export function registerExport(program: Command): void {
  queryOptions(program.command('export').description('write runs as CSV (key, state, status, iterations, seconds, spec fields, final.*) and trajectories in long form (key, iter, loss, …)'))
    .option('-o, --out <file>', 'the runs CSV (default: standard output)')
    .option('-t, --trajectories <file>', 'also write every recorded trajectory row, keyed by run (join on key)')
    .action((o: QueryOptions & { out?: string; trajectories?: string }) => queryRuns(o, (rows, store) => {
      const csv = runsCsv(rows);
      if (o.out === undefined) process.stdout.write(csv);
      else {
        writeFileAtomic(o.out, csv);
        console.log(`${rows.length} runs: ${o.out}`);
      }
      if (o.trajectories !== undefined) console.error(`${writeTrajectoriesCsv(o.trajectories, rows, store)} trajectory rows: ${o.trajectories}`);
    }));
}
