// A claim's report page: the paper's statement beside gdlab's measured numbers (checks), figures from its series, its tables, runs, versions and timing.
import type { ClaimResult } from '../claims/claim.js';
import type { ClaimRecord, RunRow } from '../store/run-store.js';
import { defaultFigures, seriesRows } from './figure-spec.js';
import { type FigureData, renderFigures } from './figure-files.js';
import { esc, figureGrid, page, table } from './html.js';

/** Page file name of a claim result: c1.html (full) or c1-quick.html. */
export function claimPageName(id: string, variant: string): string {
  return `${id}${variant === 'full' ? '' : `-${variant}`}.html`;
}

/** The figures to draw and, for figures that name a missing series or column, why they are left out. */
function figureData(c: ClaimResult): { items: FigureData[]; problems: string[] } {
  const items: FigureData[] = [];
  const problems: string[] = [];
  for (const f of c.figures ?? defaultFigures(c.series)) {
    const cols = c.series[f.series];
    const wanted = [f.x, ...(typeof f.y === 'string' ? [f.y] : f.y), ...(f.by !== undefined ? [f.by] : [])];
    const missing = cols === undefined ? [`series "${f.series}"`] : wanted.filter((w) => !(w in cols)).map((w) => `column "${w}"`);
    if (missing.length > 0) problems.push(`figure "${f.name}" left out: no ${missing.join(', ')}`);
    else items.push({ figure: f, rows: seriesRows(cols) });
  }
  return { items, problems };
}

const MAX_RUN_ROWS = 200;

export async function claimPage(rec: ClaimRecord, runs: readonly RunRow[], reportDir: string): Promise<string> {
  const c = rec.result as ClaimResult;
  const name = claimPageName(rec.id, rec.variant);
  const { items, problems } = figureData(c);
  const figures = await renderFigures(items, reportDir, name.replace(/\.html$/, ''));
  const holding = c.checks.filter((k) => k.holds).length;
  const ok = holding === c.checks.length;
  const runSeconds = runs.reduce((s, r) => s + (r.seconds ?? 0), 0);
  const parts = [
    `<p class="meta"><a href="index.html">All results</a></p>`,
    `<h1>${esc(c.title)}</h1>`,
    `<p class="meta">claim ${esc(rec.id)} · ${esc(rec.variant)} variant · gdlab ${esc(rec.gdlab ?? '?')} · Node ${esc(rec.node ?? '?')} · finished ${esc(rec.finishedAt ?? '?')} · ${rec.seconds.toFixed(1)} s wall clock${runs.length > 0 ? ` · ${runs.length} stored runs (${runSeconds.toFixed(1)} s of compute)` : ''}</p>`,
    `<p class="verdict ${ok ? 'ok' : 'fail'}">${ok ? `All ${c.checks.length} checks hold` : `${c.checks.length - holding} of ${c.checks.length} checks FAIL`}</p>`,
    '<h2>The paper and gdlab</h2>',
    `<blockquote><strong>Paper.</strong> ${esc(c.paper)}</blockquote>`,
    table(['what is checked', 'gdlab measures', 'holds'], c.checks.map((k) => [k.what, k.measured, { html: k.holds ? '<span class="ok">holds</span>' : '<span class="fail">FAILS</span>' }])),
  ];
  if (figures.length > 0 || problems.length > 0) parts.push('<h2>Figures</h2>', figureGrid(figures), ...problems.map((p) => `<p class="meta">${esc(p)}</p>`));
  if (c.tables.length > 0) parts.push('<h2>Tables</h2>', ...c.tables.map((t) => table(t.columns, t.rows, t.title)));
  if (c.notes.length > 0) parts.push('<h2>Notes</h2>', `<ul>${c.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (runs.length > 0) {
    parts.push(
      '<h2>Runs</h2>',
      `<p class="meta">Each run is stored under its key (a hash of its spec and the gdlab version); ${runs.length > MAX_RUN_ROWS ? `the first ${MAX_RUN_ROWS} of ${runs.length} are listed` : 'all are listed'}. <code>gdlab runs</code> and <code>gdlab export</code> give them all.</p>`,
      table(['key', 'name', 'status', 'iterations', 'seconds'], runs.slice(0, MAX_RUN_ROWS).map((r) => [r.key.slice(0, 12), r.name ?? '', r.status ?? r.state, r.iterations ?? '', r.seconds ?? ''])),
      `<details><summary>Spec of the first run</summary><pre>${esc(JSON.stringify(runs[0].spec, null, 2))}</pre></details>`,
    );
  }
  parts.push('<h2>Options</h2>', `<pre>${esc(JSON.stringify(rec.options, null, 2))}</pre>`);
  return page(c.title, parts.join('\n'));
}
