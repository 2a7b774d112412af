// `gdlab reproduce CLAIM`: run one claim of the papers, print its tables and checks, write its results folder.
import { join } from 'node:path';
import type { Command } from 'commander';
import { claims } from '../../claims/index.js';
import { GdlabError } from '../../core/errors.js';
import { renderClaim } from '../../report/text-table.js';
import { writeClaimFolder } from '../../store/claim-folder.js';

export function reproduceClaim(id: string, opts: { quick: boolean; out: string }): boolean {
  const entry = claims[id];
  if (!entry) throw new GdlabError(`claim: unknown claim (got "${id}"); expected one of ${Object.keys(claims).join(', ')}`);
  const started = performance.now();
  const result = entry.run({ quick: opts.quick });
  const seconds = (performance.now() - started) / 1000;
  const dir = join(opts.out, id);
  writeClaimFolder(dir, result, seconds, { quick: opts.quick });
  process.stdout.write(renderClaim(result));
  console.log(`(${seconds.toFixed(1)} s) results: ${dir}\n`);
  return result.checks.every((c) => c.holds);
}

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description(`reproduce one claim of the papers: ${Object.keys(claims).join(', ')}`)
    .argument('<claim>', Object.entries(claims).map(([k, v]) => `${k} (${v.summary})`).join('; '))
    .option('--quick', 'a smaller variant that finishes in about a minute')
    .option('-o, --out <dir>', 'parent folder of the claim results', join('results', 'claims'))
    .action((id: string, o: { quick?: boolean; out: string }) => {
      reproduceClaim(id.toLowerCase(), { quick: o.quick ?? false, out: o.out });
    });
}
