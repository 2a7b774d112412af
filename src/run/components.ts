// The four registries a run spec draws from: data sources, models, algorithms and initialisations.
import { dirname, resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { fieldError } from '../core/errors.js';
import { batchPerceptron } from '../algorithms/batch-perceptron.js';
import { generalizedPerceptron } from '../algorithms/generalized-perceptron.js';
import { lrGd } from '../algorithms/lr-gd.js';
import { normalizedLrGd } from '../algorithms/normalized-lr-gd.js';
import { normalizedPerceptron } from '../algorithms/normalized-perceptron.js';
import { onlinePerceptron } from '../algorithms/online-perceptron.js';
import type { Algorithm, AlgorithmState } from '../algorithms/algorithm.js';
import { readCsvDataset } from '../data/csv.js';
import type { Dataset } from '../data/dataset.js';
import { c4Pair } from '../data/synthetic/c4-pair.js';
import { gaussianSeparable } from '../data/synthetic/gaussian-separable.js';
import { p0SlowPerceptron } from '../data/synthetic/p0-slow-perceptron.js';
import { p0TwoPoints } from '../data/synthetic/p0-two-points.js';
import { linearModel } from '../models/linear.js';
import { mCvModel } from '../models/m-cv.js';
import type { Model } from '../models/model.js';
import { type Key, normal } from '../rng/index.js';
import { count, finite, positive } from '../spec/validate.js';
import type { Registry } from './registry.js';

export interface DataContext {
  readonly key: Key;
  /** Folder of the spec file: relative data paths are resolved against it. */
  readonly baseDir: string;
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
    summary: 'C4 minimal pair in R^d: (1+ξ)/d → +1, 1 → −1 (options: d, even)',
    options: z.object({ d: count }),
    make: (o) => c4Pair(o.d as number),
  },
  'gaussian-separable': {
    summary: 'N(0, I_d) samples labelled by the sign of the first coordinate, |b₁| ≥ margin (options: n, d, margin)',
    options: z.object({ n: count, d: count, margin: finite.optional() }),
    make: (o, ctx) => gaussianSeparable(ctx.key, o.n as number, o.d as number, (o.margin as number | undefined) ?? 0.1),
  },
  csv: {
    summary: 'your CSV file: one sample per row, features then a ±1 label (options: path)',
    options: z.object({ path: z.string().min(1) }),
    make: (o, ctx) => readCsvDataset(resolvePath(ctx.baseDir, o.path as string)),
  },
};

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
    summary: 'w₀ ~ scale·N(0, I) (options: scale, default 1)',
    options: z.object({ scale: finite.optional() }),
    make: (o, ctx) => {
      const w = normal(ctx.key, ctx.numParams);
      const s = (o.scale as number | undefined) ?? 1;
      for (let i = 0; i < w.length; i++) w[i] *= s;
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
    summary: 'w₀ = R·θ₀ with θ₀ given explicitly (options: R, values)',
    options: z.object({ R: positive, values: z.array(finite) }),
    make: (o, ctx) => {
      const v = o.values as number[];
      if (v.length !== ctx.numParams) throw fieldError('init.values', `${v.length} values`, `the model has ${ctx.numParams} parameters`);
      return Float64Array.from(v, (x) => x * (o.R as number));
    },
  },
};

export function specDir(file: string): string {
  return dirname(resolvePath(file));
}
