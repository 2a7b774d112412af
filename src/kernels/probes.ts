// Sampled entries of a matrix's data array: backends that keep something per matrix (a copy, a finiteness flag) compare them on every use, so an array refilled in place is noticed.

/** Entries compared per use (evenly spread, first and last included). */
const PROBES = 32;

const at = (len: number, k: number): number => Math.floor((k * (len - 1)) / (PROBES - 1));

export function probe(data: Float64Array | Uint8Array): Float64Array {
  const p = new Float64Array(PROBES);
  for (let k = 0; k < PROBES; k++) p[k] = data[at(data.length, k)];
  return p;
}

export function sameProbes(data: Float64Array | Uint8Array, p: Float64Array): boolean {
  for (let k = 0; k < PROBES; k++) if (!Object.is(p[k], data[at(data.length, k)])) return false;
  return true;
}
