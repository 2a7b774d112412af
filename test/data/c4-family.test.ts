// C4's data: the pair's Gram matrix [[2/d, −1], [−1, d]] of a_i = y_i b_i for both choices of ξ, and the n > 2 family's rows.
import { describe, expect, it } from 'vitest';
import { c4Multi } from '../../src/data/synthetic/c4-multi.js';
import { c4Pair } from '../../src/data/synthetic/c4-pair.js';
import { key } from '../../src/rng/index.js';

const row = (X: Float64Array, d: number, i: number): Float64Array => X.subarray(i * d, (i + 1) * d);
const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, j) => s + x * b[j], 0);

describe('C4 data', () => {
  for (const xi of [{ kind: 'alternating' as const }, { kind: 'gaussian' as const, key: key(7) }]) {
    it(`pair with ${xi.kind} ξ: Gram matrix of a_i = y_i b_i is [[2/d, −1], [−1, d]]`, () => {
      for (const d of [2, 16, 100]) {
        const data = c4Pair(d, xi);
        const X = data.X.data as Float64Array;
        const a = [0, 1].map((i) => row(X, d, i).map((x) => x * data.y[i]));
        expect(dot(a[0], a[0])).toBeCloseTo(2 / d, 12);
        expect(dot(a[0], a[1])).toBeCloseTo(-1, 12);
        expect(dot(a[1], a[1])).toBeCloseTo(d, 12);
        expect(Array.from(data.y)).toEqual([1, -1]);
      }
    });
  }

  it('the alternating ξ needs an even d; a Gaussian ξ does not', () => {
    expect(() => c4Pair(7)).toThrow(/^data\.d: /);
    expect(c4Pair(7, { kind: 'gaussian', key: key(1) }).X.cols).toBe(7);
  });

  it('c4Multi: p positives with b·1 = 1 and ‖b‖² = 2/d, q negatives 1 + σζ with ζ ⟂ 1 and ‖ζ‖² = d', () => {
    const d = 50;
    const data = c4Multi(key(3), d, { positives: 3, negatives: 2, noise: 0.5 });
    const X = data.X.data as Float64Array;
    const ones = new Float64Array(d).fill(1);
    expect(Array.from(data.y)).toEqual([1, 1, 1, -1, -1]);
    for (let i = 0; i < 3; i++) {
      expect(dot(row(X, d, i), ones)).toBeCloseTo(1, 12);
      expect(dot(row(X, d, i), row(X, d, i))).toBeCloseTo(2 / d, 12);
    }
    for (let i = 3; i < 5; i++) {
      const zeta = row(X, d, i).map((x) => (x - 1) / 0.5);
      expect(dot(zeta, ones)).toBeCloseTo(0, 10);
      expect(dot(zeta, zeta)).toBeCloseTo(d, 10);
    }
    // distinct positives, and σ = 0 duplicates the all-ones sample exactly
    expect(dot(row(X, d, 0), row(X, d, 1))).not.toBeCloseTo(2 / d, 3);
    const dup = c4Multi(key(3), d, { positives: 1, negatives: 3, noise: 0 });
    for (let i = 1; i < 4; i++) expect(Array.from(row(dup.X.data as Float64Array, d, i))).toEqual(Array.from(ones));
    expect(() => c4Multi(key(3), d, { positives: 0, negatives: 1, noise: 0 })).toThrow(/^data\.positives: /);
  });
});
