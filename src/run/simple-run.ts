// Run one algorithm on a data set with the logistic loss and plain options: the building block of the claims.
import type { Algorithm, AlgorithmState } from '../algorithms/algorithm.js';
import type { Dataset } from '../data/dataset.js';
import { logisticLoss } from '../losses/logistic.js';
import { linearModel } from '../models/linear.js';
import type { Model } from '../models/model.js';
import { type Key, key as makeKey } from '../rng/index.js';
import { type LoopResult, runLoop } from './loop.js';
import type { RecordSchedule } from './schedule.js';

export interface SimpleRunOptions {
  readonly model?: Model;
  readonly w0?: Float64Array;
  readonly maxIter?: number;
  readonly whenSeparated?: boolean;
  readonly record?: RecordSchedule;
  readonly weights?: boolean;
  readonly key?: Key;
}

export function simpleRun<S extends AlgorithmState>(alg: Algorithm<S>, data: Dataset, o: SimpleRunOptions = {}): LoopResult {
  const model = o.model ?? linearModel(data.X.cols);
  return runLoop(alg, model, data, o.w0 ?? new Float64Array(model.numParams), {
    loss: logisticLoss,
    stop: { maxIter: o.maxIter ?? 100_000, whenSeparated: o.whenSeparated ?? true },
    record: o.record ?? { at: [] },
    recordWeights: o.weights ?? false,
    key: o.key ?? makeKey(0),
    classify: true,
  });
}
