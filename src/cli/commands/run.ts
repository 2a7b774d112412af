// `gdlab run SPEC`: run one spec file and write its results folder.
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { specDir } from '../../run/components.js';
import { executeRun } from '../../run/execute.js';
import { parseRunSpec } from '../../run/run-spec.js';
import { readSpecFile } from '../../spec/load.js';
import { writeRunFolder } from '../../store/run-folder.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one spec (YAML or JSON) and write its results folder (manifest.json, trajectory.csv, weights.csv)')
    .argument('<spec>', 'the spec file; see docs/spec.md')
    .option('-o, --out <dir>', 'results folder (default: results/runs/<spec file name>)')
    .option('-q, --quiet', 'print only the results folder')
    .action((file: string, o: { out?: string; quiet?: boolean }) => {
      const spec = parseRunSpec(readSpecFile(file));
      const outcome = executeRun(spec, { baseDir: specDir(file) });
      const dir = o.out ?? join('results', 'runs', basename(file, extname(file)));
      const m = writeRunFolder(dir, outcome);
      if (!o.quiet) {
        const f = m.final;
        console.log(`${m.name}: ${m.status} after ${m.iterations} iterations (${m.seconds.toFixed(3)} s); loss ${f.loss}, accuracy ${f.accuracy}${f.gradNorm === null ? '' : `, ‖∇f‖ ${f.gradNorm}`}`);
      }
      console.log(o.quiet ? dir : `results: ${dir}`);
    });
}
