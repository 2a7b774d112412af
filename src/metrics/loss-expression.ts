// The losses of src/losses as autodiff expressions of the outputs m (same values): squared ½Σ(m − y)², logistic mean softplus(−y⊙m).
import { constant, mean, mul, scale, softplus, square, sub, sum, type Var } from '../autodiff/index.js';
import { GdlabError } from '../core/errors.js';
import type { Loss } from '../losses/loss.js';
import { wrap } from '../tensor/index.js';

/** L as a function of the outputs Var m (any shape holding the n·M outputs in row-major order). */
export function lossExpression(loss: Loss, y: Float64Array): (m: Var) => Var {
  const target = (m: Var): Var => constant(wrap(m.shape, y));
  switch (loss.name) {
    case 'squared':
      return (m) => scale(sum(square(sub(m, target(m)))), 0.5);
    case 'logistic':
      return (m) => mean(softplus(scale(mul(target(m), m), -1)));
    default:
      throw new GdlabError(`loss: no autodiff expression for "${loss.name}" (known: squared, logistic)`);
  }
}
