// A Gaussian regression set (P2's setting): inputs b_i ~ N(0, I_d) and random targets y_i ~ N(0, I_M), n×M row-major.
import { fieldError } from '../../core/errors.js';
import { f64Matrix } from '../../kernels/matrix.js';
import { type Key, foldIn, normal } from '../../rng/index.js';
import type { Dataset } from '../dataset.js';

export function gaussianRegression(key: Key, n: number, d: number, outputs = 1): Dataset {
  if (!Number.isInteger(n) || n < 1) throw fieldError('data.n', n, 'must be a positive integer');
  if (!Number.isInteger(d) || d < 1) throw fieldError('data.d', d, 'must be a positive integer');
  if (!Number.isInteger(outputs) || outputs < 1) throw fieldError('data.outputs', outputs, 'must be a positive integer');
  // Separate streams for inputs and targets, so changing M never changes X.
  const x = normal(foldIn(key, 0), n * d);
  const y = normal(foldIn(key, 1), n * outputs);
  return { name: `gaussian-regression(n=${n},d=${d},M=${outputs})`, X: f64Matrix(n, d, x), y, outputs };
}
