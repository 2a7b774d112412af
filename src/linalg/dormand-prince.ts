// Adaptive Dormand–Prince 5(4) integrator for y' = f(t, y): FSAL, PI step-size control and dense output, as in Hairer, Nørsett & Wanner's DOPRI5 (Solving ODEs I, §II.4–II.6).
import { fieldError } from '../core/errors.js';
import { DP_A, DP_C, DP_E, dormandPrinceDense } from './dormand-prince-tableau.js';
import { initialStep, resolveOdeOptions, scaledNorm } from './ode-options.js';
import type { OdeOptions, ResolvedOdeOptions } from './ode-options.js';

export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;
export type OdeStatus = 'ok' | 'step-size-collapsed' | 'max-steps' | 'non-finite';

export interface OdeResult {
  status: OdeStatus;
  /** The requested times reached (all of options.times when status is 'ok'). */
  t: number[];
  /** y at each reached time (dense output between steps, exact step values where they coincide). */
  y: Float64Array[];
  steps: number;
  rejected: number;
  fEvals: number;
}

/** What a step continues from: equal checkpoints (and options) give bit-identical continuations. */
export interface DormandPrinceCheckpoint {
  t: number;
  y: Float64Array;
  /** f(t, y), reused as the first stage of the next step (FSAL). */
  dydt: Float64Array;
  /** Step size to try next. */
  h: number;
  /** Previous accepted error norm, the memory of the PI controller. */
  errOld: number;
  steps: number;
  rejected: number;
  fEvals: number;
}

export interface DormandPrinceState extends DormandPrinceCheckpoint {
  status: 'running' | OdeStatus;
  /** Outputs produced so far (requested times ≤ t). */
  outT: number[];
  outY: Float64Array[];
  readonly f: OdeRhs;
  readonly options: ResolvedOdeOptions;
  /** Index into options.times of the next output. */
  next: number;
  /** Scratch: stage derivatives k[1..6] (k[0] is dydt), the stage argument and the candidate y_new. */
  readonly k: Float64Array[];
  readonly stage: Float64Array;
  yNew: Float64Array;
}

// PI controller constants of DOPRI5: safety 0.9, step ratio in [0.2, 10], β = 0.04.
const SAFE = 0.9;
const FAC_MIN = 0.2;
const FAC_MAX = 10;
const BETA = 0.04;
const EXPO = 0.2 - 0.75 * BETA;

/** Integrate from t0 to the last of options.times, returning y at every requested time. */
export function dormandPrince(f: OdeRhs, y0: Float64Array, t0: number, options: OdeOptions): OdeResult {
  const state = dormandPrinceInit(f, y0, t0, options);
  const status = dormandPrinceAdvance(state);
  if (status === 'running') throw new Error('dormandPrince: an unbounded advance stopped while running'); // unreachable
  return {
    status,
    t: state.outT,
    y: state.outY,
    steps: state.steps,
    rejected: state.rejected,
    fEvals: state.fEvals,
  };
}

/** A fresh state at (t0, y0): evaluates f(t0, y0), outputs times equal to t0, picks h (HNW's starting-step heuristic unless h0 is given). */
export function dormandPrinceInit(f: OdeRhs, y0: Float64Array, t0: number, options: OdeOptions): DormandPrinceState {
  const opts = resolveOdeOptions(y0, t0, options);
  const dydt = new Float64Array(y0.length);
  f(t0, y0, dydt);
  const state = makeState(f, opts, { t: t0, y: Float64Array.from(y0), dydt, h: 0, errOld: 1e-4, steps: 0, rejected: 0, fEvals: 1 }, true);
  if (!dydt.every(Number.isFinite)) state.status = 'non-finite';
  if (state.status !== 'running') return state;
  if (options.h0 !== undefined) state.h = options.h0;
  else {
    state.h = initialStep(f, state.t, state.y, dydt, opts, state.stage, state.k[1]);
    state.fEvals++;
  }
  return state;
}

/** A state continuing from a checkpoint; no f evaluations. Outputs resume at the first requested time after checkpoint.t. */
export function dormandPrinceResume(f: OdeRhs, checkpoint: DormandPrinceCheckpoint, options: OdeOptions): DormandPrinceState {
  const opts = resolveOdeOptions(checkpoint.y, checkpoint.t, options, true);
  if (checkpoint.dydt.length !== checkpoint.y.length) throw fieldError('checkpoint.dydt.length', checkpoint.dydt.length, `must equal y.length = ${checkpoint.y.length}`);
  if (!(checkpoint.h > 0 && Number.isFinite(checkpoint.h))) throw fieldError('checkpoint.h', checkpoint.h, 'must be finite and > 0');
  return makeState(f, opts, { ...checkpoint, y: Float64Array.from(checkpoint.y), dydt: Float64Array.from(checkpoint.dydt) }, false);
}

/** A copy of the state's continuation data (safe to store; the state keeps evolving). */
export function dormandPrinceCheckpoint(state: DormandPrinceState): DormandPrinceCheckpoint {
  const { t, h, errOld, steps, rejected, fEvals } = state;
  return { t, y: Float64Array.from(state.y), dydt: Float64Array.from(state.dydt), h, errOld, steps, rejected, fEvals };
}

/**
 * Takes accepted steps until t ≥ tEnd, `maxSteps` more steps have been accepted, the last requested
 * time is reached ('ok') or a failure status is set. tEnd is soft: steps are never shortened to hit
 * it (only to land on the last requested time), so splitting a run into several calls changes nothing.
 */
