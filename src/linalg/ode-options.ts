// Options of the adaptive ODE integrator: validation, defaults, and the starting-step heuristic of Hairer, Nørsett & Wanner (Solving ODEs I, §II.4, DOPRI5's HINIT).
import { fieldError } from '../core/errors.js';

export interface OdeOptions {
  /** Output times, strictly increasing and ≥ t0; the last one is where integration ends. */
  times: ArrayLike<number>;
  /** Relative tolerance (≥ 0) and absolute tolerance (> 0): each component's local error ≲ atol + rtol·|y|. */
  rtol: number;
  atol: number;
  /** First step to try; default from the HNW heuristic (one extra f evaluation). */
  h0?: number;
  /** Steps below max(hMin, 16ε·max(|t|, |t_end|)) count as a collapse; default 0. */
  hMin?: number;
  /** Largest step; default unbounded (the last step is always cut to land on the last time). */
  hMax?: number;
  /** Cap on step attempts (accepted + rejected); default 100000. */
  maxSteps?: number;
  /** Called after every accepted step with the new (t, y); must not modify y. */
  onStep?: (t: number, y: Float64Array) => void;
}

export interface ResolvedOdeOptions {
  times: Float64Array;
  rtol: number;
  atol: number;
  hMin: number;
  hMax: number;
  maxSteps: number;
  onStep: ((t: number, y: Float64Array) => void) | undefined;
}

/** Validates everything user-supplied; `resuming` allows output times before t (already produced). */
export function resolveOdeOptions(y: Float64Array, t: number, o: OdeOptions, resuming = false): ResolvedOdeOptions {
  if (!Number.isFinite(t)) throw fieldError('t0', t, 'must be finite');
  y.forEach((x, i) => {
    if (!Number.isFinite(x)) throw fieldError(`y0[${i}]`, x, 'must be finite');
  });
  const times = Float64Array.from(o.times);
  if (times.length === 0) throw fieldError('times', [], 'must list at least one output time');
  times.forEach((x, i) => {
    if (!Number.isFinite(x)) throw fieldError(`times[${i}]`, x, 'must be finite');
    if (i > 0 && !(x > times[i - 1])) throw fieldError(`times[${i}]`, x, `must be greater than times[${i - 1}] = ${times[i - 1]}`);
  });
  if (!resuming && times[0] < t) throw fieldError('times[0]', times[0], `must be ≥ t0 = ${t}`);
  if (!(o.rtol >= 0) || !Number.isFinite(o.rtol)) throw fieldError('rtol', o.rtol, 'must be finite and ≥ 0');
  if (!(o.atol > 0) || !Number.isFinite(o.atol)) throw fieldError('atol', o.atol, 'must be finite and > 0');
  if (o.h0 !== undefined && !(o.h0 > 0 && Number.isFinite(o.h0))) throw fieldError('h0', o.h0, 'must be finite and > 0');
  const hMin = o.hMin ?? 0;
  if (!(hMin >= 0) || !Number.isFinite(hMin)) throw fieldError('hMin', hMin, 'must be finite and ≥ 0');
  const hMax = o.hMax ?? Infinity;
  if (!(hMax > hMin)) throw fieldError('hMax', hMax, `must be > hMin = ${hMin}`);
  const maxSteps = o.maxSteps ?? 100_000;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw fieldError('maxSteps', maxSteps, 'must be a positive integer');
  return { times, rtol: o.rtol, atol: o.atol, hMin, hMax, maxSteps, onStep: o.onStep };
}

/**
 * HNW's starting step for an order-5 method: h ≈ (0.01 / max(‖f‖, ‖f'‖))^{1/5} in the error norm,
 * capped by 100× a first guess 0.01‖y‖/‖f‖, by hMax and by the span to the last output time.
 * Uses one f evaluation (at t + h_guess), written into the scratch arrays y1 and f1.
 */
export function initialStep(
  f: (t: number, y: Float64Array, dydt: Float64Array) => void,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  o: ResolvedOdeOptions,
  y1: Float64Array,
  f1: Float64Array,
): number {
  const n = y.length;
  const hCap = Math.min(o.hMax, o.times[o.times.length - 1] - t);
  const sk = (i: number): number => o.atol + o.rtol * Math.abs(y[i]);
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    dnf += (f0[i] / sk(i)) ** 2;
    dny += (y[i] / sk(i)) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  // A tiny atol overflows both sums (∞/∞ = NaN): take the ratio of the norms scaled by their largest term instead.
  if (!(h > 0)) h = (scaledNorm(n, (i) => y[i] / sk(i)) / scaledNorm(n, (i) => f0[i] / sk(i))) * 0.01;
  if (!(h > 0 && Number.isFinite(h))) h = 1e-6;
  h = Math.min(h, hCap);
  for (let i = 0; i < n; i++) y1[i] = y[i] + h * f0[i];
  f(t + h, y1, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) der2 += ((f1[i] - f0[i]) / sk(i)) ** 2;
  const der12 = Math.max(Math.sqrt(der2) / h, Math.sqrt(dnf));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : (0.01 / der12) ** (1 / 5);
  const h0 = Math.min(100 * h, h1, hCap);
  // A non-finite probe (f blows up near t) leaves the cautious first guess.
  return Number.isFinite(h0) && h0 > 0 ? h0 : h;
}

/** √(Σ x_i²) for x_i = term(i), without overflow or underflow: scaled by the largest |x_i| (NaN if any x_i is NaN). */
export function scaledNorm(n: number, term: (i: number) => number): number {
  let big = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.abs(term(i));
    if (!(x <= big)) big = x;
  }
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = 0; i < n; i++) s += (term(i) / big) ** 2;
  return big * Math.sqrt(s);
}
