// A linearly separable Gaussian set: b_i ~ N(0, I_d), y_i = sign(θ*ᵀb_i) with θ* = e₁, samples with |θ*ᵀb_i| < margin dropped and redrawn.
import { fieldError } from '../../core/errors.js';
import { type Key, foldIn, normal } from '../../rng/index.js';
import type { Dataset } from '../dataset.js';
import { labelled } from './labelled.js';

export function gaussianSeparable(key: Key, n: number, d: number, margin = 0.1): Dataset {
  if (!Number.isInteger(n) || n < 1) throw fieldError('data.n', n, 'must be a positive integer');
  if (!Number.isInteger(d) || d < 1) throw fieldError('data.d', d, 'must be a positive integer');
  if (!(margin >= 0 && margin < 3)) throw fieldError('data.margin', margin, 'must be in [0, 3)');
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  let draw = 0;
  for (let i = 0; i < n; ) {
    const b = normal(foldIn(key, draw++), d);
    if (Math.abs(b[0]) < margin) continue;
    x.set(b, i * d);
    y[i] = b[0] > 0 ? 1 : -1;
    i++;
  }
  return labelled(`gaussian-separable(n=${n},d=${d},margin=${margin})`, x, y, d);
}
