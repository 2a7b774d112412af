// `gdlab reproduce CLAIM`: run one claim of the papers through the platform (stored, resumable runs), print its tables and checks, write its results folder and report page.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { claims } from '../../claims/index.js';
import { GdlabError, show } from '../../core/errors.js';
import { renderClaim } from '../../report/text-table.js';
import { writeClaimFolder } from '../../report/claim-folder.js';
import { type CliPlatform, parseWorkers, withPlatform, writeReportLazily } from '../platform.js';

/** Claims whose runs stop at an iteration budget (ClaimOptions.budget). */
const BUDGETED = Object.keys(claims).filter((id) => claims[id].budgeted === true);

export function claimEntry(id: string): (typeof claims)[string] {
  const entry = claims[id];
  if (!entry) throw new GdlabError(`claim: unknown claim (got "${id}"); expected one of ${Object.keys(claims).join(', ')}`);
  return entry;
}

/** The stored variant of a claim: quick or full, with the budget when one was given (a different result). */
export function variantOf(quick: boolean, budget?: number): string {
  return (quick ? 'quick' : 'full') + (budget === undefined ? '' : `-budget-${budget}`);
}

/** --budget: an integer ≥ 1 (1e5 is accepted). */
export function parseBudget(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(n) || n < 1) throw new GdlabError(`--budget: must be an integer ≥ 1 (got ${show(raw)})`);
  return n;
}

/** Run a claim, print it, write its folder (OUT/ID) and store its result and run keys; true when every check holds. */
export async function reproduceClaim(id: string, opts: { quick: boolean; out: string; budget?: number }, p: CliPlatform): Promise<boolean> {
  const entry = claimEntry(id);
  const requested: string[] = [];
  const started = performance.now();
  const result = await entry.run({ quick: opts.quick, platform: p.platform(id, requested), ...(opts.budget !== undefined ? { budget: opts.budget } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const dir = join(opts.out, id);
  writeClaimFolder(dir, result, seconds, { quick: opts.quick });
  const options = { quick: opts.quick, ...(opts.budget !== undefined ? { budget: opts.budget } : {}) };
  p.store.saveClaim({ id, variant: variantOf(opts.quick, opts.budget), result, seconds, options, keys: requested });
  process.stdout.write(renderClaim(result));
  console.log(`(${seconds.toFixed(1)} s) results: ${dir}\n`);
  return result.checks.every((c) => c.holds);
}

/** Options shared by reproduce and main. */
export function claimOptions(c: Command): Command {
  return c
    .option('-o, --out <dir>', 'parent folder of the claim results folders', join('results', 'claims'))
    .option('-r, --results <dir>', 'results folder for the run store (gdlab.sqlite) and the report', 'results')
    .option('-w, --workers <n>', 'worker threads (default: the number of cores; 0 runs in the main thread)');
}

export function registerReproduce(program: Command): void {
  claimOptions(program
    .command('reproduce')
    .description(`reproduce one claim of the papers: ${Object.keys(claims).join(', ')}`)
    .argument('<claim>', Object.entries(claims).map(([k, v]) => `${k} (${v.summary})`).join('; '))
    .option('--quick', 'a smaller variant that finishes in about a minute')
    .option('--budget <n>', `iterations per run for the claims with budgets (${BUDGETED.join(', ')}), instead of their own`))
    .action(async (raw: string, o: { quick?: boolean; out: string; results: string; workers?: string; budget?: string }) => {
      const id = raw.toLowerCase();
      claimEntry(id);
      const budget = parseBudget(o.budget);
      if (budget !== undefined && !BUDGETED.includes(id)) throw new GdlabError(`--budget: claim ${id} has no iteration budget (got --budget ${o.budget}); only ${BUDGETED.join(', ')} have one`);
      const quick = o.quick ?? false;
      await withPlatform(o.results, parseWorkers(o.workers), async (p) => {
        await reproduceClaim(id, { quick, out: o.out, budget }, p);
        const key = `${id}:${variantOf(quick, budget)}`;
        const r = await writeReportLazily(p.store, o.results, { claims: [key], sweeps: [] });
        console.log(`report: ${resolve(r.pages.get(key) as string)}`);
      });
    });
}
