// A perturbed start w₀ + δ·u/‖u‖, u ~ N(0, I) from foldIn(perturbation key, stream): two runs a distance δ apart, for finite-time Lyapunov exponents.
import { z } from 'zod';
import { norm2 } from '../metrics/norm.js';
import { type Key, foldIn, normal } from '../rng/index.js';
import { index, positive } from '../spec/validate.js';

/** The spec's `init.perturb`: size δ = ‖w′₀ − w₀‖ and which seeded direction (stream, default 0). */
export const perturbOptions = z.strictObject({
  size: positive,
  stream: index.refine((x) => x < 2 ** 32, 'must be < 2^32').optional(),
});

export interface Perturbation {
  readonly size: number;
  readonly stream: number;
}

/** w₀ moved by exactly `size` (up to rounding) in the direction drawn from foldIn(key, stream); w₀ itself is not changed. */
export function perturbed(w0: Float64Array, p: Perturbation, key: Key): Float64Array {
  const u = normal(foldIn(key, p.stream), w0.length);
  const un = norm2(u);
  return Float64Array.from(w0, (x, j) => x + (p.size * u[j]) / un);
}
