// C4's pair grown to n > 2 (ours): p positives (1 + ξ_j)/d → +1 and q negatives 1 + σ·ζ_l → −1, ξ_j, ζ_l seeded Gaussians ⟂ 1 with ‖·‖² = d.
import { fieldError } from '../../core/errors.js';
import { type Key, foldIn, normal } from '../../rng/index.js';
import type { Dataset } from '../dataset.js';
import { labelled } from './labelled.js';

/**
 * p = q = 1, σ = 0 is the pair of c4Pair (Gaussian ξ). σ = 0 with q > 1 duplicates the all-ones sample (as P0
 * Thm 5.1 duplicates its majority sample); σ > 0 spreads the negatives around 1. Rows: the p positives, then the q negatives.
 */
export function c4Multi(key: Key, d: number, o: { readonly positives: number; readonly negatives: number; readonly noise: number }): Dataset {
  const { positives: p, negatives: q, noise } = o;
  if (!Number.isInteger(d) || d < 2) throw fieldError('data.d', d, 'must be an integer ≥ 2');
  if (!Number.isInteger(p) || p < 1) throw fieldError('data.positives', p, 'must be an integer ≥ 1');
  if (!Number.isInteger(q) || q < 1) throw fieldError('data.negatives', q, 'must be an integer ≥ 1');
  if (!(noise >= 0 && Number.isFinite(noise))) throw fieldError('data.noise', noise, 'must be a finite number ≥ 0');
  const x = new Float64Array((p + q) * d);
  for (let j = 0; j < p; j++) {
    const xi = offOnes(foldIn(key, j), d);
    for (let c = 0; c < d; c++) x[j * d + c] = (1 + xi[c]) / d;
  }
  for (let l = 0; l < q; l++) {
    const zeta = noise > 0 ? offOnes(foldIn(key, p + l), d) : new Float64Array(d);
    for (let c = 0; c < d; c++) x[(p + l) * d + c] = 1 + noise * zeta[c];
  }
  const y = Array.from({ length: p + q }, (_, i) => (i < p ? 1 : -1));
  return labelled(`c4-multi(d=${d},p=${p},q=${q},σ=${noise})`, x, y, d);
}

/** g ~ N(0, I_d) minus its mean, rescaled to norm √d. */
export function offOnes(key: Key, d: number): Float64Array {
  const g = normal(key, d);
  let mean = 0;
  for (let j = 0; j < d; j++) mean += g[j] / d;
  let sq = 0;
  for (let j = 0; j < d; j++) {
    g[j] -= mean;
    sq += g[j] * g[j];
  }
  const f = Math.sqrt(d / sq);
  for (let j = 0; j < d; j++) g[j] *= f;
  return g;
}
