// JAX-style PRNG keys (jax.random, threefry2x32 impl): a key is two uint32 words; new keys are Threefry of counters.
import { checkInt, checkKey, MAX_COUNT } from './check.js';
import { threefry2x32 } from './threefry.js';

/** Two uint32 words [k0, k1]. Treat as immutable: every function returns fresh keys. */
export type Key = Uint32Array;

/** key(seed) = [seed div 2^32, seed mod 2^32], as jax.random.key (threefry_seed). */
export function key(seed: number): Key {
  checkInt('seed', seed, 0, Number.MAX_SAFE_INTEGER);
  return Uint32Array.of(Math.floor(seed / 2 ** 32), seed % 2 ** 32);
}

/** foldIn(k, data) = threefry2x32(k, [0, data]), as jax.random.fold_in: the key for index `data` (a uint32). */
export function foldIn(k: Key, data: number): Key {
  checkKey(k);
  checkInt('data', data, 0, 2 ** 32 - 1);
  return threefry2x32(k[0], k[1], 0, data);
}

/**
 * n keys, key i = threefry2x32(k, [0, i]), as jax.random.split with jax_threefry_partitionable (the default since
 * JAX 0.5). Hence split(k, n)[i] equals foldIn(k, i) and split(k, n) is a prefix of split(k, n + 1).
 */
export function split(k: Key, n = 2): Key[] {
  checkKey(k);
  checkInt('n', n, 0, MAX_COUNT);
  const keys: Key[] = new Array(n);
  for (let i = 0; i < n; i++) keys[i] = threefry2x32(k[0], k[1], 0, i);
  return keys;
}
