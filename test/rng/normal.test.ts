// normal: Box–Muller by hand, moments of N(0,1) (E z = 0, E z² = 1, E z³ = 0, E z⁴ = 3) and CDF values, within 5 SE.
import { describe, expect, it } from 'vitest';
import { key, normal, threefry2x32 } from '../../src/rng/index.js';

const N = 100_000;

describe('normal', () => {
  it('pair (2j, 2j+1) is Box–Muller on the uniforms of counters 2j and 2j+1', () => {
    const k = key(8);
    const z = normal(k, 4);
    const u = (i: number) => {
      const [a, b] = threefry2x32(k[0], k[1], 0, i);
      return (a * 2 ** 21 + Math.floor(b / 2 ** 11)) / 2 ** 53;
    };
    for (const j of [0, 2]) {
      const r = Math.sqrt(-2 * Math.log(1 - u(j)));
      expect(z[j]).toBeCloseTo(r * Math.cos(2 * Math.PI * u(j + 1)), 14);
      expect(z[j + 1]).toBeCloseTo(r * Math.sin(2 * Math.PI * u(j + 1)), 14);
    }
  });

  it('is reproducible and prefix-stable for odd n', () => {
    expect(normal(key(9), 101)).toEqual(normal(key(9), 101));
    expect(normal(key(9), 5)).toEqual(normal(key(9), 6).slice(0, 5));
  });

  it('has the moments of N(0, 1) on 1e5 draws, within 5 standard errors', () => {
    const z = normal(key(10), N);
    expect(z.every(Number.isFinite)).toBe(true);
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (const v of z) {
      const v2 = v * v;
      m1 += v; m2 += v2; m3 += v2 * v; m4 += v2 * v2;
    }
    // SE of the sample mean of z^p is sqrt((E z^2p - (E z^p)^2) / N): E z^2 = 1, z^4 → 3, z^6 → 15, z^8 → 105.
    const se = (v: number) => 5 * Math.sqrt(v / N);
    expect(Math.abs(m1 / N)).toBeLessThan(se(1));
    expect(Math.abs(m2 / N - 1)).toBeLessThan(se(3 - 1));
    expect(Math.abs(m3 / N)).toBeLessThan(se(15));
    expect(Math.abs(m4 / N - 3)).toBeLessThan(se(105 - 9));
  });

  it('matches Φ at -1.96, 0 and 1 (Φ = 0.025, 0.5, 0.8413447460685429) within 5 standard errors', () => {
    const z = normal(key(12), N);
    for (const [x, p] of [[-1.959963984540054, 0.025], [0, 0.5], [1, 0.8413447460685429]]) {
      let below = 0;
      for (const v of z) below += v <= x ? 1 : 0;
      expect(Math.abs(below / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    }
  });
});
