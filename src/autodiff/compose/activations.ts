// Activations φ composed from primitives; kinks use the constant mask 1[x>0] (zero derivative a.e.): relu = x⊙1[x>0].
import type { Tensor } from '../../tensor/index.js';
import { add } from '../ops/add.js';
import { mul } from '../ops/mul.js';
import { scale } from '../ops/scale.js';
import { sigmoid } from '../ops/sigmoid.js';
import { square } from '../ops/square.js';
import { step } from '../ops/step.js';
import { sub } from '../ops/sub.js';
import { tanh } from '../ops/tanh.js';
import { asVar, type Var } from '../var.js';

export function relu(x: Tensor): Var {
  return mul(x, step(x));
}

/** x·(α + (1−α)·1[x>0]): x for x > 0, αx otherwise. */
export function leakyRelu(x: Tensor, slope: number): Var {
  return mul(x, add(scale(step(x), 1 - slope), slope));
}

/** Leaky relu with a learnable slope `a` (shape [] or any shape broadcasting to x): x⊙1[x>0] + a⊙x⊙1[x≤0]. */
export function prelu(x: Tensor, a: Tensor): Var {
  const m = step(x);
  return add(mul(x, m), mul(a, mul(x, sub(1, m))));
}

/** φ(x) = x². */
export function quadratic(x: Tensor): Var {
  return square(x);
}

export function identity(x: Tensor): Var {
  return asVar(x);
}

/** The fixed-shape activations by name (leaky relu takes its slope, so it is built with `leakyRelu(·, α)`). */
export const activations: Readonly<Record<'relu' | 'tanh' | 'quadratic' | 'identity' | 'sigmoid', (x: Tensor) => Var>> = {
  relu, tanh, quadratic, identity, sigmoid,
};
