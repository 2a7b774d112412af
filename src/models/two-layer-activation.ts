// Activations φ of the two-layer nets and CNNs (science.md §9): ReLU, leaky ReLU (slope α), tanh, quadratic x², identity — value, derivative, autodiff form.
import { GdlabError } from '../core/errors.js';
import { leakyRelu, quadratic, relu, tanh, type Var } from '../autodiff/index.js';

export type ActivationKind = 'relu' | 'leaky-relu' | 'tanh' | 'quadratic' | 'identity';
export const ACTIVATION_KINDS: readonly ActivationKind[] = ['relu', 'leaky-relu', 'tanh', 'quadratic', 'identity'];

export interface Activation {
  /** e.g. 'relu', 'leaky-relu(0.1)'. */
  readonly name: string;
  readonly kind: ActivationKind;
  /** The negative slope α of leaky ReLU (0 for the others). */
  readonly slope: number;
  value(x: number): number;
  /** φ'(x); at a kink the one-sided value the autodiff mask 1[x>0] gives (ReLU'(0) = 0, leaky'(0) = α). */
  deriv(x: number): number;
  /** φ''(x) as the autodiff HVP sees it (0 away from and at the kinks of the piecewise-linear φ). */
  deriv2(x: number): number;
  /** The same φ as an autodiff expression (for expression-level checks, HVPs and NTKs). */
  expr(x: Var): Var;
  /** Degree of positive homogeneity (φ(λx) = λ^p φ(x), λ > 0), or 0 if none (tanh). */
  readonly degree: number;
}

export function activation(kind: ActivationKind, slope = 0.01): Activation {
  switch (kind) {
    case 'relu':
      return { name: 'relu', kind, slope: 0, value: (x) => (x > 0 ? x : 0), deriv: (x) => (x > 0 ? 1 : 0), deriv2: () => 0, expr: relu, degree: 1 };
    case 'leaky-relu':
      if (!Number.isFinite(slope)) throw new GdlabError(`model.slope: must be a finite number (got ${slope})`);
      return {
        name: `leaky-relu(${slope})`,
        kind,
        slope,
        value: (x) => (x > 0 ? x : slope * x),
        deriv: (x) => (x > 0 ? 1 : slope),
        deriv2: () => 0,
        expr: (x) => leakyRelu(x, slope),
        degree: 1,
      };
    case 'tanh':
      return {
        name: 'tanh',
        kind,
        slope: 0,
        value: Math.tanh,
        deriv: (x) => {
          const t = Math.tanh(x);
          return 1 - t * t;
        },
        deriv2: (x) => {
          const t = Math.tanh(x);
          return -2 * t * (1 - t * t);
        },
        expr: tanh,
        degree: 0,
      };
    case 'quadratic':
      return { name: 'quadratic', kind, slope: 0, value: (x) => x * x, deriv: (x) => 2 * x, deriv2: () => 2, expr: quadratic, degree: 2 };
    case 'identity':
      return { name: 'identity', kind, slope: 0, value: (x) => x, deriv: () => 1, deriv2: () => 0, expr: (x) => x, degree: 1 };
    default:
      throw new GdlabError(`model.activation: unknown activation (got ${JSON.stringify(kind)}); expected one of ${ACTIVATION_KINDS.join(', ')}`);
  }
}
