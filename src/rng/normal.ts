// Standard normals by Box–Muller (1958): z = sqrt(-2 ln u1) (cos, sin)(2π u2), u1 ∈ (0, 1], u2 ∈ [0, 1).
import { checkInt, checkKey, MAX_COUNT } from './check.js';
import type { Key } from './key.js';
import { threefry2x32 } from './threefry.js';
import { unit53 } from './uniform.js';

/** Normals 2j and 2j + 1 come from the uniforms of counters 2j and 2j + 1, so normal(key, n) is a prefix of n + 1. */
export function normal(key: Key, n: number): Float64Array {
  checkKey(key);
  checkInt('n', n, 0, MAX_COUNT);
  const out = new Float64Array(n);
  const block = new Uint32Array(2);
  const k0 = key[0];
  const k1 = key[1];
  for (let i = 0; i < n; i += 2) {
    threefry2x32(k0, k1, 0, i, block);
    const u1 = 1 - unit53(block[0], block[1]); // exact, and never 0: log is finite
    threefry2x32(k0, k1, 0, i + 1, block);
    const theta = 2 * Math.PI * unit53(block[0], block[1]);
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}
