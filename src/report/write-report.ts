// `gdlab report`: one self-contained HTML page per claim result and per sweep in a results folder's store, and an index page linking them.
import { join } from 'node:path';
import type { ClaimResult } from '../claims/claim.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { RunOutput } from '../run/sweep-task.js';
import type { RunStore } from '../store/run-store.js';
import { claimPage, claimPageName } from './claim-page.js';
import { esc, page, table } from './html.js';
import { sweepPage, sweepPageName } from './sweep-page.js';

export const REPORT_DIR = 'report';

export interface ReportOptions {
  /** Only these claim pages (id:variant, e.g. "c1:quick") and sweep pages are (re)written; the index always is. Default: all. */
  readonly claims?: readonly string[];
  readonly sweeps?: readonly string[];
}

export interface ReportPaths {
  readonly index: string;
  /** Written pages by claim "id:variant" or "sweep:NAME". */
  readonly pages: ReadonlyMap<string, string>;
}

export async function writeReport(store: RunStore, resultsDir: string, opts: ReportOptions = {}): Promise<ReportPaths> {
  const dir = join(resultsDir, REPORT_DIR);
  const pages = new Map<string, string>();
  const claims = store.claims();
  const sweeps = store.sweeps();
  for (const rec of claims) {
    if (opts.claims !== undefined && !opts.claims.includes(`${rec.id}:${rec.variant}`)) continue;
    const file = join(dir, claimPageName(rec.id, rec.variant));
    writeFileAtomic(file, await claimPage(rec, store.rows({ claim: { id: rec.id, variant: rec.variant } }), dir));
    pages.set(`${rec.id}:${rec.variant}`, file);
  }
  for (const s of sweeps) {
    if (opts.sweeps !== undefined && !opts.sweeps.includes(s.name)) continue;
    const rows = store.rows({ sweep: s.name });
    const outputs = new Map<string, RunOutput>();
    for (const r of rows) {
      const o = r.state === 'done' ? store.output(r.key) : undefined;
      if (o !== undefined) outputs.set(r.key, o);
    }
    const file = join(dir, sweepPageName(s.name));
    writeFileAtomic(file, await sweepPage(s, rows, outputs, dir));
    pages.set(`sweep:${s.name}`, file);
  }
  const link = (href: string, text: string): { html: string } => ({ html: `<a href="${esc(href)}">${esc(text)}</a>` });
  const claimRows = claims.map((rec) => {
    const c = rec.result as ClaimResult;
    const holding = c.checks.filter((k) => k.holds).length;
    return [link(claimPageName(rec.id, rec.variant), rec.id), c.title, rec.variant, `${holding}/${c.checks.length} hold`, rec.seconds, rec.finishedAt ?? ''];
  });
  const sweepRows = sweeps.map((s) => [link(sweepPageName(s.name), s.name), s.axes.join(' × '), s.runs, s.updatedAt]);
  const body = [
    '<h1>gdlab results</h1>',
    `<p class="meta">Store: ${esc(store.file)}</p>`,
    '<h2>Claims</h2>',
    claimRows.length > 0 ? table(['claim', 'title', 'variant', 'checks', 'seconds', 'finished'], claimRows) : '<p>No claim results yet (gdlab reproduce CLAIM).</p>',
    '<h2>Sweeps</h2>',
    sweepRows.length > 0 ? table(['sweep', 'axes', 'runs', 'updated'], sweepRows) : '<p>No sweeps yet (gdlab sweep SPEC).</p>',
  ];
  const index = join(dir, 'index.html');
  writeFileAtomic(index, page('gdlab results', body.join('\n')));
  return { index, pages };
}
