// Execute a validated RunSpec: build data, model, init and algorithm from the registries with keys derived from the seed, then run the loop.
import type { Dataset } from '../data/dataset.js';
import { logisticLoss } from '../losses/logistic.js';
import { curvatureMetrics } from '../metrics/curvature-metrics.js';
import { squaredLoss } from '../losses/squared.js';
import type { Model } from '../models/model.js';
import { foldIn, key } from '../rng/index.js';
import { algorithms, dataSources, inits, models } from './components.js';
import { type LoopResult, runLoop } from './loop.js';
import { type Perturbation, perturbed } from './perturb.js';
import { cachedData } from './data-cache.js';
import { type Component, build } from './registry.js';
import type { RunSpec } from './run-spec.js';

/** Stream ids under the root key: data, init, steps, init.perturb directions — fixed, so adding a stream never shifts another. */
export const KEY_STREAM = { data: 0, init: 1, steps: 2, perturb: 3 } as const;

export interface RunOutcome {
  readonly spec: RunSpec;
  readonly data: Dataset;
  readonly model: Model;
  readonly w0: Float64Array;
  readonly result: LoopResult;
}

/** A run's data set: the source `c` with the data key foldIn(key(seed), KEY_STREAM.data), relative paths from `baseDir` (default the working folder); shared with recent runs on the same data. */
export function runData(c: Component, seed: number, baseDir = process.cwd()): Dataset {
  return cachedData(c, seed, baseDir, () => build(dataSources, c, { key: foldIn(key(seed), KEY_STREAM.data), baseDir }));
}

export function executeRun(spec: RunSpec, opts: { baseDir?: string; data?: Dataset; onIteration?: (t: number) => void } = {}): RunOutcome {
  const root = key(spec.seed);
  const data = opts.data ?? runData(spec.data, spec.seed, opts.baseDir);
  const model = build(models, spec.model, data);
  const start = build(inits, spec.init, { key: foldIn(root, KEY_STREAM.init), numParams: model.numParams });
  const perturb = spec.init.options.perturb as Perturbation | undefined;
  const w0 = perturb === undefined ? start : perturbed(start, perturb, foldIn(root, KEY_STREAM.perturb));
  model.checkInit?.(w0);
  const alg = build(algorithms, spec.algorithm, undefined);
  const result = runLoop(alg, model, data, w0, {
    loss: spec.loss === 'squared' ? squaredLoss : logisticLoss,
    stop: spec.stop,
    record: spec.record.schedule,
    recordWeights: spec.record.weights,
    recordGradNorm: spec.record.gradNorm ?? true,
    key: foldIn(root, KEY_STREAM.steps),
    classify: spec.loss === 'logistic',
    onIteration: opts.onIteration,
    metrics: curvatureMetrics(spec.metrics),
    metricsAt: spec.record.metricsAt,
  });
  return { spec, data, model, w0, result };
}
