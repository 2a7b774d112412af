// Two-layer network (science.md §9): m(b; W, a) = Σ_{j=1..m} a_j φ(w_jᵀb), no biases; w = (W row-major m×d, row j = w_j; then a) or W alone when a is fixed.
import { constant, matmul, reshape, type Var } from '../autodiff/index.js';
import { GdlabError } from '../core/errors.js';
import type { Dataset } from '../data/dataset.js';
import { kernels } from '../kernels/index.js';
import type { Matrix } from '../kernels/matrix.js';
import { wrap } from '../tensor/index.js';
import { type DifferentiableModel, autodiffModel } from './autodiff-model.js';
import { type Activation, type ActivationKind, activation } from './two-layer-activation.js';

export interface TwoLayerOptions {
  readonly d: number;
  /** Hidden width m. */
  readonly width: number;
  readonly activation: ActivationKind;
  /** Negative slope of leaky ReLU (default 0.01). */
  readonly slope?: number;
  /** 'trained' (default): a is part of w. 'fixed': a stays at `fixedA`. */
  readonly secondLayer?: 'trained' | 'fixed';
  /** The fixed second layer (length width); default a_j = (−1)^j / √m (ours: alternating signs so ReLU nets can output both signs). */
  readonly fixedA?: Float64Array;
}

/** Default fixed second layer: a_j = (−1)^j / √m, j = 0…m−1. */
export function alternatingSecondLayer(width: number): Float64Array {
  return Float64Array.from({ length: width }, (_, j) => (j % 2 === 0 ? 1 : -1) / Math.sqrt(width));
}

interface Cache {
  readonly generation: number;
  readonly X: Matrix;
}

/**
 * Forward: Wᵀ is copied once (d·m), then H = X·Wᵀ is one gemm (n×d by d×m) and m_i = Σ_j a_j φ(H_ij).
 * Pullback: G_ij = coef_i a_j φ'(H_ij), ∇W = (XᵀG)ᵀ (one gemmT) and ∇a_j = Σ_i coef_i φ(H_ij).
 * H lives in a buffer the model owns; the cache forward returns names its generation, so a pullback
 * after a forward at another point (a line-search probe) recomputes H instead of using a stale one.
 */
export function twoLayerModel(o: TwoLayerOptions): DifferentiableModel {
  const { d, width: m } = o;
  if (!Number.isInteger(d) || d < 1) throw new GdlabError(`data.d: must be a positive integer (got ${d})`);
  if (!Number.isInteger(m) || m < 1) throw new GdlabError(`model.width: must be a positive integer (got ${m})`);
  const phi: Activation = activation(o.activation, o.slope);
  const trained = (o.secondLayer ?? 'trained') === 'trained';
  const fixedA = o.fixedA ?? alternatingSecondLayer(m);
  if (!trained && fixedA.length !== m) throw new GdlabError(`model.fixedA: ${fixedA.length} values for width ${m}`);
  if (!trained && !fixedA.every(Number.isFinite)) throw new GdlabError('model.fixedA: every value must be finite');
  const homogeneity = phi.degree === 0 ? 0 : phi.degree + (trained ? 1 : 0);
  const name = `two-layer(${phi.name},m=${m}${trained ? '' : ',a fixed'})`;

  const aConst = constant(wrap([m, 1], fixedA));
  const expr = (p: readonly Var[], X: Var): Var => {
    const h = phi.expr(matmul(X, p[0], false, true));
    return matmul(h, trained ? reshape(p[1], [m, 1]) : aConst);
  };
  const ad = autodiffModel({ name, shapes: trained ? [[m, d], [m]] : [[m, d]], outputs: 1, homogeneity, expr });

  const Wt = new Float64Array(d * m);
  const GW = new Float64Array(d * m);
  let H = new Float64Array(0);
  let G = new Float64Array(0);
  let generation = 0;
  const secondLayer = (w: Float64Array): Float64Array => (trained ? w.subarray(m * d) : fixedA);

  const hidden = (w: Float64Array, X: Matrix): Cache => {
    if (X.cols !== d) throw new GdlabError(`data: ${X.cols} features, the model expects d = ${d}`);
    for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) Wt[c * m + j] = w[j * d + c];
    if (H.length !== X.rows * m) {
      H = new Float64Array(X.rows * m);
      G = new Float64Array(X.rows * m);
    }
    kernels().gemm(H, X, Wt, m);
    return { generation: ++generation, X };
  };

  return {
    ...ad,
    forward(w, data: Dataset, out) {
      const cache = hidden(w, data.X);
      const a = secondLayer(w);
      for (let i = 0, n = data.X.rows; i < n; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += a[j] * phi.value(H[i * m + j]);
        out[i] = s;
      }
      return cache;
    },
    pullback(w, data, coef, out, cache) {
      const c = cache as Cache | undefined;
      if (c === undefined || c.generation !== generation || c.X !== data.X) hidden(w, data.X);
      const a = secondLayer(w);
      const n = data.X.rows;
      const da = trained ? out.subarray(m * d) : undefined;
      da?.fill(0);
      for (let i = 0; i < n; i++) {
        const ci = coef[i];
        const r = i * m;
        for (let j = 0; j < m; j++) {
          const h = H[r + j];
          G[r + j] = ci * a[j] * phi.deriv(h);
          if (da !== undefined) da[j] += ci * phi.value(h);
        }
      }
      kernels().gemmT(GW, data.X, G, m);
      for (let j = 0; j < m; j++) for (let c2 = 0; c2 < d; c2++) out[j * d + c2] = GW[c2 * m + j];
    },
    checkInit(w0) {
      // At W = 0 every pre-activation is 0 and φ(0) = 0, so ∇a = 0 and ∇w_j = a_j φ'(0) Xᵀcoef: a stationary point when φ'(0)·a = 0.
      if (!w0.subarray(0, m * d).every((x) => x === 0)) return;
      const a = secondLayer(w0);
      if (phi.deriv(0) === 0 || a.every((x) => x === 0)) {
        throw new GdlabError(`init: W = 0 is a stationary point of ${name} (φ'(0)·a = 0, every gradient vanishes); use normal, scaled or vector`);
      }
    },
  };
}
