// Finite-time Lyapunov exponent: λ ≈ least-squares slope of log‖w_t − w'_t‖ against t over the growth phase of two nearby trajectories.
import { norm2 } from './norm.js';

/** Why the fitted window ends: the separation reached the ceiling, became exactly 0 (merged in float64) or not finite (a run diverged), or the series ended. */
export type LyapunovEnd = 'saturated' | 'merged' | 'nonfinite' | 'horizon';

export interface LyapunovEstimate {
  /** λ per iteration (natural log): the separation grows like e^{λt} over the window; ≤ 0 means no sensitivity. */
  readonly exponent: number;
  /** The fitted window [from, to] in iterations and the number of points in it. */
  readonly from: number;
  readonly to: number;
  readonly points: number;
  readonly end: LyapunovEnd;
  /** Whether the separation grew past `onset` × its first value (otherwise the whole series was fitted). */
  readonly grew: boolean;
  /** First recorded t with separation ≥ ceiling (the predictability horizon), or undefined if never reached. */
  readonly saturatedAt?: number;
}

/** ‖a_t − b_t‖₂ for each t: the distance between two recorded trajectories. */
export function separations(a: readonly Float64Array[], b: readonly Float64Array[]): number[] {
  if (a.length !== b.length) throw new Error(`separations: trajectories of ${a.length} and ${b.length} points`);
  return a.map((x, t) => norm2(Float64Array.from(x, (xj, j) => xj - b[t][j])));
}

export interface LyapunovOptions {
  /** The separation at which growth stops being "small-perturbation" growth: a constant, or one value per point (e.g. 1e-3·‖w_t‖). */
  readonly ceiling: number | readonly number[];
  /** Iterations before this are left out (default 0). */
  readonly skip?: number;
  /**
   * Growth starts after the last point whose separation is ≤ onset × the first one (default 10): a perturbation can
   * stay dormant for a while and then grow in a burst, and the slope should measure the burst, not the wait.
   */
  readonly onset?: number;
}

/**
 * The window ends at the last point before the separation first reaches the ceiling (or becomes 0 or not finite, or
 * the series ends). It starts at the last point where the separation is still ≤ onset × its first value; if it never grew
 * beyond that, the whole series from `skip` is fitted. λ is the least-squares slope of log separation against t.
 */
export function finiteTimeLyapunov(t: readonly number[], sep: readonly number[], opts: LyapunovOptions): LyapunovEstimate {
  if (t.length !== sep.length) throw new Error(`finiteTimeLyapunov: ${t.length} times and ${sep.length} separations`);
  const ceilingAt = (i: number): number => (typeof opts.ceiling === 'number' ? opts.ceiling : opts.ceiling[i]);
  const skip = opts.skip ?? 0;
  let saturatedAt: number | undefined;
  let end: LyapunovEnd = 'horizon';
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (sep[i] >= ceilingAt(i)) {
      saturatedAt = t[i];
      end = 'saturated';
      break;
    }
    if (sep[i] === 0) {
      end = 'merged';
      break;
    }
    if (!Number.isFinite(sep[i])) {
      end = 'nonfinite';
      break;
    }
    if (t[i] < skip) continue;
    xs.push(t[i]);
    ys.push(Math.log(sep[i]));
  }
  const threshold = ys.length > 0 ? ys[0] + Math.log(opts.onset ?? 10) : 0;
  let start = 0;
  for (let i = 0; i < ys.length; i++) if (ys[i] <= threshold) start = i;
  const grew = start < ys.length - 1;
  if (!grew) start = 0;
  const n = ys.length - start;
  if (n < 2) throw new Error(`finiteTimeLyapunov: ${n} point(s) in the growth window (end: ${end}); record more often or lower skip`);
  let mx = 0;
  let my = 0;
  for (let i = start; i < ys.length; i++) {
    mx += xs[i] / n;
    my += ys[i] / n;
  }
  let sxx = 0;
  let sxy = 0;
  for (let i = start; i < ys.length; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  return { exponent: sxy / sxx, from: xs[start], to: xs[ys.length - 1], points: n, end, grew, ...(saturatedAt !== undefined ? { saturatedAt } : {}) };
}
