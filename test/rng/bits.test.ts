// bits: JAX's partitionable 32-bit random_bits (xor of the two Threefry words), reproducibility, bit balance.
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { bits, key } from '../../src/rng/index.js';

describe('bits', () => {
  it('word i is the xor of the words of split(key(0))[i], as jax random_bits(bit_width=32)', () => {
    // Threefry outputs under key(0) for counters [0, i], i < 4: jax.random.split(jax.random.key(0), 4).
    const blocks = [[1797259609, 2579123966], [928981903, 3453687069], [4146024105, 2718843009], [2467461003, 3840466878]];
    expect(Array.from(bits(key(0), 4))).toEqual(blocks.map(([a, b]) => (a ^ b) >>> 0));
  });

  it('is reproducible and prefix-stable; different keys give different words', () => {
    const a = bits(key(3), 1000);
    expect(bits(key(3), 1000)).toEqual(a);
    expect(bits(key(3), 10)).toEqual(a.slice(0, 10));
    const b = bits(key(4), 1000);
    let same = 0;
    for (let i = 0; i < 1000; i++) same += a[i] === b[i] ? 1 : 0;
    expect(same).toBe(0);
  });

  it('sets each of the 32 bit positions in half of 1e5 words (within 5 standard errors)', () => {
    const n = 100_000;
    const w = bits(key(2024), n);
    const ones = new Float64Array(32);
    for (let i = 0; i < n; i++) for (let b = 0; b < 32; b++) ones[b] += (w[i] >>> b) & 1;
    for (let b = 0; b < 32; b++) expect(Math.abs(ones[b] - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });

  it('validates n', () => {
    expect(bits(key(0), 0).length).toBe(0);
    for (const bad of [-1, 2.5, 2 ** 31]) expect(() => bits(key(0), bad)).toThrow(GdlabError);
  });
});
