// Data movement as gathers through index maps (exact, linear, adjoint = scatter-add): transpose, axis permutation, cyclic roll.
import { permuteIndex, rollIndex, type Tensor } from '../../tensor/index.js';
import { gather } from '../ops/gather.js';
import type { Var } from '../var.js';

/** out.shape[k] = x.shape[perm[k]]. */
export function permute(x: Tensor, perm: readonly number[]): Var {
  return gather(x, permuteIndex(x.shape, perm), perm.map((p) => x.shape[p]));
}

/** Transpose of a 2-D tensor. */
export function transpose(x: Tensor): Var {
  return permute(x, [1, 0]);
}

/** Cyclic shift along the last axis (torch.roll): out[…, (j + shift) mod L] = x[…, j]; P b = roll(b, 1). */
export function roll(x: Tensor, shift: number): Var {
  return gather(x, rollIndex(x.shape, shift), x.shape);
}
