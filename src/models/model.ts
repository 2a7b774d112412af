// A model m(b; w) seen by the algorithms through two maps: margins m(b_i; w) and the pullback Σ_i c_i ∇_w m(b_i; w).
import type { Dataset } from '../data/dataset.js';
import type { Loss } from '../losses/loss.js';

/**
 * Everything an algorithm of science.md needs from a model: for the logistic loss the
 * gradient is −(1/n) Σ σ(−y_i m_i) y_i ∇m_i, and the (generalized) perceptron step is the
 * same pullback with indicator coefficients.
 */
export interface Model {
  readonly name: string;
  readonly numParams: number;
  /** Outputs per sample M (1 for the classifiers of P0/P1). */
  readonly outputs: number;
  /** Degree of positive homogeneity in w (1 linear, 2 for m_cv and two-layer linear-activation nets), or 0 if none. */
  readonly homogeneity: number;
  /** out[i·M + o] = m_o(b_i; w). May return a cache that `pullback` can reuse at the same w. */
  forward(w: Float64Array, data: Dataset, out: Float64Array): unknown;
  /** out = Σ_i Σ_o coef[i·M + o] ∇_w m_o(b_i; w). `cache` is what `forward` returned at this w, if any. */
  pullback(w: Float64Array, data: Dataset, coef: Float64Array, out: Float64Array, cache?: unknown): void;
  /** Refuse an initial point the model cannot train from (e.g. the saddle w = 0 of m_cv): throw a GdlabError naming `init`. */
  checkInit?(w0: Float64Array): void;
  /** Optional hand-written v ↦ ∇²_w f(w)·v for f = loss∘model at w (exact; faster than the autodiff tape, which is the fallback). */
  lossHvp?(w: Float64Array, data: Dataset, loss: Loss): (v: Float64Array, out: Float64Array) => void;
}
