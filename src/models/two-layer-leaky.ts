// Two-layer leaky-ReLU MLP, hand-written with explicit slopes: f_jo = Σ_i W2_oi s_ji z_ji/√h + b2_o, z_ji = W1_i·b_j/√d + b1_i, s_ji = φ'(z_ji) ∈ {α, 1} (or a Filippov slope on a kink); mlpModel({widths: [h], activation: 'leaky-relu'}) in closed form.
import { fieldError } from '../core/errors.js';
import type { Dataset } from '../data/dataset.js';
import { toF64 } from '../kernels/matrix.js';
import type { Model } from './model.js';

/**
 * Same layout as mlpModel (NTK scaling, biases): W1 [h, d], b1 [h], W2 [M, h], b2 [M]. Besides the Model
 * maps (slopes from the signs, 1 for z > 0 and α otherwise, as leakyRelu), every map also takes the
 * slopes explicitly, so a flow sliding along z_ji = 0 can use a slope between α and 1.
 */
export interface TwoLayerLeaky extends Model {
  readonly inputs: number;
  readonly hidden: number;
  readonly alpha: number;
  /** z (n×h, row-major): the pre-activations. */
  preActivations(w: Float64Array, data: Dataset, z: Float64Array): void;
  /** The slopes the signs of z give: 1 where z > 0, α elsewhere. */
  signSlopes(z: Float64Array, slopes: Float64Array): void;
  outputsWith(w: Float64Array, z: Float64Array, slopes: Float64Array, out: Float64Array): void;
  /** out = Σ_{j,o} coef_jo ∇_w f_jo with the given slopes (and z, which the W2 block needs). */
  pullbackWith(w: Float64Array, data: Dataset, z: Float64Array, slopes: Float64Array, coef: Float64Array, out: Float64Array): void;
  /** The back-propagated signal β_ji = Σ_o coef_jo W2_oi/√h: ∂/∂(W1_i, b1_i) of Σ coef·f is Σ_j β_ji s_ji (b_j/√d, 1). */
  signal(w: Float64Array, coef: Float64Array, beta: Float64Array): void;
  /** J (nM × P, row-major) with the given slopes. */
  jacobianWith(w: Float64Array, data: Dataset, z: Float64Array, slopes: Float64Array): Float64Array;
}

interface Cache {
  readonly z: Float64Array;
  readonly slopes: Float64Array;
}

const inputs = new WeakMap<Dataset, Float64Array>();
function xOf(data: Dataset): Float64Array {
  let x = inputs.get(data);
  if (x === undefined) {
    x = data.X.data instanceof Float64Array && data.X.scale === 1 ? data.X.data : toF64(data.X);
    inputs.set(data, x);
  }
  return x;
}

export function twoLayerLeaky(d: number, h: number, m: number, alpha: number): TwoLayerLeaky {
  for (const [field, v] of [['model.inputs', d], ['model.widths[0]', h], ['model.outputs', m]] as const) {
    if (!Number.isInteger(v) || v < 1) throw fieldError(field, v, 'must be an integer ≥ 1');
  }
  if (!Number.isFinite(alpha)) throw fieldError('model.slope', alpha, 'must be a finite number');
  const cin = 1 / Math.sqrt(d);
  const chid = 1 / Math.sqrt(h);
  const oB1 = h * d;
  const oW2 = oB1 + h;
  const oB2 = oW2 + m * h;
  const size = oB2 + m;

  const preActivations = (w: Float64Array, data: Dataset, z: Float64Array): void => {
    const x = xOf(data);
    const n = data.X.rows;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < h; i++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += w[i * d + k] * x[j * d + k];
        z[j * h + i] = s * cin + w[oB1 + i];
      }
    }
  };
  const signSlopes = (z: Float64Array, slopes: Float64Array): void => {
    for (let q = 0; q < z.length; q++) slopes[q] = z[q] > 0 ? 1 : alpha;
  };
  const outputsWith = (w: Float64Array, z: Float64Array, slopes: Float64Array, out: Float64Array): void => {
    const n = z.length / h;
    for (let j = 0; j < n; j++) {
      for (let o = 0; o < m; o++) {
        let s = 0;
        for (let i = 0; i < h; i++) s += w[oW2 + o * h + i] * slopes[j * h + i] * z[j * h + i];
        out[j * m + o] = s * chid + w[oB2 + o];
      }
    }
  };
  const signal = (w: Float64Array, coef: Float64Array, beta: Float64Array): void => {
    const n = coef.length / m;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < h; i++) {
        let s = 0;
        for (let o = 0; o < m; o++) s += coef[j * m + o] * w[oW2 + o * h + i];
        beta[j * h + i] = s * chid;
      }
    }
  };
  const pullbackWith = (w: Float64Array, data: Dataset, z: Float64Array, slopes: Float64Array, coef: Float64Array, out: Float64Array): void => {
    const x = xOf(data);
    const n = data.X.rows;
    out.fill(0);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < h; i++) {
        const q = j * h + i;
        let b = 0;
        for (let o = 0; o < m; o++) b += coef[j * m + o] * w[oW2 + o * h + i];
        const delta = b * chid * slopes[q];
        for (let k = 0; k < d; k++) out[i * d + k] += delta * x[j * d + k] * cin;
        out[oB1 + i] += delta;
        const a = slopes[q] * z[q] * chid;
        for (let o = 0; o < m; o++) out[oW2 + o * h + i] += coef[j * m + o] * a;
      }
      for (let o = 0; o < m; o++) out[oB2 + o] += coef[j * m + o];
    }
  };
  const jacobianWith = (w: Float64Array, data: Dataset, z: Float64Array, slopes: Float64Array): Float64Array => {
    const n = data.X.rows;
    const J = new Float64Array(n * m * size);
    const e = new Float64Array(n * m);
    for (let r = 0; r < n * m; r++) {
      e[r] = 1;
      pullbackWith(w, data, z, slopes, e, J.subarray(r * size, (r + 1) * size));
      e[r] = 0;
    }
    return J;
  };

  return {
    name: `mlp(${h},leaky-relu:${alpha},M=${m})`,
    numParams: size,
    outputs: m,
    homogeneity: 0,
    inputs: d,
    hidden: h,
    alpha,
    preActivations,
    signSlopes,
    outputsWith,
    pullbackWith,
    signal,
    jacobianWith,
    forward(w, data, out) {
      const z = new Float64Array(data.X.rows * h);
      const slopes = new Float64Array(z.length);
      preActivations(w, data, z);
      signSlopes(z, slopes);
      outputsWith(w, z, slopes, out);
      return { z, slopes } satisfies Cache;
    },
    pullback(w, data, coef, out, cache) {
      let c = cache as Cache | undefined;
      if (c === undefined) {
        const z = new Float64Array(data.X.rows * h);
        const slopes = new Float64Array(z.length);
        preActivations(w, data, z);
        signSlopes(z, slopes);
        c = { z, slopes };
      }
      pullbackWith(w, data, c.z, c.slopes, coef, out);
    },
  };
}
