// Two-layer network (science.md §9): m(b; W, a) = Σ_{j=1..m} a_j φ(w_jᵀb), no biases; w = (W row-major m×d, row j = w_j; then a) or W alone when a is fixed.
import { constant, matmul, reshape, type Var } from '../autodiff/index.js';
import { GdlabError } from '../core/errors.js';
import type { Dataset } from '../data/dataset.js';
import type { Loss } from '../losses/loss.js';
import { f64Matrix, kernels } from '../kernels/index.js';
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
 * Forward: Wᵀ is copied once (d·m), then H = X·Wᵀ is one gemm (n×d by d×m), F = φ(H), D = φ'(H), m_i = Σ_j a_j F_ij;
 * for ReLU one gemmRelu gives F and D as the product is stored (H is not written).
 * Pullback: ∇W = (XᵀG)ᵀ with G_ij = coef_i a_j D_ij (one gemmTScaled: G is not formed when D is sparse) and ∇a_j = Σ_i coef_i F_ij.
 * H, F, D live in buffers the model owns; the cache forward returns names its generation, so a pullback
 * after a forward at another point (a line-search probe) recomputes them instead of using stale ones.
 * lossHvp: the exact Hessian–vector product of loss∘model by the R-operator (twoLayerHvp), two products per call.
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
  // H = XWᵀ, then F = φ(H), D = φ'(H) (n×m each, computed once per point).
  let H = new Float64Array(0);
  let F = new Float64Array(0);
  let D = new Float64Array(0);
  // F as a matrix for the kernels, a fresh view per point: they cache what they saw of an array, and F changes.
  let Fm = f64Matrix(0, m, F);
  let generation = 0;
  const secondLayer = (w: Float64Array): Float64Array => (trained ? w.subarray(m * d) : fixedA);

  /** Wt = Mᵀ for M an m×d row-major block (W, or a direction V). */
  const transposeToWt = (M: Float64Array): void => {
    for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) Wt[c * m + j] = M[j * d + c];
  };
  /** out = X·Mᵀ (n×m), through the transposed copy Wt. */
  const hiddenProduct = (M: Float64Array, X: Matrix, out: Float64Array): void => {
    transposeToWt(M);
    kernels().gemm(out, X, Wt, m);
  };
  /**
   * H = X·Wᵀ, F = φ(H), D = φ'(H); true when F is known to be all finite. ReLU: one gemmRelu, which gives F and D
   * as the product is stored and leaves H unwritten (its zeros: ReLU's φ'' is 0, the HVP's only other use of H).
   */
  const hiddenLayer = (w: Float64Array, X: Matrix, H: Float64Array, F: Float64Array, D: Float64Array): boolean => {
    if (phi.kind !== 'relu') {
      hiddenProduct(w, X, H);
      activate(phi, H, F, D);
      return false;
    }
    transposeToWt(w);
    return kernels().gemmRelu(F, D, X, Wt, m);
  };
  const hidden = (w: Float64Array, X: Matrix): Cache => {
    if (X.cols !== d) throw new GdlabError(`data: ${X.cols} features, the model expects d = ${d}`);
    if (F.length !== X.rows * m) {
      H = phi.kind === 'relu' ? H : new Float64Array(X.rows * m);
      F = new Float64Array(X.rows * m);
      D = new Float64Array(X.rows * m);
    }
    Fm = f64Matrix(X.rows, m, F.subarray(0), hiddenLayer(w, X, H, F, D) ? true : undefined);
    return { generation: ++generation, X };
  };
  /** out (m×d row-major) = GWᵀ. */
  const fromGW = (out: Float64Array): void => {
    for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) out[j * d + c] = GW[c * m + j];
  };
  /** out (m×d row-major) = (Xᵀ·B)ᵀ for B n×m: the first-layer part of a pullback. */
  const firstLayerPullback = (X: Matrix, B: Float64Array, out: Float64Array): void => {
    kernels().gemmT(GW, X, B, m);
    fromGW(out);
  };

  return {
    ...ad,
    forward(w, data: Dataset, out) {
      const cache = hidden(w, data.X);
      // m_i = Σ_j F_ij a_j, j increasing: the plain formula's sum, bit for bit (the kernels' order; a·F = F·a exactly).
      kernels().gemv(out, Fm, secondLayer(w));
      return cache;
    },
    pullback(w, data, coef, out, cache) {
      const c = cache as Cache | undefined;
      if (c === undefined || c.generation !== generation || c.X !== data.X) hidden(w, data.X);
      // ∇a_j = Σ_i coef_i F_ij, i increasing.
      if (trained) kernels().gemvT(out.subarray(m * d), Fm, coef);
      // ∇W = (XᵀG)ᵀ with G_ij = coef_i a_j D_ij: the kernels form G only if they need it (ReLU's zeros are skipped).
      kernels().gemmTScaled(GW, data.X, coef, secondLayer(w), D, m);
      fromGW(out);
    },
    lossHvp(w, data, loss) {
      return twoLayerHvp(phi, w, data, loss, { m, d, trained, a: Float64Array.from(secondLayer(w)), hiddenProduct, hiddenLayer, firstLayerPullback });
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

/** F = φ(H), D = φ'(H) entry by entry for the activations other than ReLU (gemmRelu's); leaky ReLU inlined. */
function activate(phi: Activation, H: Float64Array, F: Float64Array, D: Float64Array): void {
  const len = H.length;
  if (phi.kind === 'leaky-relu') {
    const alpha = phi.slope;
    for (let k = 0; k < len; k++) {
      const h = H[k];
      const pos = h > 0;
      F[k] = pos ? h : alpha * h;
      D[k] = pos ? 1 : alpha;
    }
  } else {
    for (let k = 0; k < len; k++) {
      F[k] = phi.value(H[k]);
      D[k] = phi.deriv(H[k]);
    }
  }
}

interface HvpParts {
  readonly m: number;
  readonly d: number;
  readonly trained: boolean;
  /** The second layer at w (a copy). */
  readonly a: Float64Array;
  hiddenProduct(M: Float64Array, X: Matrix, out: Float64Array): void;
  hiddenLayer(w: Float64Array, X: Matrix, H: Float64Array, F: Float64Array, D: Float64Array): boolean;
  firstLayerPullback(X: Matrix, B: Float64Array, out: Float64Array): void;
}

/**
 * ∇²f(w)·v for f = loss(m(X; W, a)) by the R-operator (Pearlmutter 1994), v = (V, b): with H = XWᵀ, g = ∂f/∂m, q = ∂²f/∂m²
 * (diagonal), Ḣ = XVᵀ, ṁ_i = Σ_j (a_j φ'(H_ij) Ḣ_ij + b_j φ(H_ij)), ġ = q⊙ṁ:
 *   (∇²f v)_a = φ(H)ᵀġ + (φ'(H)⊙Ḣ)ᵀg,   (∇²f v)_W = Ġᵀ X with Ġ_ij = ġ_i a_j φ'_ij + g_i b_j φ'_ij + g_i a_j φ''_ij Ḣ_ij.
 * Two n×d×m products per call (Ḣ and ĠᵀX); H, φ(H), φ'(H), g, q are computed once at w.
 */
function twoLayerHvp(phi: Activation, w: Float64Array, data: Dataset, loss: Loss, p: HvpParts): (v: Float64Array, out: Float64Array) => void {
  const { m, d, trained, a } = p;
  const n = data.X.rows;
  if (data.X.cols !== d) throw new GdlabError(`data: ${data.X.cols} features, the model expects d = ${d}`);
  // ReLU: gemmRelu gives F and D1 without H, and φ'' = 0, so H stays empty and so does D2 (not curved).
  const H = new Float64Array(phi.kind === 'relu' ? 0 : n * m);
  const F = new Float64Array(n * m);
  const D1 = new Float64Array(n * m);
  const Fm = f64Matrix(n, m, F, p.hiddenLayer(w, data.X, H, F, D1) ? true : undefined);
  const D2 = H.map((h) => phi.deriv2(h));
  const curved = D2.some((x) => x !== 0);
  const mOut = new Float64Array(n);
  kernels().gemv(mOut, Fm, a);
  const g = new Float64Array(n);
  const q = new Float64Array(n);
  loss.dvalue(mOut, data.y, g);
  loss.curvature(mOut, data.y, q);
  const Hd = new Float64Array(n * m);
  const E = new Float64Array(n * m);
  const Gd = new Float64Array(n * m);
  const [sa, sb, gd, ta, tb] = Array.from({ length: 5 }, () => new Float64Array(Math.max(n, m)));
  const K = kernels();
  return (v, out) => {
    const b = trained ? v.subarray(m * d) : undefined;
    p.hiddenProduct(v, data.X, Hd);
    multiplyInto(E, D1, Hd);
    // E changes on every call: a fresh view is a fresh matrix to the kernels (they cache what they saw per array).
    const Em = f64Matrix(n, m, E.subarray(0));
    // ġ_i = q_i (Σ_j a_j E_ij + Σ_j b_j F_ij): the row sums as matrix–vector products.
    K.gemv(sa, Em, a);
    if (b !== undefined) K.gemv(sb, Fm, b);
    for (let i = 0; i < n; i++) gd[i] = q[i] * (b === undefined ? sa[i] : sa[i] + sb[i]);
    gradientRows({ n, m, a, b, D1, D2: curved ? D2 : undefined, Hd, g, gd, Gd });
    if (b !== undefined) {
      // (∇²f v)_a = φ(H)ᵀġ + Eᵀg.
      K.gemvT(ta, Fm, gd);
      K.gemvT(tb, Em, g);
      const ob = out.subarray(m * d);
      for (let j = 0; j < m; j++) ob[j] = ta[j] + tb[j];
    }
    p.firstLayerPullback(data.X, Gd, out);
  };
}

/** out_k = x_k·y_k; a plain function unrolled by four (inside the HVP's closure the same loop ran about 3× slower under V8). */
function multiplyInto(out: Float64Array, x: Float64Array, y: Float64Array): void {
  const len = out.length;
  let k = 0;
  for (const l4 = len & ~3; k < l4; k += 4) {
    out[k] = x[k] * y[k];
    out[k + 1] = x[k + 1] * y[k + 1];
    out[k + 2] = x[k + 2] * y[k + 2];
    out[k + 3] = x[k + 3] * y[k + 3];
  }
  for (; k < len; k++) out[k] = x[k] * y[k];
}

interface HvpRows {
  readonly n: number;
  readonly m: number;
  readonly a: Float64Array;
  readonly b: Float64Array | undefined;
  readonly D1: Float64Array;
  readonly D2: Float64Array | undefined;
  readonly Hd: Float64Array;
  readonly g: Float64Array;
  readonly gd: Float64Array;
  readonly Gd: Float64Array;
}

/** Ġ_ij = φ'_ij (ġ_i a_j + g_i b_j) + g_i a_j φ''_ij Ḣ_ij, a plain function of its arrays (no closure context in the loops). */
function gradientRows(r: HvpRows): void {
  const { n, m, a, b, D1, D2, Hd, g, gd, Gd } = r;
  const m4 = m & ~3; // the trained-a loop unrolled by four (V8 runs it about twice as fast so)
  for (let i = 0; i < n; i++) {
    const o = i * m;
    const gi = g[i];
    const gdi = gd[i];
    if (b !== undefined) {
      let j = 0;
      for (; j < m4; j += 4) {
        Gd[o + j] = D1[o + j] * (gdi * a[j] + gi * b[j]);
        Gd[o + j + 1] = D1[o + j + 1] * (gdi * a[j + 1] + gi * b[j + 1]);
        Gd[o + j + 2] = D1[o + j + 2] * (gdi * a[j + 2] + gi * b[j + 2]);
        Gd[o + j + 3] = D1[o + j + 3] * (gdi * a[j + 3] + gi * b[j + 3]);
      }
      for (; j < m; j++) Gd[o + j] = D1[o + j] * (gdi * a[j] + gi * b[j]);
    } else for (let j = 0; j < m; j++) Gd[o + j] = D1[o + j] * gdi * a[j];
    if (D2 !== undefined) for (let j = 0; j < m; j++) Gd[o + j] += gi * a[j] * D2[o + j] * Hd[o + j];
  }
}
