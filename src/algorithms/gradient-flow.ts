// Gradient flow θ' = −∇L(θ) = −Jᵀ∇_m L, integrated by adaptive Dormand–Prince 5(4) (src/linalg) with dense output at t = k·dt: iteration k ↔ time k·dt.
import type { Dataset } from '../data/dataset.js';
import { fieldError } from '../core/errors.js';
import { type DormandPrinceCheckpoint, type OdeOptions, type OdeRhs, dormandPrinceAdvance, dormandPrinceCheckpoint, dormandPrinceInit, dormandPrinceResume } from '../linalg/index.js';
import type { Loss } from '../losses/loss.js';
import { squaredLoss } from '../losses/squared.js';
import type { Model } from '../models/model.js';
import type { Algorithm, AlgorithmState } from './algorithm.js';

export interface GradientFlowOptions {
  /** Time between iterations: iteration k is θ(k·dt). */
  readonly dt: number;
  /** Integrator tolerances (per component, local error ≲ atol + rtol·|θ|); defaults 1e-8 and 1e-10. */
  readonly rtol?: number;
  readonly atol?: number;
  readonly loss?: Loss;
  /** Integrator step attempts allowed for one dt before the run fails with 'max-steps'; default 100000. */
  readonly maxAttempts?: number;
}

/** Plain data (typed arrays and numbers): a structured clone of it continues bit-identically. */
export interface GradientFlowState extends AlgorithmState {
  /** The integrator's continuation; it runs ahead of t·dt (outputs are dense interpolations). null before the first step. */
  ode: DormandPrinceCheckpoint | null;
  /** θ((t+1)·dt), θ((t+2)·dt), … already produced by dense output and not yet handed out. */
  pending: Float64Array[];
}

/**
 * Output times go to the integrator in chunks of CHUNK iterations. Only the last time of the options is
 * landed on exactly (the integrator cuts its step there), so chunk ends are fixed multiples of CHUNK·dt:
 * the path depends on the iteration only, never on where a run was resumed.
 */
const CHUNK = 1024;

/** θ' = −Jᵀ ∇_m L(m(θ)) as an ODE right-hand side (one forward and one pullback per evaluation). */
export function gradientFlowRhs(model: Model, data: Dataset, loss: Loss): OdeRhs {
  const m = new Float64Array(data.X.rows * model.outputs);
  const c = new Float64Array(m.length);
  return (_t, w, dw) => {
    const cache = model.forward(w, data, m);
    loss.dvalue(m, data.y, c);
    model.pullback(w, data, c, dw, cache);
    for (let j = 0; j < dw.length; j++) dw[j] = -dw[j];
  };
}

export function gradientFlow(opts: GradientFlowOptions): Algorithm<GradientFlowState> {
  const { dt } = opts;
  if (!(dt > 0 && Number.isFinite(dt))) throw fieldError('algorithm.dt', dt, 'must be a finite number > 0');
  const rtol = opts.rtol ?? 1e-8;
  const atol = opts.atol ?? 1e-10;
  const loss = opts.loss ?? squaredLoss;
  const maxAttempts = opts.maxAttempts ?? 100_000;

  /** Integrate until θ((t+1)·dt) is produced, queueing every output passed on the way; or set a failure. */
  const advance = (s: GradientFlowState, f: OdeRhs): void => {
    const k = s.t + 1;
    const first = Math.floor((k - 1) / CHUNK) * CHUNK + 1;
    const spent = s.ode === null ? 0 : s.ode.steps + s.ode.rejected;
    const options: OdeOptions = { times: Float64Array.from({ length: CHUNK }, (_, j) => (first + j) * dt), rtol, atol, maxSteps: spent + maxAttempts };
    const ode = s.ode === null ? dormandPrinceInit(f, s.w, 0, options) : dormandPrinceResume(f, s.ode, options);
    const status = dormandPrinceAdvance(ode, k * dt);
    s.pending.push(...ode.outY);
    s.ode = dormandPrinceCheckpoint(ode);
    if (s.pending.length === 0) s.failure = `gradient flow: integrator ${status} at t = ${ode.t} before reaching t = ${k * dt} (step ${ode.h})`;
  };

  return {
    name: 'gradient-flow',
    init: (w0) => ({ w: Float64Array.from(w0), t: 0, ode: null, pending: [] }),
    step(s, oracle) {
      if (s.pending.length === 0) advance(s, gradientFlowRhs(oracle.model, oracle.data, loss));
      const next = s.pending.shift();
      if (next === undefined) return;
      s.w.set(next);
      s.t++;
    },
  };
}
