// Floats on the wire: shortest round-trip decimal (JavaScript's Number→string), 'inf'/'-inf' for infinities, an empty cell for "not applicable" (NaN).
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

export function parseNumber(s: string): number {
  if (s === '') return NaN;
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  return Number(s);
}
