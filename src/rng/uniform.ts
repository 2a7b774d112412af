// Uniform doubles on [lo, hi): the top 53 bits of the 64-bit word hi:lo of threefry2x32(key, [0, i]), times 2^-53.
import { fieldError } from '../core/errors.js';
import { checkInt, checkKey, MAX_COUNT } from './check.js';
import type { Key } from './key.js';
import { threefry2x32 } from './threefry.js';

/** (hi * 2^21 + (lo >>> 11)) / 2^53: every multiple of 2^-53 in [0, 1) equally likely. hi, lo are uint32. */
export function unit53(hi: number, lo: number): number {
  return (hi * 2097152 + (lo >>> 11)) * 1.1102230246251565e-16;
}

/** Largest double below a finite x. */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const f = Float64Array.of(x);
  const b = new BigInt64Array(f.buffer);
  b[0] += x > 0 ? -1n : 1n;
  return f[0];
}

export function uniform(key: Key, n: number, lo = 0, hi = 1): Float64Array {
  checkKey(key);
  checkInt('n', n, 0, MAX_COUNT);
  if (!Number.isFinite(lo)) throw fieldError('lo', lo, 'must be a finite number');
  if (!Number.isFinite(hi) || !(hi > lo) || !Number.isFinite(hi - lo)) {
    throw fieldError('hi', hi, `must be finite, above lo = ${lo}, with hi - lo finite`);
  }
  const out = new Float64Array(n);
  const block = new Uint32Array(2);
  const k0 = key[0];
  const k1 = key[1];
  const width = hi - lo;
  // lo + width * u can round up to hi; the half-open interval is kept by stepping back one ulp.
  const top = nextDown(hi);
  for (let i = 0; i < n; i++) {
    threefry2x32(k0, k1, 0, i, block);
    const v = lo + width * unit53(block[0], block[1]);
    out[i] = v < hi ? v : top;
  }
  return out;
}
