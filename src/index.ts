// gdlab's public API: the library a researcher imports (the CLI is built on the same pieces).
export * from './kernels/index.js';
export * from './rng/index.js';
export * from './linalg/index.js';
export * as autodiff from './autodiff/index.js';
export { GdlabError } from './core/errors.js';
export { sigmoid, softplus } from './core/logistic-math.js';

// Data
export type { Dataset } from './data/dataset.js';
export { labelled } from './data/synthetic/labelled.js';
export { p0TwoPoints } from './data/synthetic/p0-two-points.js';
export { p0SlowPerceptron } from './data/synthetic/p0-slow-perceptron.js';
export { c4Pair } from './data/synthetic/c4-pair.js';
export { gaussianSeparable } from './data/synthetic/gaussian-separable.js';
export { readCsvDataset, parseCsvDataset } from './data/csv.js';
export { twoClassSubset } from './data/two-class-subset.js';
export { loadSplit, dataSources as realDataSources } from './data/sources.js';
export { fetchDataset, listDatasets } from './data/fetch-dataset.js';

// Models and losses
export type { Model } from './models/model.js';
export { linearModel } from './models/linear.js';
export { mCvModel } from './models/m-cv.js';
export { twoLayerModel } from './models/two-layer.js';
export { cnnModel } from './models/cnn.js';
export { mlpModel } from './models/mlp.js';
export { autodiffModel, type DifferentiableModel } from './models/autodiff-model.js';
export type { Loss } from './losses/loss.js';
export { logisticLoss } from './losses/logistic.js';
export { squaredLoss } from './losses/squared.js';

// Algorithms
export type { Algorithm, AlgorithmState, Oracle } from './algorithms/algorithm.js';
export { lrGd } from './algorithms/lr-gd.js';
export { batchPerceptron } from './algorithms/batch-perceptron.js';
export { onlinePerceptron } from './algorithms/online-perceptron.js';
export { normalizedPerceptron } from './algorithms/normalized-perceptron.js';
export { normalizedLrGd } from './algorithms/normalized-lr-gd.js';
export { generalizedPerceptron } from './algorithms/generalized-perceptron.js';
export { quadraticPerceptron } from './algorithms/quadratic-perceptron.js';
export { gd, type StepRule } from './algorithms/gd.js';
export { gradientFlow } from './algorithms/gradient-flow.js';

// Metrics
export { ntkExtremes, ntkEigenvalues, ntkMatrix } from './metrics/ntk.js';
export { hessianTopK } from './metrics/sharpness.js';
export { fitLogLog } from './metrics/log-log-fit.js';

// Runs, sweeps, store
export { runLoop, type LoopResult, type RunStatus } from './run/loop.js';
export { simpleRun } from './run/simple-run.js';
export { parseRunSpec, type RunSpec } from './run/run-spec.js';
export { executeRun } from './run/execute.js';
export { planSweep } from './run/sweep-grid.js';
export { runMany } from './store/run-many.js';
export { openStore } from './store/run-store.js';
export { claims } from './claims/index.js';
