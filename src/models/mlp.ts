// Multi-output MLP m(b; θ) = W_L φ(… φ(W_1 b/√d + b_1) …)/√h + b_L (NTK scaling 1/√fan-in, Jacot et al. 2018, or standard), φ ∈ {leaky ReLU, PReLU, ReLU, sigmoid, tanh}.
import { activations, add, leakyRelu, matmul, prelu, scale, type Var } from '../autodiff/index.js';
import { fieldError } from '../core/errors.js';
import { autodiffModel, type DifferentiableModel } from './autodiff-model.js';

export const MLP_ACTIVATIONS = ['leaky-relu', 'prelu', 'relu', 'sigmoid', 'tanh'] as const;
export type MlpActivation = (typeof MLP_ACTIVATIONS)[number];

export interface MlpOptions {
  /** Input dimension d. */
  readonly inputs: number;
  /** Hidden widths (depth = widths.length + 1 weight layers). */
  readonly widths: readonly number[];
  readonly outputs: number;
  readonly activation: MlpActivation;
  /** Negative-side slope α of leaky ReLU (default 0.01). */
  readonly slope?: number;
  /** 'ntk': pre-activations W h/√fan-in, so w ~ N(0, I) is well scaled; 'standard': W h. Default 'ntk'. */
  readonly scaling?: 'ntk' | 'standard';
  /** Biases b_l on every layer; default true. */
  readonly bias?: boolean;
}

/**
 * Parameters per layer l, in layout order: W_l [out, in], then b_l [out] (if bias), then for PReLU
 * one learnable slope a_l (shape []) per hidden layer, which the init draws like any weight.
 */
export function mlpModel(o: MlpOptions): DifferentiableModel {
  if (!Number.isInteger(o.inputs) || o.inputs < 1) throw fieldError('model.inputs', o.inputs, 'must be an integer ≥ 1');
  if (o.widths.length < 1) throw fieldError('model.widths', o.widths, 'must list at least one hidden width');
  o.widths.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 1) throw fieldError(`model.widths[${i}]`, w, 'must be an integer ≥ 1');
  });
  if (!Number.isInteger(o.outputs) || o.outputs < 1) throw fieldError('model.outputs', o.outputs, 'must be an integer ≥ 1');
  if (!MLP_ACTIVATIONS.includes(o.activation)) throw fieldError('model.activation', o.activation, `must be one of ${MLP_ACTIVATIONS.join(', ')}`);
  const slope = o.slope ?? 0.01;
  if (!Number.isFinite(slope)) throw fieldError('model.slope', slope, 'must be a finite number');
  const bias = o.bias ?? true;
  const ntk = (o.scaling ?? 'ntk') === 'ntk';
  const sizes = [o.inputs, ...o.widths, o.outputs];
  const layers = sizes.length - 1;

  const shapes: number[][] = [];
  for (let l = 0; l < layers; l++) {
    shapes.push([sizes[l + 1], sizes[l]]);
    if (bias) shapes.push([sizes[l + 1]]);
    if (o.activation === 'prelu' && l < layers - 1) shapes.push([]);
  }

  const phi = (z: Var, a: Var | undefined): Var => {
    switch (o.activation) {
      case 'leaky-relu':
        return leakyRelu(z, slope);
      case 'prelu':
        return prelu(z, a as Var);
      default:
        return activations[o.activation](z);
    }
  };

  const name = `mlp(${o.widths.join('x')},${o.activation}${o.activation === 'leaky-relu' ? `:${slope}` : ''},M=${o.outputs})`;
  return autodiffModel({
    name,
    shapes,
    outputs: o.outputs,
    homogeneity: 0,
    expr(params, X) {
      let h: Var = X as Var;
      let p = 0;
      for (let l = 0; l < layers; l++) {
        let z = matmul(h, params[p++], false, true);
        if (ntk) z = scale(z, 1 / Math.sqrt(sizes[l]));
        if (bias) z = add(z, params[p++]);
        h = l < layers - 1 ? phi(z, o.activation === 'prelu' ? params[p++] : undefined) : z;
      }
      return h;
    },
  });
}
