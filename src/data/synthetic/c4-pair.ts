// C4's minimal pair (science.md, ours): b₁ = (1 + ξ)/d with y₁ = +1, b₂ = 1 with y₂ = −1, ξ ⟂ 1, ‖ξ‖² = d.
import { fieldError } from '../../core/errors.js';
import type { Key } from '../../rng/index.js';
import { offOnes } from './c4-multi.js';
import type { Dataset } from '../dataset.js';
import { labelled } from './labelled.js';

/**
 * ξ is either the balanced ±1 vector (+1 on even, −1 on odd coordinates; d must be even) or a seeded
 * Gaussian projected off 1 and rescaled to ‖ξ‖² = d. Every run of a rotation-invariant model (linear,
 * m_cv with k = 1) from v = 0 depends only on the Gram matrix [[2/d, −1], [−1, d]] of a_i = y_i b_i, so
 * the choice of ξ does not matter there. It does for m_cv with k ≥ 2, which sees the cyclic shift P:
 * the alternating ξ has Pξ = −ξ, a degenerate case (k = 2 then only sees c₁ ± c₂).
 */
export function c4Pair(d: number, xi: { readonly kind: 'alternating' } | { readonly kind: 'gaussian'; readonly key: Key } = { kind: 'alternating' }): Dataset {
  if (xi.kind === 'alternating' && (!Number.isInteger(d) || d < 2 || d % 2 !== 0)) throw fieldError('data.d', d, 'must be an even integer ≥ 2');
  if (!Number.isInteger(d) || d < 2) throw fieldError('data.d', d, 'must be an integer ≥ 2');
  const x = new Float64Array(2 * d);
  const dir = xi.kind === 'alternating' ? Float64Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 1 : -1)) : offOnes(xi.key, d);
  for (let j = 0; j < d; j++) {
    x[j] = (1 + dir[j]) / d;
    x[d + j] = 1;
  }
  return labelled(`c4-pair(d=${d}${xi.kind === 'gaussian' ? ',ξ gaussian' : ''})`, x, [1, -1], d);
}
