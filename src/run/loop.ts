// The common run loop: w_{t+1} = step(w_t) until every sample is correct, the loss is small enough, the budget ends, or a NaN/Inf appears.
import type { Algorithm, AlgorithmState, Oracle } from '../algorithms/algorithm.js';
import type { Dataset } from '../data/dataset.js';
import type { Loss } from '../losses/loss.js';
import { classification, separates } from '../metrics/classification.js';
import { gradNorm } from '../metrics/grad-norm.js';
import { norm2 } from '../metrics/norm.js';
import type { Model } from '../models/model.js';
import { type Key, foldIn } from '../rng/index.js';
import { type RecordSchedule, shouldRecord } from './schedule.js';
import { TRAJECTORY_COLUMNS, type Trajectory, emptyTrajectory } from './trajectory.js';

/** separated: every y_i m_i > 0; converged: loss ≤ lossBelow; max-iter: budget spent; diverged: a NaN/Inf in w or m; failed: the algorithm set `failure`. */
export type RunStatus = 'separated' | 'converged' | 'max-iter' | 'diverged' | 'failed';

export interface StopRule {
  readonly maxIter: number;
  /** Stop at the first t where every sample is classified correctly (P0/P1's "solved"). */
  readonly whenSeparated: boolean;
  readonly lossBelow?: number;
}

export interface LoopOptions {
  readonly loss: Loss;
  readonly stop: StopRule;
  readonly record: RecordSchedule;
  /** w_t at every recorded iteration (true), or only w at the last iteration t = iterations ('last'; for a diverged run, the w whose outputs or entries are not finite). */
  readonly recordWeights: boolean | 'last';
  /** Record ‖∇f(w_t)‖ (default true); false leaves NaN in the column and saves the extra pullback per recorded row. */
  readonly recordGradNorm?: boolean;
  /** The run's key; step t draws from foldIn(key, t), so randomness does not depend on where a run resumes. */
  readonly key: Key;
  /** Whether the labels are ±1 classes (classification metrics are recorded) or real targets. */
  readonly classify: boolean;
  readonly onIteration?: (t: number) => void;
  /** Extra metrics recorded beside the standard ones at every recorded iteration (each its own trajectory column). */
  readonly metrics?: readonly ExtraMetric[];
  /** Evaluate `metrics` only at these iterations (NaN at the other recorded rows); default every recorded row. */
  readonly metricsAt?: readonly number[];
}

/** A metric of the current iterate, e.g. sharpness or λ_min of the NTK: computed only at recorded iterations. */
export interface ExtraMetric {
  readonly name: string;
  compute(w: Float64Array, ctx: { readonly data: Dataset; readonly model: Model; readonly outputs: Float64Array; readonly loss: Loss }): number;
}

export interface LoopResult {
  readonly status: RunStatus;
  /** The last t reached: for `separated`, the number of iterations needed. */
  readonly iterations: number;
  readonly w: Float64Array;
  readonly trajectory: Trajectory;
  readonly seconds: number;
  /** Why the algorithm stopped, when status is 'failed'. */
  readonly failure?: string;
}

function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

export function runLoop<S extends AlgorithmState>(
  alg: Algorithm<S>, model: Model, data: Dataset, w0: Float64Array, opts: LoopOptions,
): LoopResult {
  const started = performance.now();
  const state = alg.init(w0, data, model);
  const out = new Float64Array(data.X.rows * model.outputs);
  let cache = model.forward(state.w, data, out);
  const oracle: Oracle = {
    data,
    model,
    outputs: out,
    pullback: (coef, o) => model.pullback(state.w, data, coef, o, cache),
    outputsAt: (w, o) => void model.forward(w, data, o),
  };
  const extras = opts.metrics ?? [];
  const reported = Object.keys(state.columns ?? {});
  const trajectory = emptyTrajectory([...extras.map((m) => m.name), ...reported]);
  if (Object.keys(trajectory.columns).length !== TRAJECTORY_COLUMNS.length + extras.length + reported.length) {
    throw new Error(`${alg.name}: its columns ${reported.join(', ')} clash with the trajectory's`);
  }
  const measureAt = opts.metricsAt === undefined ? undefined : new Set(opts.metricsAt);
  const inForceOut = new Float64Array(out.length);
  const { stop, loss, record } = opts;
  let status: RunStatus = 'max-iter';

  const recordRow = (t: number): void => {
    const c = trajectory.columns;
    const f = loss.value(out, data.y);
    c.iter.push(t);
    c.loss.push(f);
    c.gradNorm.push(opts.recordGradNorm === false ? NaN : gradNorm(loss, model, data, state.w, out, cache));
    const wn = norm2(state.w);
    c.wNorm.push(wn);
    if (opts.classify) {
      const k = classification(out, data.y);
      c.accuracy.push(k.accuracy);
      c.misclassified.push(k.misclassified);
      c.minMargin.push(k.minMargin);
      c.margin.push(model.homogeneity > 0 ? k.minMargin / wn ** model.homogeneity : k.minMargin);
    } else {
      c.accuracy.push(NaN);
      c.misclassified.push(NaN);
      c.minMargin.push(NaN);
      c.margin.push(NaN);
    }
    const measure = measureAt === undefined || measureAt.has(t);
    // Metrics differentiate the model the algorithm has in force (a Filippov flow's sliding slopes), at its own outputs.
    const inForce = measure && extras.length > 0 ? state.inForce : undefined;
    if (inForce !== undefined) inForce.forward(state.w, data, inForceOut);
    const ctx = inForce === undefined ? { data, model, outputs: out, loss } : { data, model: inForce, outputs: inForceOut, loss };
    for (const x of extras) c[x.name].push(measure ? x.compute(state.w, ctx) : NaN);
    for (const n of reported) c[n].push((state.columns as Readonly<Record<string, number>>)[n]);
    if (opts.recordWeights === true) trajectory.weights.push(Float64Array.from(state.w));
  };

  let t = 0;
  for (;;) {
    if (!allFinite(out) || !allFinite(state.w)) {
      status = 'diverged';
      break;
    }
    let done = false;
    if (stop.whenSeparated && separates(out, data.y)) {
      status = 'separated';
      done = true;
    } else if (stop.lossBelow !== undefined && loss.value(out, data.y) <= stop.lossBelow) {
      status = 'converged';
      done = true;
    } else if (t >= stop.maxIter) {
      done = true;
    }
    if (done || shouldRecord(record, t)) recordRow(t);
    if (done) break;
    alg.step(state, oracle, foldIn(opts.key, t));
    if (state.failure !== undefined) {
      // The step was not taken (w_t unchanged): stop at t, its row recorded once.
      status = 'failed';
      if (!shouldRecord(record, t)) recordRow(t);
      break;
    }
    cache = model.forward(state.w, data, out);
    t = state.t;
    opts.onIteration?.(t);
  }
  if (opts.recordWeights === 'last') trajectory.weights.push(Float64Array.from(state.w));
  const seconds = (performance.now() - started) / 1000;
  return { status, iterations: t, w: state.w, trajectory, seconds, ...(state.failure !== undefined ? { failure: state.failure } : {}) };
}
