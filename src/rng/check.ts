// Argument checks shared by the rng functions: a key is a Uint32Array of two words; counts index Int32Arrays.
import { fieldError } from '../core/errors.js';
import type { Key } from './key.js';

/** Largest n accepted for a count: every output is indexed by an Int32Array-safe integer. */
export const MAX_COUNT = 2 ** 31 - 1;

export function checkKey(key: Key): void {
  if (!(key instanceof Uint32Array) || key.length !== 2) {
    throw fieldError('key', key, 'must be a Uint32Array of two words, from key(seed), split or foldIn');
  }
}

/** An integer in [min, max]; `field` names it in the error. */
export function checkInt(field: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fieldError(field, value, `must be an integer in [${min}, ${max}]`);
  }
}
