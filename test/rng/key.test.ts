// Keys: seeding, split and foldIn against published JAX outputs (threefry2x32, partitionable), plus validation.
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { foldIn, key, split, threefry2x32, type Key } from '../../src/rng/index.js';

// jax.random.key_data(jax.random.split(jax.random.key(0), 13)) and the same for key(12345) (jax 0.10.2, default
// jax_threefry_partitionable), as published in public test fixtures; row 0 for key(0) is also Random123's
// KAT threefry2x32_20(ctr=[0,0], key=[0,0]) = [0x6b200159, 0x99ba4efe].
const JAX_KEY0 = [
  [1797259609, 2579123966], [928981903, 3453687069], [4146024105, 2718843009], [2467461003, 3840466878],
  [2285895361, 433833334], [1524306142, 1887795613], [3792494674, 2909014575], [2716826189, 292468403],
  [2292653872, 931858003], [823147153, 450340679], [3668660785, 652965180], [255289810, 156206175],
  [2763346363, 124557586],
];
const JAX_KEY12345 = [
  [1214163296, 439912094], [867802714, 3762255628], [795667951, 2300365598], [709272294, 1661227809],
  [305750198, 730924241], [1545186055, 432531754], [3552431482, 1517125165], [3645526921, 1314572738],
  [3549796694, 2529333308], [2657012232, 1416960692], [1763606390, 309040335], [3052679535, 1314812838],
  [2650252694, 1226034348],
];

const words = (keys: Key[]) => keys.map((k) => Array.from(k));
const id = (k: Key) => `${k[0]}:${k[1]}`;

describe('key', () => {
  it('is [seed div 2^32, seed mod 2^32], as jax.random.key', () => {
    expect(Array.from(key(0))).toEqual([0, 0]);
    expect(Array.from(key(42))).toEqual([0, 42]);
    expect(Array.from(key(2 ** 32 - 1))).toEqual([0, 0xffffffff]);
    expect(Array.from(key(2 ** 32 + 5))).toEqual([1, 5]);
    expect(Array.from(key(Number.MAX_SAFE_INTEGER))).toEqual([0x1fffff, 0xffffffff]);
  });

  it('rejects seeds that are not integers in [0, 2^53 - 1], naming seed and the value', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53, '3' as unknown as number]) {
      expect(() => key(bad)).toThrow(GdlabError);
    }
    expect(() => key(-1)).toThrow(/^seed: .*\(got -1\)$/);
    expect(() => key(1.5)).toThrow(/seed.*1\.5/);
    expect(() => key(NaN)).toThrow(/seed.*NaN/);
  });
});

describe('split and foldIn', () => {
  it('split matches jax.random.split for key(0) and key(12345)', () => {
    expect(words(split(key(0), 13))).toEqual(JAX_KEY0);
    expect(words(split(key(12345), 13))).toEqual(JAX_KEY12345);
    expect(words(split(key(0)))).toEqual(JAX_KEY0.slice(0, 2));
  });

  it('foldIn(k, i) is split(k, n)[i], as in JAX (both are threefry2x32(k, [0, i]))', () => {
    JAX_KEY12345.forEach((row, i) => expect(Array.from(foldIn(key(12345), i))).toEqual(row));
    const k = key(99);
    expect(Array.from(foldIn(k, 0xffffffff))).toEqual(Array.from(threefry2x32(0, 99, 0, 0xffffffff)));
  });

  it('is deterministic and does not alter the parent key', () => {
    const k = key(7);
    expect(words(split(k, 5))).toEqual(words(split(k, 5)));
    expect(Array.from(foldIn(k, 3))).toEqual(Array.from(foldIn(k, 3)));
    expect(Array.from(k)).toEqual([0, 7]);
    expect(words(split(k, 3))).toEqual(words(split(k, 5)).slice(0, 3));
    expect(split(k, 0)).toEqual([]);
  });

  it('derives distinct keys: 2000 splits, 2000 fold-ins of sibling parents, and never the parent', () => {
    const seen = new Set<string>();
    const parents = split(key(7), 2);
    for (const p of parents) {
      seen.add(id(p));
      for (const child of split(p, 1000)) seen.add(id(child));
    }
    for (let d = 0; d < 1000; d++) seen.add(id(foldIn(parents[0], d + 1000)));
    expect(seen.size).toBe(2 + 2000 + 1000);
  });

  it('changes about half the bits of a child when one bit of the parent or the data changes', () => {
    const popcount = (x: number) => {
      let c = 0;
      for (let v = x >>> 0; v; v &= v - 1) c++;
      return c;
    };
    let flipped = 0;
    const trials = 256;
    for (let t = 0; t < trials; t++) {
      const bit = (1 << t % 32) >>> 0;
      const a = foldIn(key(t), 0);
      const b = foldIn(Uint32Array.of(0, (t ^ bit) >>> 0), 0); // parent differs from key(t) in one bit
      const c = foldIn(key(t), bit);
      flipped += popcount(a[0] ^ b[0]) + popcount(a[1] ^ b[1]) + popcount(a[0] ^ c[0]) + popcount(a[1] ^ c[1]);
    }
    const n = trials * 128; // compared bits; each flips with probability 1/2 for a good mixer
    expect(Math.abs(flipped - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });

  it('validates key, data and n', () => {
    const k = key(1);
    for (const bad of [-1, 2 ** 32, 0.5, NaN]) expect(() => foldIn(k, bad)).toThrow(/^data: /);
    for (const bad of [-1, 1.5]) expect(() => split(k, bad)).toThrow(/^n: /);
    expect(() => split(new Uint32Array(3))).toThrow(/^key: /);
    expect(() => foldIn(Float64Array.of(0, 1) as unknown as Key, 0)).toThrow(GdlabError);
  });
});
