// uniform: the 53-bit construction by hand, range, moments of U[0,1) (mean 1/2, variance 1/12) within 5 SE.
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { key, threefry2x32, uniform, unit53 } from '../../src/rng/index.js';

const N = 100_000;

function moments(x: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const v of x) s += v;
  const mean = s / x.length;
  let q = 0;
  for (const v of x) q += (v - mean) ** 2;
  return { mean, variance: q / x.length };
}

describe('unit53', () => {
  it('maps hi:lo to its top 53 bits times 2^-53', () => {
    expect(unit53(0, 0)).toBe(0);
    expect(unit53(0, 0x7ff)).toBe(0); // the low 11 bits are dropped
    expect(unit53(0, 0x800)).toBe(2 ** -53);
    expect(unit53(0x80000000, 0)).toBe(0.5);
    expect(unit53(1, 0)).toBe(2 ** -32);
    expect(unit53(0xffffffff, 0xffffffff)).toBe(1 - 2 ** -53);
  });
});

describe('uniform', () => {
  it('element i is unit53 of threefry2x32(key, [0, i])', () => {
    const k = key(11);
    const u = uniform(k, 3);
    for (let i = 0; i < 3; i++) {
      const [a, b] = threefry2x32(k[0], k[1], 0, i);
      expect(u[i]).toBe((a * 2 ** 21 + Math.floor(b / 2 ** 11)) / 2 ** 53);
    }
  });

  it('is reproducible and prefix-stable', () => {
    expect(uniform(key(5), 100)).toEqual(uniform(key(5), 100));
    expect(uniform(key(5), 10)).toEqual(uniform(key(5), 100).slice(0, 10));
  });

  it('U[0,1): range, mean and variance of 1e5 draws within 5 standard errors', () => {
    const u = uniform(key(1), N);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const { mean, variance } = moments(u);
    expect(Math.abs(mean - 1 / 2)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    // Var((U - 1/2)^2) = 1/80 - 1/144 = 1/180.
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / N));
  });

  it('uses all 53 bits: u·2^53 is an integer, odd about half the time', () => {
    const u = uniform(key(2), N);
    let odd = 0;
    let integers = 0;
    for (const v of u) {
      const m = v * 2 ** 53;
      integers += Number.isInteger(m) ? 1 : 0;
      odd += m % 2;
    }
    expect(integers).toBe(N);
    expect(Math.abs(odd - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
  });

  it('U[-3, 5): range, mean 1 and variance 64/12 within 5 standard errors', () => {
    const u = uniform(key(3), N, -3, 5);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...u)).toBeLessThan(5);
    const { mean, variance } = moments(u);
    expect(Math.abs(mean - 1)).toBeLessThan(5 * Math.sqrt(64 / 12 / N));
    expect(Math.abs(variance - 64 / 12)).toBeLessThan(5 * 64 * Math.sqrt(1 / 180 / N));
  });

  it('stays below hi when lo + (hi - lo)·u would round up to hi', () => {
    // [1, 1 + 2^-52) holds one double, 1; unclamped, about half the draws would round to hi.
    const u = uniform(key(4), 1000, 1, 1 + 2 ** -52);
    expect(u.every((v) => v === 1)).toBe(true);
    const v = uniform(key(4), 1000, -(2 ** -1074), 0); // below 0 lies only -2^-1074
    expect(v.every((x) => x === -(2 ** -1074))).toBe(true);
  });

  it('validates lo and hi', () => {
    const k = key(0);
    expect(() => uniform(k, 1, NaN, 1)).toThrow(/^lo: /);
    expect(() => uniform(k, 1, 1, 1)).toThrow(/^hi: .*\(got 1\)$/);
    expect(() => uniform(k, 1, 0, Infinity)).toThrow(/^hi: /);
    expect(() => uniform(k, 1, -1e308, 1e308)).toThrow(/^hi: /);
    expect(() => uniform(k, -1)).toThrow(GdlabError);
  });
});
