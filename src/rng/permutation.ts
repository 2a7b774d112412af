// Random permutations by forward Fisher–Yates (Durstenfeld 1964): step i swaps a[i] with a[i + U{0..n−1−i}].
import { checkInt, checkKey, MAX_COUNT } from './check.js';
import type { Key } from './key.js';
import { drawBelow } from './randint.js';

/** 0..n−1 after the first `steps` Fisher–Yates swaps: positions 0..steps−1 are final. */
function shuffled(key: Key, n: number, steps: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  const block = new Uint32Array(2);
  for (let i = 0; i < steps; i++) {
    const j = i + drawBelow(key[0], key[1], i, n - i, block);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** A uniformly random permutation of 0..n−1. */
export function permutation(key: Key, n: number): Int32Array {
  checkKey(key);
  checkInt('n', n, 0, MAX_COUNT);
  return shuffled(key, n, Math.max(n - 1, 0));
}

/** k distinct indices from 0..n−1, uniformly: the first k entries of permutation(key, n), in O(n + k) time. */
export function choice(key: Key, n: number, k: number): Int32Array {
  checkKey(key);
  checkInt('n', n, 0, MAX_COUNT);
  checkInt('k', k, 0, n);
  return shuffled(key, n, Math.min(k, n - 1)).slice(0, k);
}
