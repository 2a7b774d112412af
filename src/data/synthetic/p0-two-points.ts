// P0 Thm 4.1's data set: b₁ = (1, −1) with y₁ = +1 and b₂ = (−1, −4) with y₂ = −1.
import type { Dataset } from '../dataset.js';
import { labelled } from './labelled.js';

export function p0TwoPoints(): Dataset {
  return labelled('p0-two-points', [[1, -1], [-1, -4]], [1, -1]);
}