export function dormandPrinceAdvance(state: DormandPrinceState, tEnd = Infinity, maxSteps = Infinity): DormandPrinceState['status'] {
  const stepLimit = state.steps + maxSteps;
  while (state.status === 'running' && state.t < tEnd && state.steps < stepLimit) step(state);
  return state.status;
}

/** `fresh`: a start, which outputs a requested time equal to t; a resumed run has produced it already. */
function makeState(f: OdeRhs, options: ResolvedOdeOptions, c: DormandPrinceCheckpoint, fresh: boolean): DormandPrinceState {
  const n = c.y.length;
  const { times } = options;
  const state: DormandPrinceState = {
    ...c,
    status: 'running',
    outT: [],
    outY: [],
    f,
    options,
    next: 0,
    k: Array.from({ length: 7 }, () => new Float64Array(n)),
    stage: new Float64Array(n),
    yNew: new Float64Array(n),
  };
  state.k[0] = state.dydt;
  while (state.next < times.length && times[state.next] <= c.t) {
    if (fresh && times[state.next] === c.t) {
      state.outT.push(c.t);
      state.outY.push(Float64Array.from(c.y));
    }
    state.next++;
  }
  if (state.next === times.length) state.status = 'ok';
  return state;
}

/** One accepted step (retrying rejected ones), or a failure status. */
function step(s: DormandPrinceState): void {
  const { f, k, stage, options: o } = s;
  const n = s.y.length;
  const tLast = o.times[o.times.length - 1];
  let rejectedHere = false;
  let nonFinite = false;
  for (;;) {
    if (s.steps + s.rejected >= o.maxSteps) {
      s.status = 'max-steps';
      return;
    }
    let h = Math.min(s.h, o.hMax);
    const last = s.t + 1.01 * h >= tLast; // stretch or shorten the final step to land on tLast
    if (last) h = tLast - s.t;
    const tNew = last ? tLast : s.t + h;
    // Below ~16 ulps of the time scale a step no longer moves t meaningfully: a collapse.
    if (h < Math.max(o.hMin, 16 * Number.EPSILON * Math.max(Math.abs(s.t), Math.abs(tLast)))) {
      s.status = nonFinite ? 'non-finite' : 'step-size-collapsed';
      return;
    }

    // Stages 2..7 (k[0] = dydt by FSAL); stage 7 is evaluated at y_new itself (its row of a equals b5).
    for (let st = 1; st < 7; st++) {
      const a = DP_A[st];
      const arg = st === 6 ? s.yNew : stage;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < st; j++) sum += a[j] * k[j][i];
        arg[i] = s.y[i] + h * sum;
      }
      f(st === 6 ? tNew : s.t + DP_C[st] * h, arg, k[st]);
    }
    s.fEvals += 6;

    // RMS of the embedded error estimate, each component scaled by atol + rtol·max(|y|, |y_new|).
    const scaledError = (i: number): number => {
      let e = 0;
      for (let j = 0; j < 7; j++) e += DP_E[j] * k[j][i];
      return (h * e) / (o.atol + o.rtol * Math.max(Math.abs(s.y[i]), Math.abs(s.yNew[i])));
    };
    let err = 0;
    for (let i = 0; i < n; i++) err += scaledError(i) ** 2;
    err = Math.sqrt(err / Math.max(n, 1));
    // The squares overflowed (a tiny atol): the same RMS without overflow; a finite one is an ordinary (huge) error.
    if (err === Infinity) err = scaledNorm(n, scaledError) / Math.sqrt(Math.max(n, 1));

    if (!Number.isFinite(err)) {
      // NaN/Inf in a stage: shrink hard and retry; if that collapses the step, report 'non-finite'.
      nonFinite = true;
      rejectedHere = true;
      s.rejected++;
      s.h = h * FAC_MIN * FAC_MIN;
      continue;
    }
    nonFinite = false;
    const fac11 = err ** EXPO;
    if (err <= 1) {
      const fac = Math.max(1 / FAC_MAX, Math.min(1 / FAC_MIN, fac11 / s.errOld ** BETA / SAFE));
      let hNew = h / fac;
      if (rejectedHere) hNew = Math.min(hNew, h);
      s.errOld = Math.max(err, 1e-4);
      accept(s, h, tNew);
      s.h = hNew;
      s.options.onStep?.(s.t, s.y);
      if (last) s.status = 'ok';
      return;
    }
    rejectedHere = true;
    s.rejected++;
    s.h = h / Math.min(1 / FAC_MIN, fac11 / SAFE);
  }
}

/** Emit dense outputs inside (t, tNew], then move to (tNew, y_new) with the new FSAL derivative k7. */
function accept(s: DormandPrinceState, h: number, tNew: number): void {
  const { times } = s.options;
  while (s.next < times.length && times[s.next] <= tNew) {
    const tau = times[s.next++];
    const out = new Float64Array(s.y.length);
    if (tau === tNew) out.set(s.yNew);
    else dormandPrinceDense(out, (tau - s.t) / h, h, s.y, s.yNew, s.k);
    s.outT.push(tau);
    s.outY.push(out);
  }
  [s.y, s.yNew] = [s.yNew, s.y];
  [s.dydt, s.k[6]] = [s.k[6], s.dydt];
  s.k[0] = s.dydt;
  s.t = tNew;
  s.steps++;
}
