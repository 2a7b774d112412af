// The four registries a run spec draws from: data sources, models, algorithms and initialisations.
import { dirname, resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { fieldError } from '../core/errors.js';
import { batchPerceptron } from '../algorithms/batch-perceptron.js';
import { gradientFlow } from '../algorithms/gradient-flow.js';
import { filippovFlowAlgorithm } from '../algorithms/filippov-flow-algorithm.js';
import { generalizedPerceptron } from '../algorithms/generalized-perceptron.js';
import { lrGd } from '../algorithms/lr-gd.js';
import { normalizedLrGd } from '../algorithms/normalized-lr-gd.js';
import { normalizedPerceptron } from '../algorithms/normalized-perceptron.js';
import { onlinePerceptron } from '../algorithms/online-perceptron.js';
import { gd, type StepRule } from '../algorithms/gd.js';
import { quadraticPerceptron } from '../algorithms/quadratic-perceptron.js';
import type { Algorithm, AlgorithmState } from '../algorithms/algorithm.js';
import { readCsvDataset } from '../data/csv.js';
import type { Dataset } from '../data/dataset.js';
import { c4Pair } from '../data/synthetic/c4-pair.js';
import { c4Multi } from '../data/synthetic/c4-multi.js';
import { gaussianRegression } from '../data/synthetic/gaussian-regression.js';
import { twoClassSubset } from '../data/two-class-subset.js';
import { gaussianSeparable } from '../data/synthetic/gaussian-separable.js';
import { p0SlowPerceptron } from '../data/synthetic/p0-slow-perceptron.js';
import { p0TwoPoints } from '../data/synthetic/p0-two-points.js';
import { linearModel } from '../models/linear.js';
import { mCvModel } from '../models/m-cv.js';
import { cnnModel } from '../models/cnn.js';
import { twoLayerModel } from '../models/two-layer.js';
import { ACTIVATION_KINDS, type ActivationKind } from '../models/two-layer-activation.js';
import { logisticLoss } from '../losses/logistic.js';
import { squaredLoss } from '../losses/squared.js';
import { MLP_ACTIVATIONS, type MlpActivation, mlpModel } from '../models/mlp.js';
import { twoLayerLeaky } from '../models/two-layer-leaky.js';
import type { Model } from '../models/model.js';
import { type Key, foldIn, key as rootKey, normal } from '../rng/index.js';
import { count, finite, index, nonNegative, positive } from '../spec/validate.js';
import { type FanInBlock, fanInBlocks, scaleByFanIn } from './fan-in-blocks.js';
import type { Registry } from './registry.js';

export interface DataContext {
  readonly key: Key;
  /** Folder of the spec file: relative data paths are resolved against it. */
  readonly baseDir: string;
}

/** Option `key: [seed, i₁, …]`: draw from key(seed) folded with i₁, … instead of the run's stream key, so runs with different seeds can share one draw. */
const keyPath = z.array(index).min(1).refine((p) => p.every((x) => x < 2 ** 32), 'entries must be < 2^32').optional();

function keyFrom(path: unknown, streamKey: Key): Key {
  if (path === undefined) return streamKey;
  const [seed, ...folds] = path as number[];
  return folds.reduce((k, i) => foldIn(k, i), rootKey(seed));
}

export const dataSources: Registry<DataContext, Dataset> = {
  'p0-two-points': {
    summary: 'P0 Thm 4.1: (1,−1)→+1, (−1,−4)→−1',
    options: z.object({}),
    make: () => p0TwoPoints(),
  },
  'p0-slow-perceptron': {
    summary: 'P0 Thm 5.1: (0.5,−1)→+1 and n−1 copies of (−0.5,−1)→−1 (options: n)',
    options: z.object({ n: count }),
    make: (o) => p0SlowPerceptron(o.n as number),
  },
  'c4-pair': {
    summary: 'C4 minimal pair in R^d: (1+ξ)/d → +1, 1 → −1 (options: d, even for xi alternating; xi alternating|gaussian; key [seed, folds…] for the gaussian ξ)',
    options: z.object({ d: count, xi: z.enum(['alternating', 'gaussian']).optional(), key: keyPath }),
    make: (o, ctx) => {
      if (o.xi !== 'gaussian') {
        if (o.key !== undefined) throw fieldError('data.key', o.key, 'only with xi: gaussian (the alternating ξ is not random)');
        return c4Pair(o.d as number);
      }
      return c4Pair(o.d as number, { kind: 'gaussian', key: keyFrom(o.key, ctx.key) });
    },
  },
  'c4-multi': {
    summary: 'C4 family with n > 2: p positives (1+ξ_j)/d → +1, q negatives 1 + σζ_l → −1 (options: d, positives, negatives, noise σ, default 0; key [seed, folds…])',
    options: z.object({ d: count, positives: count, negatives: count, noise: nonNegative.optional(), key: keyPath }),
    make: (o, ctx) => c4Multi(keyFrom(o.key, ctx.key), o.d as number, {
      positives: o.positives as number,
      negatives: o.negatives as number,
      noise: (o.noise as number | undefined) ?? 0,
    }),
  },
  'gaussian-separable': {
    summary: 'N(0, I_d) samples labelled by the sign of the first coordinate, |b₁| ≥ margin (options: n, d, margin; key [seed, folds…])',
    options: z.object({ n: count, d: count, margin: finite.optional(), key: keyPath }),
    make: (o, ctx) => gaussianSeparable(keyFrom(o.key, ctx.key), o.n as number, o.d as number, (o.margin as number | undefined) ?? 0.1),
  },
  csv: {
    summary: 'your CSV file: one sample per row, features then a ±1 label (options: path)',
    options: z.object({ path: z.string().min(1) }),
    make: (o, ctx) => readCsvDataset(resolvePath(ctx.baseDir, o.path as string)),
  },
  'gaussian-regression': {
    summary: 'P2 setting: b_i ~ N(0, I_d), random targets y_i ~ N(0, I_M) (options: n, d, outputs M, default 1; key [seed, folds…])',
    options: z.object({ n: count, d: count, outputs: count.optional(), key: keyPath }),
    make: (o, ctx) => gaussianRegression(keyFrom(o.key, ctx.key), o.n as number, o.d as number, (o.outputs as number | undefined) ?? 1),
  },
  cifar10: imageSubsetSource('cifar10'),
  mnist: imageSubsetSource('mnist'),
  'fashion-mnist': imageSubsetSource('fashion-mnist'),
};

/**
 * A real image data set as a balanced two-class subset (docs/data.md): y = +1 for the first class, pixels/255, picked
 * with the run's data key. layout defaults to 'image' here (imageShape set, so a CNN can read it); dir is resolved
 * against the spec's folder.
 */
function imageSubsetSource(name: 'cifar10' | 'mnist' | 'fashion-mnist'): Registry<DataContext, Dataset>[string] {
  const cls = z.union([z.string().min(1), index]);
  return {
    summary: `${name}: a balanced two-class subset, y = +1 for the first class (options: classes [a, b] by name or index, perClass, split train|test, standardize, layout image|flat, dir)`,
    options: z.object({
      classes: z.tuple([cls, cls]),
      perClass: count,
      split: z.enum(['train', 'test']).optional(),
      standardize: z.boolean().optional(),
      layout: z.enum(['image', 'flat']).optional(),
      dir: z.string().min(1).optional(),
    }),
    make: (o, ctx) =>
      twoClassSubset(name, {
        classes: o.classes as [string | number, string | number],
        perClass: o.perClass as number,
        split: o.split as 'train' | 'test' | undefined,
        key: ctx.key,
        standardize: o.standardize as boolean | undefined,
        layout: (o.layout as 'image' | 'flat' | undefined) ?? 'image',
        dir: o.dir === undefined ? undefined : resolvePath(ctx.baseDir, o.dir as string),
      }),
  };
}

export const models: Registry<Dataset, Model> = {
  linear: {
    summary: 'm(b; v) = vᵀb',
    options: z.object({}),
    make: (_o, data) => linearModel(data.X.cols),
  },
  'm-cv': {
    summary: 'P1 two-layer conv model m(b; c, v) = vᵀ(Σ_{j≤k} c_j P^{j−1} b), w = (c, v) (options: k, default 2)',
    options: z.object({ k: count.optional() }),
    make: (o, data) => mCvModel(data.X.cols, (o.k as number | undefined) ?? 2),
  },
  'two-layer': {
    summary: 'Σ_j a_j φ(w_jᵀb), no biases, w = (W m×d, a) (options: width, activation relu|leaky-relu|tanh|quadratic|identity, slope, secondLayer trained|fixed, a)',
    options: z.object({
      width: count,
      activation: z.enum(ACTIVATION_KINDS as [ActivationKind, ...ActivationKind[]]),
      slope: finite.optional(),
      secondLayer: z.enum(['trained', 'fixed']).optional(),
      a: z.array(finite).optional(),
    }),
    make: (o, data) => twoLayerModel({
      d: data.X.cols,
      width: o.width as number,
      activation: o.activation as ActivationKind,
      slope: o.slope as number | undefined,
      secondLayer: o.secondLayer as 'trained' | 'fixed' | undefined,
      fixedA: o.a === undefined ? undefined : Float64Array.from(o.a as number[]),
    }),
  },
  cnn: {
    summary: 'images: conv k×k (o channels, stride, zero padding) → φ → linear head, no biases (options: kernelSize, channels, stride, padding, activation, slope)',
    options: z.object({
      kernelSize: count,
      channels: count.optional(),
      stride: count.optional(),
      padding: index.optional(),
      activation: z.enum(ACTIVATION_KINDS as [ActivationKind, ...ActivationKind[]]).optional(),
      slope: finite.optional(),
    }),
    make: (o, data) => {
      if (data.imageShape === undefined) throw fieldError('model.kind', 'cnn', `needs image data (${data.name} has no imageShape)`);
      return cnnModel({
        imageShape: data.imageShape,
        kernelSize: o.kernelSize as number,
        channels: o.channels as number | undefined,
        stride: o.stride as number | undefined,
        padding: o.padding as number | undefined,
        activation: (o.activation as ActivationKind | undefined) ?? 'relu',
        slope: o.slope as number | undefined,
      });
    },
  },
  mlp: {
    summary: `MLP with biases, NTK scaling 1/√fan-in by default (options: widths, activation: ${MLP_ACTIVATIONS.join('|')}, slope, outputs, scaling: ntk|standard, bias, implementation: autodiff|hand-written — the latter for one leaky-relu layer, as filippov-flow needs)`,
    options: z.object({
      widths: z.array(count).min(1),
      activation: z.enum(MLP_ACTIVATIONS),
      slope: finite.optional(),
      outputs: count.optional(),
      scaling: z.enum(['ntk', 'standard']).optional(),
      bias: z.boolean().optional(),
      implementation: z.enum(['autodiff', 'hand-written']).optional(),
    }),
    make: (o, data) => {
      const outputs = (o.outputs as number | undefined) ?? data.outputs;
      if (outputs !== data.outputs) throw fieldError('model.outputs', outputs, `the data have ${data.outputs} outputs per sample`);
      if (o.implementation === 'hand-written') {
        const widths = o.widths as number[];
        if (widths.length !== 1 || o.activation !== 'leaky-relu' || o.scaling === 'standard' || o.bias === false) {
          throw fieldError('model.implementation', 'hand-written', 'exists for one hidden layer with activation leaky-relu, scaling ntk and biases');
        }
        return twoLayerLeaky(data.X.cols, widths[0], outputs, (o.slope as number | undefined) ?? 0.01);
      }
      return mlpModel({
        inputs: data.X.cols,
        widths: o.widths as number[],
        outputs,
        activation: o.activation as MlpActivation,
        slope: o.slope as number | undefined,
        scaling: o.scaling as 'ntk' | 'standard' | undefined,
        bias: o.bias as boolean | undefined,
      });
    },
  },
};

export const algorithms: Registry<void, Algorithm<AlgorithmState>> = {
  'lr-gd': {
    summary: 'GD on the logistic loss with constant step γ (options: step)',
    options: z.object({ step: positive }),
    make: (o) => lrGd({ step: o.step as number }),
  },
  'batch-perceptron': {
    summary: 'P0: θ₁ = (1/2n)Σ y_i b_i, then θ ← θ + (1/n)Σ_{S_t} y_i b_i (options: step, default 1)',
    options: z.object({ step: positive.optional() }),
    make: (o) => batchPerceptron({ step: o.step as number | undefined }),
  },
  'online-perceptron': {
    summary: 'add γ y_j ∇m_j for one misclassified j (options: step, pick: first|random)',
    options: z.object({ step: positive.optional(), pick: z.enum(['first', 'random']).optional() }),
    make: (o) => onlinePerceptron({ step: o.step as number | undefined, pick: o.pick as 'first' | 'random' | undefined }),
  },
  'normalized-perceptron': {
    summary: 'step (γ/|S_t|) Σ_{S_t} y_i ∇m_i (options: step, default 1)',
    options: z.object({ step: positive.optional() }),
    make: (o) => normalizedPerceptron({ step: o.step as number | undefined }),
  },
  'normalized-lr-gd': {
    summary: 'P0: w ← w + γ Σ s_i y_i ∇m_i / Σ s_i, s_i = σ(−y_i m_i) (options: step)',
    options: z.object({ step: positive }),
    make: (o) => normalizedLrGd({ step: o.step as number }),
  },
  'generalized-perceptron': {
    summary: 'P1: w ← w + (γ/n) Σ_{S_t} y_i ∇m_i (options: step)',
    options: z.object({ step: positive }),
    make: (o) => generalizedPerceptron({ step: o.step as number }),
  },
  gd: {
    summary: 'GD w ← w − γ_t∇f on any model (options: step, rule constant|normalized|polyak|armijo — step is γ_max for the adaptive two —, loss logistic|squared, default logistic; polyak: scale; armijo: shrink, c, grow)',
    options: z.object({
      step: positive,
      rule: z.enum(['constant', 'normalized', 'polyak', 'armijo']).optional(),
      loss: z.enum(['logistic', 'squared']).optional(),
      scale: positive.optional(),
      shrink: positive.optional(),
      c: positive.optional(),
      grow: positive.optional(),
    }),
    make: (o) => {
      const step = o.step as number;
      const kind = (o.rule as StepRule['kind'] | undefined) ?? 'constant';
      const rule: StepRule =
        kind === 'polyak' ? { kind, max: step, scale: o.scale as number | undefined }
          : kind === 'armijo' ? { kind, max: step, shrink: o.shrink as number | undefined, c: o.c as number | undefined, grow: o.grow as number | undefined }
            : { kind, step };
      if (o.shrink !== undefined && !((o.shrink as number) < 1)) throw fieldError('algorithm.shrink', o.shrink, 'must be < 1');
      return gd({ loss: o.loss === 'squared' ? squaredLoss : logisticLoss, rule });
    },
  },
  'quadratic-perceptron': {
    summary: 'P1, 2-homogeneous models: θ ← θ + (γ/n)Σ_{S_t} A_iθ (options: step, identity, default true; noise, noiseWhen always|stuck)',
    options: z.object({
      step: positive,
      identity: z.boolean().optional(),
      noise: positive.optional(),
      noiseWhen: z.enum(['always', 'stuck']).optional(),
    }),
    make: (o) => quadraticPerceptron({
      step: o.step as number,
      identity: o.identity as boolean | undefined,
      noise: o.noise === undefined ? undefined : { size: o.noise as number, when: (o.noiseWhen as 'always' | 'stuck' | undefined) ?? 'always' },
    }),
  },
  'gradient-flow': {
    summary: "gradient flow θ' = −∇L, adaptive Dormand–Prince 5(4); iteration k is θ(k·dt) (options: dt, rtol 1e-8, atol 1e-10)",
    options: z.object({ dt: positive, rtol: positive.optional(), atol: positive.optional(), loss: z.enum(['squared', 'logistic']).optional() }),
    make: (o) => gradientFlow({
      dt: o.dt as number,
      rtol: o.rtol as number | undefined,
      atol: o.atol as number | undefined,
      loss: o.loss === 'logistic' ? logisticLoss : squaredLoss,
    }),
  },
  'filippov-flow': {
    summary: 'Filippov gradient flow of ½Σ‖f − y‖², Dormand–Prince between kink events, sliding on kinks; model mlp {widths: [h], activation: leaky-relu, implementation: hand-written}; iteration k is θ(times[k−1]) (options: times, rtol 1e-8, atol 1e-10, maxSteps, maxEvents)',
    options: z.object({
      times: z.array(positive).min(1),
      rtol: positive.optional(),
      atol: positive.optional(),
      maxSteps: count.optional(),
      maxEvents: count.optional(),
      loss: z.enum(['squared']).optional(),
    }),
    make: (o) => {
      if (o.loss !== 'squared') throw fieldError('loss', o.loss, 'filippov-flow integrates the squared loss only');
      return filippovFlowAlgorithm({
        times: o.times as number[],
        rtol: o.rtol as number | undefined,
        atol: o.atol as number | undefined,
        maxSteps: o.maxSteps as number | undefined,
        maxEvents: o.maxEvents as number | undefined,
      });
    },
  },
};

export interface InitContext {
  readonly key: Key;
  readonly numParams: number;
}

export const inits: Registry<InitContext, Float64Array> = {
  zeros: {
    summary: 'w₀ = 0',
    options: z.object({}),
    make: (_o, ctx) => new Float64Array(ctx.numParams),
  },
  normal: {
    summary: 'w₀ ~ scale·N(0, I) or N(0, I)/√fanIn (options: scale, default 1, or fanIn; key [seed, folds…])',
    options: z.object({ scale: finite.optional(), fanIn: count.optional(), key: keyPath }),
    make: (o, ctx) => {
      const w = normal(keyFrom(o.key, ctx.key), ctx.numParams);
      if (o.fanIn !== undefined) {
        if (o.scale !== undefined) throw fieldError('init.fanIn', o.fanIn, 'give scale or fanIn, not both');
        const r = Math.sqrt(o.fanIn as number);
        for (let i = 0; i < w.length; i++) w[i] /= r;
        return w;
      }
      const s = (o.scale as number | undefined) ?? 1;
      for (let i = 0; i < w.length; i++) w[i] *= s;
      return w;
    },
  },
  basis: {
    summary: 'w₀ = value·e_index: one nonzero entry (options: index, value), e.g. m_cv\'s c₁ = 0.01, v = 0',
    options: z.object({ index, value: finite }),
    make: (o, ctx) => {
      const i = o.index as number;
      if (i >= ctx.numParams) throw fieldError('init.index', i, `the model has ${ctx.numParams} parameters`);
      const w = new Float64Array(ctx.numParams);
      w[i] = o.value as number;
      return w;
    },
  },
  vector: {
    summary: 'w₀ given explicitly (options: values, one per parameter)',
    options: z.object({ values: z.array(finite) }),
    make: (o, ctx) => {
      const v = o.values as number[];
      if (v.length !== ctx.numParams) throw fieldError('init.values', `${v.length} values`, `the model has ${ctx.numParams} parameters`);
      return Float64Array.from(v);
    },
  },
  scaled: {
    summary: 'w₀ = R·θ₀ with θ₀ given explicitly (options: R, values) or a seeded unit Gaussian direction g/‖g‖ (options: R, direction: normal)',
    options: z.object({ R: positive, values: z.array(finite).optional(), direction: z.enum(['normal']).optional() }),
    make: (o, ctx) => {
      if ((o.values === undefined) === (o.direction === undefined)) throw fieldError('init', 'scaled', 'give exactly one of values and direction');
      if (o.direction !== undefined) {
        const g = normal(ctx.key, ctx.numParams);
        let sq = 0;
        for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
        const f = (o.R as number) / Math.sqrt(sq);
        return g.map((x) => x * f);
      }
      const v = o.values as number[];
      if (v.length !== ctx.numParams) throw fieldError('init.values', `${v.length} values`, `the model has ${ctx.numParams} parameters`);
      return Float64Array.from(v, (x) => x * (o.R as number));
    },
  },
  'normal-blocks': {
    summary: 'w₀ ~ N(0, I) with each block of parameters divided by √fanIn, e.g. m-cv [{size: k}, {}] = c ~ N(0, 1/k), v ~ N(0, 1/d) (options: blocks [{size, fanIn}] in parameter order, the last size may be left out = the rest, fanIn defaults to the size; key [seed, folds…])',
    options: z.object({ blocks: fanInBlocks, key: keyPath }),
    make: (o, ctx) => scaleByFanIn(normal(keyFrom(o.key, ctx.key), ctx.numParams), o.blocks as FanInBlock[]),
  },
};

export function specDir(file: string): string {
  return dirname(resolvePath(file));
}
