// Plain-text rendering of a claim for the terminal: aligned tables, then one line per check with its measured number.
import type { ClaimResult, Table } from '../claims/claim.js';

export function cell(v: string | number): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e7 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
}

export function renderTable(t: Table): string {
  const cells = [t.columns.map(String), ...t.rows.map((r) => r.map(cell))];
  const widths = t.columns.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]): string => r.map((c, j) => c.padStart(widths[j])).join('  ');
  return [t.title, line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function renderClaim(c: ClaimResult): string {
  const parts = [`== ${c.title}`, `Paper: ${c.paper}`, ...c.tables.map(renderTable)];
  parts.push(['Checks:', ...c.checks.map((k) => `  [${k.holds ? 'holds' : 'FAILS'}] ${k.what}: ${k.measured}`)].join('\n'));
  if (c.notes.length > 0) parts.push(['Notes:', ...c.notes.map((n) => `  - ${n}`)].join('\n'));
  return parts.join('\n\n') + '\n';
}
