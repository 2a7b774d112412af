// Heaviside mask 1[x > 0] as a constant: the derivative of a step is zero (a.e.), so relu-like ops are x ⊙ mask.
import type { Tensor } from '../../tensor/index.js';
import { constant, type Var } from '../var.js';

export function step(x: Tensor): Var {
  const xd = x.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = xd[i] > 0 ? 1 : 0;
  return constant({ shape: x.shape, data: out });
}
