// Unbiased integers in [lo, hi) by rejection: draw uint32 x until x ≥ 2^32 mod m, return lo + x mod m (m = hi − lo).
import { checkInt, checkKey, MAX_COUNT } from './check.js';
import type { Key } from './key.js';
import { threefry2x32 } from './threefry.js';

/**
 * An unbiased integer in [0, m), m ≤ 2^32, for index i: attempt t reads the xor of threefry2x32(k, [t, i]), so the
 * first attempt is bits(k, ·)[i] and the result depends only on (k, i). `block` is scratch space.
 */
export function drawBelow(k0: number, k1: number, i: number, m: number, block: Uint32Array): number {
  // Rejecting the 2^32 mod m smallest words leaves a multiple of m equally likely words: no modulo bias.
  const threshold = (4294967296 - m) % m;
  for (let t = 0; ; t++) {
    threefry2x32(k0, k1, t, i, block);
    const x = (block[0] ^ block[1]) >>> 0;
    if (x >= threshold) return x % m;
  }
}

/** n integers uniform on [lo, hi), with -2^31 ≤ lo < hi ≤ 2^31. */
export function randint(key: Key, n: number, lo: number, hi: number): Int32Array {
  checkKey(key);
  checkInt('n', n, 0, MAX_COUNT);
  checkInt('lo', lo, -(2 ** 31), 2 ** 31 - 1);
  checkInt('hi', hi, lo + 1, 2 ** 31);
  const out = new Int32Array(n);
  const block = new Uint32Array(2);
  const m = hi - lo;
  for (let i = 0; i < n; i++) out[i] = lo + drawBelow(key[0], key[1], i, m, block);
  return out;
}
