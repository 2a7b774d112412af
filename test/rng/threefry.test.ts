// Threefry-2x32 against Random123's published known-answer vectors (examples/kat_vectors).
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { threefry2x32 } from '../../src/rng/index.js';

// Random123 kat_vectors lines: "threefry2x32 rounds ctr0 ctr1 key0 key1 out0 out1".
const KAT: Array<[number, number, number, number, number, number, number]> = [
  [13, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x9d1c5ec6, 0x8bd50731],
  [13, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xfd36d048, 0x2d17272c],
  [13, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xba3e4725, 0xf27d669e],
  [20, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x6b200159, 0x99ba4efe],
  [20, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x1cb996fc, 0xbb002be7],
  [20, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xc4923a9c, 0x483df7a0],
  [32, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0xcee3d47e, 0xa23dfd5c],
  [32, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x6e2fe0d0, 0xb1b76f82],
  [32, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xe2827716, 0xc3c05cdf],
];

describe('threefry2x32', () => {
  it.each(KAT)('Random123 KAT: %i rounds, ctr=[%i, %i] key=[%i, %i]', (rounds, c0, c1, k0, k1, y0, y1) => {
    expect(Array.from(threefry2x32(k0, k1, c0, c1, new Uint32Array(2), rounds))).toEqual([y0, y1]);
  });

  it('defaults to 20 rounds and writes into the given out array', () => {
    const out = new Uint32Array(2);
    expect(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3, out)).toBe(out);
    expect(Array.from(out)).toEqual([0xc4923a9c, 0x483df7a0]);
  });

  it('takes words mod 2^32 (-1 is 0xffffffff)', () => {
    expect(Array.from(threefry2x32(-1, -1, -1, -1))).toEqual([0x1cb996fc, 0xbb002be7]);
  });

  it('rejects round counts outside Random123 range', () => {
    for (const rounds of [-1, 33, 12.5, NaN]) {
      expect(() => threefry2x32(0, 0, 0, 0, new Uint32Array(2), rounds)).toThrow(GdlabError);
    }
    expect(() => threefry2x32(0, 0, 0, 0, new Uint32Array(2), 33)).toThrow(/rounds.*33/);
  });
});
