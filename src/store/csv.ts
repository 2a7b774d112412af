// Plain CSV for pandas: a header row, then rows; numbers in shortest round-trip form, strings quoted only when they must be.
import { formatNumber } from './number-format.js';

function csvCell(v: string | number): string {
  if (typeof v === 'number') return formatNumber(v);
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvText(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}
