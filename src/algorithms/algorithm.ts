// An algorithm is a pair init(w₀) → state, step(state, oracle) (optax-style); the oracle hands it the outputs at the current w and the model's pullback.
import type { Dataset } from '../data/dataset.js';
import type { Model } from '../models/model.js';
import type { Key } from '../rng/index.js';

/** What a step may ask about the current iterate. Outputs are computed once per iteration by the run loop. */
export interface Oracle {
  readonly data: Dataset;
  readonly model: Model;
  /** m(b_i; w_t) for all i (n·M entries), at the state's current weights. */
  readonly outputs: Float64Array;
  /** out = Σ_i coef_i ∇_w m(b_i; w_t), reusing the forward pass. */
  pullback(coef: Float64Array, out: Float64Array): void;
  /** Evaluate the outputs at another point (for steppers that need more than a gradient, e.g. line searches). */
  outputsAt(w: Float64Array, out: Float64Array): void;
}

export interface AlgorithmState {
  /** The current weights w_t; steps update them in place. */
  readonly w: Float64Array;
  /** Steps taken so far. */
  t: number;
  /** Set by a step that could not be taken (w and t left unchanged), e.g. an ODE step size collapsed: the loop stops with status 'failed'. */
  failure?: string;
  /** The model as the algorithm differentiates it at w_t, where that differs from the run's (a Filippov flow sliding on kinks): the loop's metrics use it. */
  inForce?: Model;
  /** Values the algorithm reports about w_t (e.g. kink events so far), recorded as trajectory columns of these names; the same names from init on. */
  columns?: Readonly<Record<string, number>>;
}

export interface Algorithm<S extends AlgorithmState = AlgorithmState> {
  readonly name: string;
  init(w0: Float64Array, data: Dataset, model: Model): S;
  /** Advance the state by one step: w_t → w_{t+1}. `key` is this step's own randomness. */
  step(state: S, oracle: Oracle, key: Key): void;
}

/** State with the two scratch vectors every pullback-based step needs (coefficients over samples, a direction over weights). */
export interface PullbackState extends AlgorithmState {
  readonly coef: Float64Array;
  readonly dir: Float64Array;
}

export function pullbackState(w0: Float64Array, data: Dataset, model: Model): PullbackState {
  return { w: Float64Array.from(w0), t: 0, coef: new Float64Array(data.X.rows * model.outputs), dir: new Float64Array(model.numParams) };
}

/** w ← w + Σ_i coef_i ∇m_i: every step of P0/P1 has this shape, only the coefficients differ. */
export function applyPullback(s: PullbackState, oracle: Oracle): void {
  oracle.pullback(s.coef, s.dir);
  const { w, dir } = s;
  for (let j = 0; j < w.length; j++) w[j] += dir[j];
  s.t++;
}
