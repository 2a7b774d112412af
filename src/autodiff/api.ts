// grad, vjp and exact Hessian–vector products Hv = ∇_w(∇_w f · v) by double backward (Pearlmutter 1994) over the tape.
import { GdlabError } from '../core/errors.js';
import { full, showShape, size, type Tensor } from '../tensor/index.js';
import { backward } from './backward.js';
import { add } from './ops/add.js';
import { dot } from './compose/reduce.js';
import { constant, param, withRecording, type Var } from './var.js';

/** A differentiable function of parameter Vars, built from autodiff ops. */
export type Fn = (...params: Var[]) => Var;

export interface Gradient {
  readonly value: number;
  readonly grads: Float64Array[];
}

export interface Pullback {
  readonly value: Tensor;
  /** Σ_o cotangent[o]·∂out[o]/∂params; may be called many times (e.g. one Jacobian row each). */
  pullback(cotangent: Float64Array): Float64Array[];
}

export interface SecondOrder extends Gradient {
  /** Exact H·v at the same point; the first backward pass is reused across calls. */
  hvp(v: readonly Float64Array[]): Float64Array[];
}

function evaluate(f: Fn, params: readonly Tensor[]): { leaves: Var[]; out: Var } {
  const leaves = params.map(param);
  const out = withRecording(true, () => f(...leaves));
  return { leaves, out };
}

function scalarOut(what: string, out: Var): Var {
  if (out.data.length !== 1) throw new GdlabError(`${what}: f must return a single number (got shape ${showShape(out.shape)})`);
  return constant(full(out.shape, 1));
}

// Copies, so a gradient never aliases a cotangent or a parameter buffer that a reshape passed through.
const copies = (vs: readonly Var[]): Float64Array[] => vs.map((g) => g.data.slice());

function checkParts(what: string, parts: readonly Float64Array[], params: readonly Tensor[]): void {
  const ok = parts.length === params.length && parts.every((p, i) => p.length === size(params[i].shape));
  if (!ok) {
    throw new GdlabError(`${what}: lengths [${parts.map((p) => p.length).join(', ')}] do not match the parameter sizes [${params.map((p) => size(p.shape)).join(', ')}]`);
  }
}

/** f(params) and its gradient with respect to each parameter. */
export function grad(f: Fn, params: readonly Tensor[]): Gradient {
  const { leaves, out } = evaluate(f, params);
  const seed = scalarOut('grad', out);
  return { value: out.data[0], grads: copies(backward(out, seed, leaves, false)) };
}

/** f(params) (any shape) with its pullback: cotangent ↦ Jᵀ·cotangent, one tape for all calls. */
export function vjpFn(f: Fn, params: readonly Tensor[]): Pullback {
  const { leaves, out } = evaluate(f, params);
  return {
    value: { shape: out.shape, data: out.data },
    pullback(cotangent) {
      if (cotangent.length !== out.data.length) {
        throw new GdlabError(`vjp: cotangent of length ${cotangent.length} for an output of shape ${showShape(out.shape)}`);
      }
      return copies(backward(out, constant({ shape: out.shape, data: cotangent }), leaves, false));
    },
  };
}

/** f(params) and Jᵀ·cotangent. */
export function vjp(f: Fn, params: readonly Tensor[], cotangent: Float64Array): { value: Tensor; grads: Float64Array[] } {
  const p = vjpFn(f, params);
  return { value: p.value, grads: p.pullback(cotangent) };
}

/** Value, gradient, and an exact Hessian–vector product at params (the gradient pass is taped once). */
export function hvpFn(f: Fn, params: readonly Tensor[]): SecondOrder {
  const { leaves, out } = evaluate(f, params);
  const g = backward(out, scalarOut('hvp', out), leaves, true);
  return {
    value: out.data[0],
    grads: copies(g),
    hvp(v) {
      checkParts('hvp', v, params);
      if (g.length === 0) return [];
      const gv = withRecording(true, () => g.map((gi, i) => dot(gi, { shape: gi.shape, data: v[i] })).reduce((s, t) => add(s, t)));
      return copies(backward(gv, constant(full([], 1)), leaves, false));
    },
  };
}

/** Exact H·v where H is the Hessian of the scalar f at params. */
export function hvp(f: Fn, params: readonly Tensor[], v: readonly Float64Array[]): Float64Array[] {
  return hvpFn(f, params).hvp(v);
}
