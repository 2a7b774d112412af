// `gdlab report [RESULTS_DIR]` writes the HTML report of a results folder; `gdlab serve [RESULTS_DIR]` serves it on 127.0.0.1.
import type { Command } from 'commander';
import { GdlabError, show } from '../../core/errors.js';
import { serveResults } from '../../report/serve.js';
import { openStore } from '../../store/run-store.js';
import { writeReportLazily } from '../platform.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML page per claim result and per sweep (figures as SVG and PNG), and an index page')
    .argument('[results]', 'results folder holding gdlab.sqlite', 'results')
    .action(async (dir: string) => {
      const store = openStore(dir);
      try {
        const r = await writeReportLazily(store, dir);
        for (const [what, file] of r.pages) console.log(`${what}: ${file}`);
        console.log(`report: ${r.index}`);
      } finally {
        store.close();
      }
    });
  program
    .command('serve')
    .description('serve the files of a results folder (its report) on 127.0.0.1 only')
    .argument('[results]', 'results folder', 'results')
    .option('-p, --port <port>', 'port (0: any free port)', '8470')
    .action(async (dir: string, o: { port: string }) => {
      const port = Number(o.port);
      if (!/^\d+$/.test(o.port) || port > 65535) throw new GdlabError(`--port: must be an integer in 0…65535 (got ${show(o.port)})`);
      const { url } = await serveResults(dir, port);
      console.log(`serving ${dir} at ${url}report/index.html (Ctrl-C to stop)`);
    });
}
