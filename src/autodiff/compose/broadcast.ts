// Numpy broadcasting as exact linear maps: expand = gather through the broadcast index, its adjoint reduceTo = scatter-add through it.
import { broadcastIndex, broadcastShape, full, sameShape, type Tensor } from '../../tensor/index.js';
import { gather } from '../ops/gather.js';
import { scatterAdd } from '../ops/scatter-add.js';
import { asVar, constant, type Var } from '../var.js';

/** A tensor, or a number standing for a constant tensor of the other operand's shape. */
export type Operand = Tensor | number;

/** Stretch `x` to `shape` (axes of length 1, or missing on the left, repeat). */
export function expand(x: Tensor, shape: readonly number[]): Var {
  return sameShape(x.shape, shape) ? asVar(x) : gather(x, broadcastIndex(x.shape, shape), shape);
}

/** Sum `x` down to `shape`, which must broadcast to x.shape (the adjoint of expand). */
export function reduceTo(x: Tensor, shape: readonly number[]): Var {
  return sameShape(x.shape, shape) ? asVar(x) : scatterAdd(x, broadcastIndex(shape, x.shape), shape);
}

/** Both operands of an elementwise op as Vars of one common shape. */
export function operands(op: string, a: Operand, b: Operand): [Var, Var] {
  if (typeof a === 'number') {
    if (typeof b === 'number') throw new TypeError(`${op}: at least one operand must be a tensor`);
    return [constant(full(b.shape, a)), asVar(b)];
  }
  if (typeof b === 'number') return [asVar(a), constant(full(a.shape, b))];
  if (sameShape(a.shape, b.shape)) return [asVar(a), asVar(b)];
  const shape = broadcastShape(op, a.shape, b.shape);
  return [expand(a, shape), expand(b, shape)];
}
