// Gradient descent on any model and loss: w ← w − γ_t ∇f(w), ∇f = Σ_i (∂f/∂m_i) ∇_w m_i; γ_t constant, normalized (γ/‖∇f‖), Polyak or Armijo backtracking.
import type { Loss } from '../losses/loss.js';
import { type Algorithm, type PullbackState, pullbackState } from './algorithm.js';

/**
 * - constant: γ_t = γ (with the logistic loss this is LR+GD of science.md).
 * - normalized: γ_t = γ/‖∇f‖, a step of length γ.
 * - polyak: γ_t = min(γ_max, c·(f − f*)/‖∇f‖²) (Polyak 1987) with f* = 0 by default — the infimum of the
 *   logistic and squared losses on separable / interpolable data. Costs nothing beyond the gradient.
 * - armijo: backtracking line search (Armijo 1966): try γ = min(γ_max, grow·γ_{t−1}) (γ_max first) and
 *   multiply by `shrink` until f(w − γ∇f) ≤ f(w) − c·γ‖∇f‖²; each try is one forward pass (oracle.outputsAt).
 * P1's own adaptive rule is not recovered (science.md); these two are our choices.
 */
export type StepRule =
  | { readonly kind: 'constant'; readonly step: number }
  | { readonly kind: 'normalized'; readonly step: number }
  | { readonly kind: 'polyak'; readonly max: number; readonly scale?: number; readonly fStar?: number }
  | { readonly kind: 'armijo'; readonly max: number; readonly shrink?: number; readonly c?: number; readonly grow?: number };

export interface GdState extends PullbackState {
  /** ∂f/∂m_i at w_t. */
  readonly dm: Float64Array;
  /** The step size γ_t used by the last step (NaN before the first). */
  lastStep: number;
}

/** At most this many shrinks per Armijo step: 0.5⁶⁰ ≈ 1e-18, so a failed search moves by nothing measurable. */
const MAX_BACKTRACKS = 60;

export function gd(opts: { readonly loss: Loss; readonly rule: StepRule }): Algorithm<GdState> {
  const { loss, rule } = opts;
  let probeW = new Float64Array(0);
  let probeM = new Float64Array(0);
  return {
    name: `gd(${rule.kind})`,
    init(w0, data, model) {
      const s = pullbackState(w0, data, model);
      probeW = new Float64Array(model.numParams);
      probeM = new Float64Array(s.coef.length);
      return { ...s, dm: new Float64Array(s.coef.length), lastStep: NaN };
    },
    step(s, oracle) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      loss.dvalue(m, y, s.dm);
      oracle.pullback(s.dm, s.dir); // dir = ∇f
      let sq = 0;
      for (let j = 0; j < s.dir.length; j++) sq += s.dir[j] * s.dir[j];
      let gamma: number;
      if (rule.kind === 'constant') {
        gamma = rule.step;
      } else if (rule.kind === 'normalized') {
        gamma = sq > 0 ? rule.step / Math.sqrt(sq) : 0;
      } else if (rule.kind === 'polyak') {
        const gap = loss.value(m, y) - (rule.fStar ?? 0);
        gamma = sq > 0 ? Math.min(rule.max, ((rule.scale ?? 1) * Math.max(gap, 0)) / sq) : 0;
      } else {
        const f = loss.value(m, y);
        const c = rule.c ?? 1e-4;
        gamma = Number.isNaN(s.lastStep) ? rule.max : Math.min(rule.max, (rule.grow ?? 2) * s.lastStep);
        for (let k = 0; k < MAX_BACKTRACKS && sq > 0; k++) {
          for (let j = 0; j < s.w.length; j++) probeW[j] = s.w[j] - gamma * s.dir[j];
          oracle.outputsAt(probeW, probeM);
          if (loss.value(probeM, y) <= f - c * gamma * sq) break;
          gamma *= rule.shrink ?? 0.5;
        }
      }
      for (let j = 0; j < s.w.length; j++) s.w[j] -= gamma * s.dir[j];
      s.lastStep = gamma;
      s.t++;
    },
  };
}
