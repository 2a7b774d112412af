// `gdlab main` (what `npm start` runs): reproduce every claim gdlab has, one after the other.
import { join } from 'node:path';
import type { Command } from 'commander';
import { claims } from '../../claims/index.js';
import { reproduceClaim } from './reproduce.js';

export function registerMain(program: Command): void {
  program
    .command('main')
    .description('the main job (npm start): reproduce every claim and print its tables')
    .option('--quick', 'quick variants of every claim')
    .option('-o, --out <dir>', 'parent folder of the claim results', join('results', 'claims'))
    .action((o: { quick?: boolean; out: string }) => {
      const held: string[] = [];
      for (const id of Object.keys(claims)) {
        const ok = reproduceClaim(id, { quick: o.quick ?? false, out: o.out });
        held.push(`${id}: ${ok ? 'all checks hold' : 'some checks FAIL (see above)'}`);
      }
      console.log(['Summary:', ...held.map((h) => `  ${h}`)].join('\n'));
    });
}
