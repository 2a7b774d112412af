// C4's minimal pair (science.md, ours): b₁ = (1 + ξ)/d with y₁ = +1, b₂ = 1 with y₂ = −1, ξ ⟂ 1, ‖ξ‖² = d.
import { fieldError } from '../../core/errors.js';
import type { Dataset } from '../dataset.js';
import { labelled } from './labelled.js';

/**
 * ξ is the balanced ±1 vector (+1 on even, −1 on odd coordinates), so d must be even. Every
 * run of a rotation-invariant algorithm from v = 0 depends only on the Gram matrix
 * [[2/d, −1], [−1, d]] of a_i = y_i b_i, so this choice of ξ loses no generality there.
 */
export function c4Pair(d: number): Dataset {
  if (!Number.isInteger(d) || d < 2 || d % 2 !== 0) throw fieldError('data.d', d, 'must be an even integer ≥ 2');
  const x = new Float64Array(2 * d);
  for (let j = 0; j < d; j++) {
    x[j] = (1 + (j % 2 === 0 ? 1 : -1)) / d;
    x[d + j] = 1;
  }
  return labelled(`c4-pair(d=${d})`, x, [1, -1], d);
}
