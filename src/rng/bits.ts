// Random uint32 words: word i = xor of the two words of threefry2x32(key, [0, i]), as JAX's partitionable random_bits.
import { checkInt, checkKey, MAX_COUNT } from './check.js';
import type { Key } from './key.js';
import { threefry2x32 } from './threefry.js';

export function bits(key: Key, n: number): Uint32Array {
  checkKey(key);
  checkInt('n', n, 0, MAX_COUNT);
  const out = new Uint32Array(n);
  const block = new Uint32Array(2);
  const k0 = key[0];
  const k1 = key[1];
  for (let i = 0; i < n; i++) {
    threefry2x32(k0, k1, 0, i, block);
    out[i] = block[0] ^ block[1];
  }
  return out;
}
