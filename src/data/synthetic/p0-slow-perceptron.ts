// P0 Thm 5.1's data set: one sample (0.5, −1) labelled +1 and n−1 samples (−0.5, −1) labelled −1; the batch perceptron needs Ω(n) steps.
import { fieldError } from '../../core/errors.js';
import type { Dataset } from '../dataset.js';
import { labelled } from './labelled.js';

export function p0SlowPerceptron(n: number): Dataset {
  if (!Number.isInteger(n) || n < 2) throw fieldError('data.n', n, 'must be an integer ≥ 2');
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  x[0] = 0.5;
  x[1] = -1;
  y[0] = 1;
  for (let i = 1; i < n; i++) {
    x[2 * i] = -0.5;
    x[2 * i + 1] = -1;
    y[i] = -1;
  }
  return labelled(`p0-slow-perceptron(n=${n})`, x, y, 2);
}
