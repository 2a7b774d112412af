// A sweep's report page: curves of loss, accuracy, ‖∇f‖ and margin vs iteration, iterations and final loss against each swept number, the runs, the spec.
import type { Figure } from '../claims/claim.js';
import type { ParamValue } from '../run/sweep-grid.js';
import type { RunOutput } from '../run/sweep-task.js';
import type { RunRow, SweepRow } from '../store/run-store.js';
import { type Row, autoLog } from './figure-spec.js';
import { type FigureData, renderFigures } from './figure-files.js';
import { esc, figureGrid, page, table } from './html.js';

export function sweepPageName(name: string): string {
  return `sweep-${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.html`;
}

/** Curves of more runs than this are not drawn (the tables and CSV export have them all). */
const MAX_CURVES = 60;
const MAX_TABLE = 1000;
const CURVES: readonly (readonly [string, string])[] = [['loss', 'loss'], ['accuracy', 'training accuracy'], ['gradNorm', '‖∇f‖'], ['margin', 'normalized margin']];

function distinct(rows: readonly RunRow[], axis: string): ParamValue[] {
  return [...new Set(rows.map((r) => r.params?.[axis]).filter((v): v is ParamValue => v !== undefined))];
}

function sweepFigures(s: SweepRow, done: readonly RunRow[], outputs: ReadonlyMap<string, RunOutput>): { items: FigureData[]; notes: string[] } {
  // Seeds are replicates: colour by a swept parameter first, and never plot against the seed.
  const varying = s.axes.filter((a) => distinct(done, a).length > 1).sort((a, b) => Number(a === 'seed') - Number(b === 'seed'));
  const [colorAxis, ...rest] = varying;
  const items: FigureData[] = [];
  const notes: string[] = [];
  const drawn = done.slice(0, MAX_CURVES);
  if (done.length > MAX_CURVES) notes.push(`Curves show the first ${MAX_CURVES} of ${done.length} finished runs.`);
  const curveRows: Row[] = drawn.flatMap((r, i) => {
    const o = outputs.get(r.key);
    if (o === undefined) return [];
    const cols = Object.keys(o.columns);
    return Array.from(o.columns.iter, (_, k) => ({
      ...Object.fromEntries(cols.map((c) => [c, o.columns[c][k]])),
      ...(colorAxis !== undefined ? { [colorAxis]: r.params?.[colorAxis] ?? null } : {}),
      _detail: i,
    }));
  });
  for (const [col, title] of CURVES) {
    // Nothing to see in a column that is missing (accuracy of a regression run) or constant.
    if (new Set(curveRows.map((r) => r[col]).filter((v) => typeof v === 'number' && Number.isFinite(v))).size < 2) continue;
    items.push({ figure: { name: `curve-${col}`, title: `${title} vs iteration`, series: 'runs', x: 'iter', y: col, by: colorAxis, xTitle: 'iteration', yTitle: title }, rows: curveRows });
  }
  // Against each swept number: iterations and final loss, one line per value of the next varying axis.
  for (const axis of varying) {
    if (axis === 'seed' || !distinct(done, axis).every((v) => typeof v === 'number')) continue;
    const by = [colorAxis, ...rest].find((a) => a !== undefined && a !== axis);
    const others = varying.filter((a) => a !== axis && a !== by);
    const rows: Row[] = done.map((r) => ({
      [axis]: r.params?.[axis] ?? null,
      iterations: r.iterations ?? null,
      'final loss': r.final.loss ?? null,
      ...(by !== undefined ? { [by]: r.params?.[by] ?? null } : {}),
      _detail: others.map((a) => String(r.params?.[a])).join(' '),
    }));
    for (const y of ['iterations', 'final loss']) {
      if (new Set(rows.map((r) => r[y])).size < 2) continue; // a constant (e.g. every run hit maxIter) says nothing
      const loglog = autoLog(rows.map((r) => r[axis])) && autoLog(rows.map((r) => r[y]));
      const f: Figure = { name: `${y}-vs-${axis}`, title: `${y} vs ${axis}`, series: 'runs', x: axis, y, by, kind: loglog ? 'loglog' : 'line' };
      items.push({ figure: f, rows });
    }
  }
  return { items, notes };
}

export async function sweepPage(s: SweepRow, rows: readonly RunRow[], outputs: ReadonlyMap<string, RunOutput>, reportDir: string): Promise<string> {
  const done = rows.filter((r) => r.state === 'done');
  const { items, notes } = sweepFigures(s, done, outputs);
  const figures = await renderFigures(items, reportDir, sweepPageName(s.name).replace(/\.html$/, ''));
  const count = (state: string): number => rows.filter((r) => r.state === state).length;
  const versions = [...new Set(done.map((r) => `gdlab ${r.gdlab} · Node ${r.node}`))];
  const seconds = done.reduce((t, r) => t + (r.seconds ?? 0), 0);
  const finalCols = ['loss', 'accuracy', 'gradNorm', 'margin'];
  const runTable = table(
    [...s.axes, 'state', 'status', 'iterations', ...finalCols.map((c) => `final ${c}`), 'seconds', 'key'],
    rows.slice(0, MAX_TABLE).map((r) => [
      ...s.axes.map((a) => r.params?.[a] ?? ''), r.state, r.status ?? '', r.iterations ?? '',
      ...finalCols.map((c) => r.final[c] ?? ''), r.seconds ?? '', r.key.slice(0, 12),
    ].map((v) => (typeof v === 'boolean' ? String(v) : v))),
  );
  const complete = count('done') === rows.length;
  const body = [
    `<p class="meta"><a href="index.html">All results</a></p>`,
    `<h1>Sweep ${esc(s.name)}</h1>`,
    `<p class="meta">${rows.length} runs over ${s.axes.length > 0 ? s.axes.map(esc).join(' × ') : 'no axes'} · ${count('done')} done, ${count('running')} running, ${count('pending')} pending, ${count('failed')} failed · ${seconds.toFixed(1)} s of compute · ${versions.map(esc).join('; ') || 'no finished runs'} · updated ${esc(s.updatedAt)}</p>`,
    `<p class="verdict ${complete ? 'ok' : 'fail'}">${complete ? 'Complete' : 'Incomplete: run gdlab sweep again to resume'}</p>`,
    ...(figures.length > 0 ? ['<h2>Figures</h2>', ...notes.map((n) => `<p class="meta">${esc(n)}</p>`), figureGrid(figures)] : []),
    '<h2>Runs</h2>',
    ...(rows.length > MAX_TABLE ? [`<p class="meta">The first ${MAX_TABLE} of ${rows.length} runs; gdlab export writes them all.</p>`] : []),
    runTable,
    '<h2>Spec</h2>',
    `<pre>${esc(s.source)}</pre>`,
  ];
  return page(`Sweep ${s.name}`, body.join('\n'));
}
