// randint: range, chi-square uniformity, no modulo bias (a range where plain x mod m gives 1/2 instead of 1/3).
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { bits, key, randint } from '../../src/rng/index.js';

describe('randint', () => {
  it('draws integers in [lo, hi) with uniform counts (chi-square, 6 df, below the 0.1% point 22.46)', () => {
    const n = 70_000;
    const x = randint(key(1), n, -3, 4);
    const counts = new Float64Array(7);
    expect(x.every((v) => v >= -3 && v < 4)).toBe(true);
    for (const v of x) counts[v + 3]++;
    const e = n / 7;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - e) ** 2 / e;
    expect(chi2).toBeLessThan(22.46);
  });

  it('has no modulo bias: m = 3·2^30 gives P(x < lo + 2^30) = 1/3 (x mod m would give 1/2)', () => {
    const n = 30_000;
    const lo = -(2 ** 31);
    const x = randint(key(2), n, lo, 2 ** 30);
    let low = 0;
    for (const v of x) low += v < lo + 2 ** 30 ? 1 : 0;
    expect(Math.abs(low / n - 1 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / n));
  });

  it('over the full 2^32 range (nothing rejected) is bits shifted by lo', () => {
    const k = key(3);
    const w = bits(k, 50);
    expect(Array.from(randint(k, 50, -(2 ** 31), 2 ** 31))).toEqual(Array.from(w, (v) => v - 2 ** 31));
  });

  it('is reproducible and prefix-stable; hi = lo + 1 gives lo', () => {
    expect(randint(key(4), 100, 0, 1000)).toEqual(randint(key(4), 100, 0, 1000));
    expect(randint(key(4), 10, 0, 1000)).toEqual(randint(key(4), 100, 0, 1000).slice(0, 10));
    expect(Array.from(randint(key(4), 5, 9, 10))).toEqual([9, 9, 9, 9, 9]);
  });

  it('validates lo and hi', () => {
    const k = key(0);
    expect(() => randint(k, 1, 3, 3)).toThrow(/^hi: .*\(got 3\)$/);
    expect(() => randint(k, 1, 0, 2 ** 31 + 1)).toThrow(/^hi: /);
    expect(() => randint(k, 1, -(2 ** 31) - 1, 0)).toThrow(/^lo: /);
    expect(() => randint(k, 1, 0.5, 2)).toThrow(/^lo: /);
    expect(() => randint(k, -1, 0, 2)).toThrow(GdlabError);
  });
});
