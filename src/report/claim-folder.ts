// A claim's results folder: summary.json (tables, checks, versions, timing), one CSV per table and one per figure series.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimResult, Table } from '../claims/claim.js';
import { writeFolderAtomic } from '../store/atomic.js';
import { csvText } from '../store/csv.js';
import { formatNumber } from '../store/number-format.js';
import { gdlabVersion } from '../store/version.js';

export function tableCsv(t: Table): string {
  return csvText(t.columns, t.rows);
}

export function seriesCsv(cols: Readonly<Record<string, readonly number[]>>): string {
  const names = Object.keys(cols);
  const len = Math.max(...names.map((n) => cols[n].length));
  const rows = [names.join(',')];
  for (let r = 0; r < len; r++) rows.push(names.map((n) => (r < cols[n].length ? formatNumber(cols[n][r]) : '')).join(','));
  return rows.join('\n') + '\n';
}

export function writeClaimFolder(dir: string, c: ClaimResult, seconds: number, options: unknown): void {
  writeFolderAtomic(dir, (tmp) => {
    c.tables.forEach((t, i) => writeFileSync(join(tmp, `table-${i + 1}.csv`), tableCsv(t)));
    for (const [name, cols] of Object.entries(c.series)) writeFileSync(join(tmp, `series-${name}.csv`), seriesCsv(cols));
    const summary = { format: 'gdlab-claim/1', gdlab: gdlabVersion(), node: process.version, options, seconds, finishedAt: new Date().toISOString(), ...c };
    writeFileSync(join(tmp, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  });
}
