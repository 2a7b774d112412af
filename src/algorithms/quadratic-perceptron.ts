// Quadratic perceptron (P1): θ ← θ + (γ/n) Σ_{i∈S_t} A_iθ, S_t = {i : θᵀA_iθ ≤ 0}, for a 2-homogeneous model with y_i m(b_i; θ) = ½ θᵀA_iθ.
import { GdlabError } from '../core/errors.js';
import { normal } from '../rng/index.js';
import { type Algorithm, type PullbackState, pullbackState } from './algorithm.js';

/**
 * A_iθ = ∇_θ(½ θᵀA_iθ) = y_i ∇_θ m(b_i; θ), so M_tθ = (γ/n) Σ_{S_t} A_iθ is the model's pullback with
 * coefficients y_i γ/n on S_t — no (k+d)² matrix is ever formed, and S_t = {y_i m_i ≤ 0}.
 * - identity: true gives θ + M_tθ (P1's step, the generalized perceptron of a 2-homogeneous model);
 *   false gives the variant θ ← M_tθ.
 * - noise (P1's analysis uses a noisy variant; its exact form is not recovered — ours): add
 *   size·ξ, ξ ~ N(0, I) drawn from the step's key, at every step ('always') or only when the
 *   step is stuck ('stuck': S_t non-empty but ‖M_tθ‖ ≤ 1e-12·‖θ‖, e.g. θ in the kernel of M_t, or θ = 0).
 */
export interface QuadraticPerceptronOptions {
  readonly step: number;
  readonly identity?: boolean;
  readonly noise?: { readonly size: number; readonly when: 'always' | 'stuck' };
}

export function quadraticPerceptron(opts: QuadraticPerceptronOptions): Algorithm<PullbackState> {
  const gamma = opts.step;
  const identity = opts.identity ?? true;
  const noise = opts.noise;
  return {
    name: identity ? 'quadratic-perceptron' : 'quadratic-perceptron(no identity)',
    init(w0, data, model) {
      if (model.homogeneity !== 2) {
        throw new GdlabError(`algorithm: the quadratic perceptron needs a 2-homogeneous model (got ${model.name}, homogeneity ${model.homogeneity})`);
      }
      return pullbackState(w0, data, model);
    },
    step(s, oracle, key) {
      const { y } = oracle.data;
      const m = oracle.outputs;
      const n = m.length;
      let wrong = 0;
      for (let i = 0; i < n; i++) {
        const bad = y[i] * m[i] <= 0;
        if (bad) wrong++;
        s.coef[i] = bad ? (gamma / n) * y[i] : 0;
      }
      oracle.pullback(s.coef, s.dir);
      const { w, dir } = s;
      let stepSq = 0;
      let wSq = 0;
      for (let j = 0; j < w.length; j++) {
        stepSq += dir[j] * dir[j];
        wSq += w[j] * w[j];
        w[j] = identity ? w[j] + dir[j] : dir[j];
      }
      const stuck = wrong > 0 && stepSq <= 1e-24 * wSq;
      if (noise !== undefined && noise.size > 0 && (noise.when === 'always' || stuck)) {
        const xi = normal(key, w.length);
        for (let j = 0; j < w.length; j++) w[j] += noise.size * xi[j];
      }
      s.t++;
    },
  };
}
