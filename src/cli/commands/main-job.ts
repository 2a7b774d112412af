// `gdlab main` (what `npm start` runs): the quick variant of every claim gdlab has, through the platform, then the report; ends with the page to open.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { claims } from '../../claims/index.js';
import { GdlabError } from '../../core/errors.js';
import { parseWorkers, withPlatform, writeReportLazily } from '../platform.js';
import { claimOptions, reproduceClaim } from './reproduce.js';

export function registerMain(program: Command): void {
  claimOptions(program
    .command('main')
    .description('the main job (npm start): the quick variant of every claim, then the HTML report')
    .option('--quick', 'quick variants of every claim (the default)')
    .option('--full', 'full variants instead'))
    .action(async (o: { quick?: boolean; full?: boolean; out: string; results: string; workers?: string }) => {
      if (o.quick && o.full) throw new GdlabError('--full: cannot be combined with --quick (got both)');
      const failed: string[] = [];
      await withPlatform(o.results, parseWorkers(o.workers), async (p) => {
        const held: string[] = [];
        for (const id of Object.keys(claims)) {
          try {
            const ok = await reproduceClaim(id, { quick: !o.full, out: o.out }, p);
            held.push(`${id}: ${ok ? 'all checks hold' : 'some checks FAIL (see above)'}`);
          } catch (e) {
            // One claim that cannot run (e.g. its data set is not downloaded) does not stop the others.
            failed.push(id);
            held.push(`${id}: could not run: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        console.log(['Summary:', ...held.map((h) => `  ${h}`)].join('\n'));
        const r = await writeReportLazily(p.store, o.results);
        console.log(`\nReport: ${resolve(r.index)}`);
      });
      if (failed.length > 0) throw new GdlabError(`main: ${failed.join(', ')} could not run (see the summary)`);
    });
}
