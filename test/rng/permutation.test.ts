// permutation / choice: each is a permutation, uniform over keys (chi-square on positions and on all 3! orders).
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { choice, foldIn, key, permutation } from '../../src/rng/index.js';

function chiSquare(counts: Float64Array): number {
  let total = 0;
  for (const c of counts) total += c;
  const e = total / counts.length;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - e) ** 2 / e;
  return chi2;
}

const isPermutation = (p: Int32Array) => Array.from(p).sort((a, b) => a - b).every((v, i) => v === i);

describe('permutation', () => {
  it('is a permutation of 0..n-1', () => {
    for (const n of [0, 1, 2, 10, 1000]) {
      const p = permutation(key(n), n);
      expect(p.length).toBe(n);
      expect(isPermutation(p)).toBe(true);
    }
  });

  it('is reproducible, and different keys give different permutations', () => {
    expect(permutation(key(1), 50)).toEqual(permutation(key(1), 50));
    expect(permutation(key(1), 50)).not.toEqual(permutation(key(2), 50));
  });

  it('puts each value first and last equally often over 20000 keys (chi-square, 9 df, below 27.88)', () => {
    const n = 10;
    const first = new Float64Array(n);
    const last = new Float64Array(n);
    const root = key(2024);
    for (let r = 0; r < 20_000; r++) {
      const p = permutation(foldIn(root, r), n);
      first[p[0]]++;
      last[p[n - 1]]++;
    }
    expect(chiSquare(first)).toBeLessThan(27.88);
    expect(chiSquare(last)).toBeLessThan(27.88);
  });

  it('makes all 3! orders equally likely over 12000 keys (chi-square, 5 df, below 20.52)', () => {
    const counts = new Float64Array(6);
    const root = key(7);
    const order = (p: Int32Array) => ['012', '021', '102', '120', '201', '210'].indexOf(Array.from(p).join(''));
    for (let r = 0; r < 12_000; r++) counts[order(permutation(foldIn(root, r), 3))]++;
    expect(chiSquare(counts)).toBeLessThan(20.52);
  });
});

describe('choice', () => {
  it('gives k distinct indices: the first k of permutation(key, n)', () => {
    const k = key(3);
    const p = permutation(k, 100);
    for (const m of [0, 1, 37, 99, 100]) {
      const c = choice(k, 100, m);
      expect(c).toEqual(p.slice(0, m));
      expect(new Set(c).size).toBe(m);
    }
    expect(choice(k, 0, 0).length).toBe(0);
  });

  it('includes each index with probability k/n over 4000 keys (chi-square, 9 df, below 27.88)', () => {
    const counts = new Float64Array(10);
    const root = key(11);
    for (let r = 0; r < 4000; r++) for (const i of choice(foldIn(root, r), 10, 3)) counts[i]++;
    expect(chiSquare(counts)).toBeLessThan(27.88);
  });

  it('validates n and k', () => {
    expect(() => choice(key(0), 5, 6)).toThrow(/^k: .*\(got 6\)$/);
    expect(() => choice(key(0), 5, -1)).toThrow(/^k: /);
    expect(() => permutation(key(0), -2)).toThrow(GdlabError);
    expect(() => permutation(key(0), 1.5)).toThrow(/^n: /);
  });
});
