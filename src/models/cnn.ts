// Small CNN for images (science.md §9): m(b; K, u) = Σ_f u_f φ(conv(b, K))_f — one conv layer (kernel K [kh, kw, c, o], stride, zero padding), φ, linear head u; no biases.
import { constant, conv2d, gather, matmul, reshape, type Var } from '../autodiff/index.js';
import { GdlabError } from '../core/errors.js';
import type { Dataset } from '../data/dataset.js';
import { kernels } from '../kernels/index.js';
import { im2colIndex } from '../tensor/index.js';
import { type DifferentiableModel, autodiffModel } from './autodiff-model.js';
import { type Activation, type ActivationKind, activation } from './two-layer-activation.js';

export interface CnnOptions {
  /** [channels, height, width] of the channel-major rows (Dataset.imageShape). */
  readonly imageShape: readonly [number, number, number];
  /** Square kernel size k (k×k). */
  readonly kernelSize: number;
  /** Output channels o (default 4). */
  readonly channels?: number;
  readonly stride?: number;
  readonly padding?: number;
  readonly activation: ActivationKind;
  readonly slope?: number;
}

/**
 * w = (K [k, k, c, o] row-major, as conv2d takes it; then u over the conv output [h', w', o] row-major).
 * Each sample is handled alone: its im2col patch matrix (P = h'w' rows, Q = k²c columns) is gathered straight
 * from the channel-major row through one precomputed index map (the layout conversion, done once per model),
 * then Z = patches·K (P×o) is one matmul. The pullback recomputes Z per sample (memory n·P·o would not fit for
 * CIFAR-sized sets) and skips samples with coef_i = 0 (most of them in the perceptron regime):
 * ∇K += patchesᵀ·(coef_i u ⊙ φ'(Z)), ∇u += coef_i φ(Z).
 */
export function cnnModel(o: CnnOptions): DifferentiableModel {
  const [ch, h, wd] = o.imageShape;
  const k = o.kernelSize;
  const outC = o.channels ?? 4;
  const stride = o.stride ?? 1;
  const pad = o.padding ?? 0;
  if (![ch, h, wd].every((x) => Number.isInteger(x) && x >= 1)) throw new GdlabError(`data.imageShape: must be three positive integers (got [${o.imageShape.join(', ')}])`);
  if (!Number.isInteger(k) || k < 1) throw new GdlabError(`model.kernelSize: must be a positive integer (got ${k})`);
  if (!Number.isInteger(outC) || outC < 1) throw new GdlabError(`model.channels: must be a positive integer (got ${outC})`);
  const phi: Activation = activation(o.activation, o.slope);
  const d = ch * h * wd;

  // Patch index for one NHWC image (batch 1), rewritten to index the channel-major row: (y, x, c) → c·h·w + y·w + x.
  const map = im2colIndex([1, h, wd, ch], k, k, stride, pad);
  const P = map.rows;
  const Q = map.cols;
  const nhwcToRow = (j: number): number => {
    const c = j % ch;
    const pix = (j - c) / ch;
    return c * h * wd + pix;
  };
  const patchIndex = Int32Array.from(map.index, (j) => (j < 0 ? -1 : nhwcToRow(j)));
  const features = P * outC;
  const numK = Q * outC;

  // Expression form: the data as NHWC once per data matrix, then conv2d → φ → head.
  const toNhwc = new WeakMap<Var, Var>();
  const expr = (p: readonly Var[], X: Var): Var => {
    const n = X.shape[0];
    let x = toNhwc.get(X);
    if (x === undefined) {
      const idx = new Int32Array(n * d);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) idx[i * d + j] = i * d + nhwcToRow(j);
      x = constant(gather(X, idx, [n, h, wd, ch]));
      toNhwc.set(X, x);
    }
    const z = phi.expr(conv2d(x, p[0], { stride, padding: pad }));
    return matmul(reshape(z, [n, features]), reshape(p[1], [features, 1]));
  };
  const homogeneity = phi.degree === 0 ? 0 : phi.degree + 1;
  const name = `cnn(k=${k},o=${outC},${phi.name})`;
  const ad = autodiffModel({ name, shapes: [[k, k, ch, outC], [features]], outputs: 1, homogeneity, expr });

  const patches = new Float64Array(P * Q);
  const Z = new Float64Array(P * outC);
  const dZ = new Float64Array(P * outC);
  const dKi = new Float64Array(numK);

  const check = (data: Dataset): void => {
    if (data.X.cols !== d) throw new GdlabError(`data: ${data.X.cols} features, the CNN expects ${ch}×${h}×${wd} = ${d}`);
  };
  const conv = (w: Float64Array, data: Dataset, i: number): void => {
    const { data: x, scale } = data.X;
    const row = i * d;
    for (let q = 0; q < P * Q; q++) {
      const j = patchIndex[q];
      patches[q] = j < 0 ? 0 : x[row + j] * scale;
    }
    kernels().matmul(Z, patches, w.subarray(0, numK), P, Q, outC, false, false);
  };

  return {
    ...ad,
    forward(w, data, out) {
      check(data);
      const u = w.subarray(numK);
      for (let i = 0; i < data.X.rows; i++) {
        conv(w, data, i);
        let s = 0;
        for (let f = 0; f < features; f++) s += u[f] * phi.value(Z[f]);
        out[i] = s;
      }
      return undefined;
    },
    pullback(w, data, coef, out) {
      check(data);
      const u = w.subarray(numK);
      const dK = out.subarray(0, numK);
      const du = out.subarray(numK);
      out.fill(0);
      for (let i = 0; i < data.X.rows; i++) {
        const ci = coef[i];
        if (ci === 0) continue;
        conv(w, data, i);
        for (let f = 0; f < features; f++) {
          dZ[f] = ci * u[f] * phi.deriv(Z[f]);
          du[f] += ci * phi.value(Z[f]);
        }
        kernels().matmul(dKi, patches, dZ, Q, P, outC, true, false);
        for (let q = 0; q < numK; q++) dK[q] += dKi[q];
      }
    },
    checkInit(w0) {
      // As for the two-layer net: K = 0 gives Z = 0, φ(0) = 0, so ∇u = 0 and ∇K ∝ u φ'(0).
      if (!w0.subarray(0, numK).every((x) => x === 0)) return;
      if (phi.deriv(0) === 0 || w0.subarray(numK).every((x) => x === 0)) {
        throw new GdlabError(`init: K = 0 is a stationary point of ${name} (every gradient vanishes); use normal, scaled or vector`);
      }
    },
  };
}
