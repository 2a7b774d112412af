// A node of the reverse-mode tape (micrograd-style, at tensor granularity): a value, its parents, and one VJP per parent.
import type { Tensor } from '../tensor/index.js';

/** Pulls the output cotangent `g` back to one parent; written with differentiable ops so it can be recorded too. */
export type Vjp = (g: Var, out: Var) => Var;

/** A tensor on the tape. Identity matters: the backward pass keys cotangents by node. */
export class Var implements Tensor {
  constructor(
    readonly shape: readonly number[],
    readonly data: Float64Array,
    readonly parents: readonly Var[],
    readonly vjps: readonly Vjp[],
    /** True for parameters and anything recorded from them. */
    readonly requiresGrad: boolean,
  ) {}
}

const none: readonly never[] = Object.freeze([]);

// Whether ops record new nodes. Switched off during a first-order backward pass so that its
// cotangent arithmetic is not itself taped (torch.no_grad); on when a second pass will follow.
let recording = true;

/** Runs `fn` with recording switched on or off, restoring the previous state. */
export function withRecording<T>(on: boolean, fn: () => T): T {
  const prev = recording;
  recording = on;
  try {
    return fn();
  } finally {
    recording = prev;
  }
}

/** A leaf that gradients are taken with respect to. */
export function param(t: Tensor): Var {
  return new Var(t.shape, t.data, none, none, true);
}

/** A leaf that is not differentiated (data, masks, cotangents); of a taped Var, a detached copy (stop-gradient). */
export function constant(t: Tensor): Var {
  return t instanceof Var && !t.requiresGrad ? t : new Var(t.shape, t.data, none, none, false);
}

/** The output of a primitive: a taped node when recording and some parent needs a gradient, else a constant. */
export function record(shape: readonly number[], data: Float64Array, parents: readonly Var[], vjps: readonly Vjp[]): Var {
  if (recording && parents.some((p) => p.requiresGrad)) return new Var(shape, data, parents, vjps, true);
  return new Var(shape, data, none, none, false);
}

/** A Var as is; any other tensor as a constant. */
export function asVar(t: Tensor): Var {
  return t instanceof Var ? t : new Var(t.shape, t.data, none, none, false);
}
