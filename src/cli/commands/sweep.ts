// `gdlab sweep SPEC`: expand the grid, run what the store does not have on a worker pool (resuming any interrupted sweep), and write the sweep's report page.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { GdlabError } from '../../core/errors.js';
import { specDir } from '../../run/components.js';
import { paramsLabel, planSweep } from '../../run/sweep-grid.js';
import { parseSpecText } from '../../spec/load.js';
import { runTasks } from '../../store/run-many.js';
import { runKey } from '../../store/run-key.js';
import { parseWorkers, withPlatform, writeReportLazily } from '../platform.js';

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a grid of specs (any field may be a list or {log|linear|range|values: …}) on worker threads; finished runs are kept in the store and never recomputed, so an interrupted sweep resumes')
    .argument('<spec>', 'the sweep file (YAML or JSON); see docs/sweeps.md')
    .option('-r, --results <dir>', 'results folder (store gdlab.sqlite and report/)', 'results')
    .option('-w, --workers <n>', 'worker threads (default: the number of cores; 0 runs in the main thread)')
    .option('--dry-run', 'list the runs of the grid and stop')
    .option('--no-report', 'do not write the report page')
    .action(async (file: string, o: { results: string; workers?: string; dryRun?: boolean; report: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new GdlabError(`${file}: cannot read the sweep file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      const plan = planSweep(parseSpecText(text, file), basename(file, extname(file)));
      console.log(`sweep ${plan.name}: ${plan.runs.length} runs${plan.axes.length > 0 ? ` over ${plan.axes.join(' × ')}` : ''}`);
      if (o.dryRun) {
        plan.runs.forEach((r, i) => console.log(`  ${i + 1}. ${paramsLabel(r.params) || r.spec.name}`));
        return;
      }
      const workers = parseWorkers(o.workers);
      const baseDir = specDir(file);
      await withPlatform(o.results, workers, async (p) => {
        p.store.saveSweep({ name: plan.name, source: text, axes: plan.axes, runs: plan.runs.map((r) => ({ key: runKey(r.spec, baseDir), params: r.params })) });
        const started = performance.now();
        const statuses = new Map<string, number>();
        const s = await runTasks(plan.runs.map((r) => ({ spec: r.spec, baseDir })), p.platform(`sweep ${plan.name}`), (_i, _k, out) => {
          statuses.set(out.status, (statuses.get(out.status) ?? 0) + 1);
        });
        const counts = [...statuses].map(([k, v]) => `${k} ${v}`).join(', ');
        console.log(`computed ${s.computed}, from the store ${s.cached}, in ${((performance.now() - started) / 1000).toFixed(1)} s; status: ${counts}`);
        console.log(`store: ${p.store.file}`);
        if (o.report) console.log(`report: ${(await writeReportLazily(p.store, o.results, { claims: [], sweeps: [plan.name] })).pages.get(`sweep:${plan.name}`)}`);
      });
    });
}
