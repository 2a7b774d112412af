// Threefry-2x32 (Salmon et al. 2011, Random123): add/rotate/xor rounds on two uint32 words, key injected every 4 rounds.
import { fieldError } from '../core/errors.js';

// Random123's rotation constants R_32x2_0..7; round r uses ROTATIONS[r % 8].
const ROTATIONS = new Int32Array([13, 15, 26, 6, 17, 29, 16, 24]);

/**
 * Encrypt the counter (x0, x1) under the key (key0, key1) with `rounds` rounds (Random123 allows 0..32;
 * gdlab always uses 20, as JAX does). Inputs are taken mod 2^32; the two output words are written into `out`.
 */
export function threefry2x32(
  key0: number,
  key1: number,
  x0: number,
  x1: number,
  out: Uint32Array = new Uint32Array(2),
  rounds = 20,
): Uint32Array {
  if (rounds !== 20 && !(Number.isInteger(rounds) && rounds >= 0 && rounds <= 32)) {
    throw fieldError('rounds', rounds, 'must be an integer in [0, 32]');
  }
  // Int32 arithmetic: `| 0` wraps sums mod 2^32 and the Uint32Array store reinterprets the bits.
  const k0 = key0 | 0;
  const k1 = key1 | 0;
  const k2 = k0 ^ k1 ^ 0x1bd11bda; // Skein's key-schedule parity constant
  let a = (x0 + k0) | 0;
  let b = (x1 + k1) | 0;
  // After group i (4 rounds) Random123 injects ks[i % 3] into a and ks[(i + 1) % 3] + i into b.
  let s0 = k1;
  let s1 = k2;
  let s2 = k0;
  let i = 1;
  for (; 4 * i <= rounds; i++) {
    if (i & 1) {
      a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
      a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
      a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
      a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
    } else {
      a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
      a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
      a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
      a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
    }
    a = (a + s0) | 0;
    b = (b + s1 + i) | 0;
    const t = s0;
    s0 = s1;
    s1 = s2;
    s2 = t;
  }
  // Rounds past the last multiple of 4 get no injection (e.g. the 13th of Threefry-2x32-13).
  for (let r = 4 * (i - 1); r < rounds; r++) {
    const s = ROTATIONS[r & 7];
    a = (a + b) | 0;
    b = ((b << s) | (b >>> (32 - s))) ^ a;
  }
  out[0] = a;
  out[1] = b;
  return out;
}
