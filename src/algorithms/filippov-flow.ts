// Filippov gradient flow of ½Σ‖f − y‖² for a two-layer leaky-ReLU MLP: Dormand–Prince 5(4) between kink events; where both sides of a kink z_ji = 0 push into it the flow slides on it with Utkin's equivalent control s_ji ∈ [α, 1] (Filippov 1988; event-driven as in Piiroinen & Kuznetsov 2008).
import type { Dataset } from '../data/dataset.js';
import {
  type DormandPrinceCheckpoint, type DormandPrinceState, type OdeRhs, type OdeStatus,
  dormandPrinceAdvance, dormandPrinceCheckpoint, dormandPrinceInit, dormandPrinceResume,
} from '../linalg/index.js';
import { toF64 } from '../kernels/matrix.js';
import type { TwoLayerLeaky } from '../models/two-layer-leaky.js';

/**
 * Why sliding: leaky ReLU makes −∇L jump across each surface z_ji = 0 (the slope of entry (j, i) jumps
 * between α and 1). Where the field on both sides points into the surface, no classical solution
 * crosses it and an explicit integrator chatters with steps ~ tolerance/jump. The Filippov solution
 * stays on it with the slope s that makes dz_ji/dt = 0; since the velocity is affine in s and z_ji is
 * affine in (W1_i, b1_i), that is a small linear system per hidden unit, and its solution is the
 * minimal-norm element of the Clarke subdifferential (the "lazy" solution of θ' ∈ −∂L(θ)). Then
 * dL/dt = −rᵀG(s)r holds exactly with G(s) = J(s)J(s)ᵀ, the NTK at the sliding slopes.
 */
export interface FilippovResult {
  status: OdeStatus | 'degenerate-sliding' | 'too-many-events';
  /** The requested times reached, θ there, and the slopes in force there (n·h: α, 1, or a sliding value). */
  t: number[];
  y: Float64Array[];
  slopes: Float64Array[];
  steps: number;
  rejected: number;
  fEvals: number;
  /** Kink events: surfaces crossed, entered (sliding starts), left (sliding ends). */
  crossings: number;
  slides: number;
  exits: number;
  /** Total time with at least one entry sliding, and the most entries sliding at once. */
  slidingTime: number;
  /** Time with at least one entry sliding in [0, t], at each requested time reached. */
  slidingUntil: number[];
  maxSliding: number;
  /** The time of every kink event, in order. */
  eventTimes: number[];
}

export interface FilippovOptions {
  readonly rtol: number;
  readonly atol: number;
  /** Integrator step attempts (accepted + rejected) allowed in all; default 1e6. */
  readonly maxSteps?: number;
  /** Kink events allowed; default 1e5 (guards against an accumulation of events). */
  readonly maxEvents?: number;
}

/** Mode of entry (j, i): +1 slope 1 (z > 0), −1 slope α (z < 0), 0 sliding on z = 0. */
type Mode = Int8Array;

export function filippovFlow(net: TwoLayerLeaky, data: Dataset, theta0: Float64Array, times: ArrayLike<number>, o: FilippovOptions): FilippovResult {
  const n = data.X.rows;
  const { hidden: h, inputs: d, alpha, outputs: m, numParams: p } = net;
  const oB1 = h * d;
  // x̃_j = (b_j/√d, 1), so that z_ji = (W1_i, b1_i)·x̃_j (NTK scaling, as twoLayerLeaky).
  const X = toF64(data.X).map((v) => v / Math.sqrt(d));
  const xt = (j: number, k: number): number => (k < d ? X[j * d + k] : 1);
  const xdot = (a: number, b: number): number => {
    let s = 1;
    for (let k = 0; k < d; k++) s += X[a * d + k] * X[b * d + k];
    return s;
  };

  const z = new Float64Array(n * h);
  const f = new Float64Array(n * m);
  const r = new Float64Array(n * m);
  const beta = new Float64Array(n * h);
  const g = new Float64Array(p);
  let degenerate = false;

  /**
   * Slopes for the mode at θ (z must be θ's pre-activations): sliding entries get the equivalent control.
   * Sliding entries of z are snapped to 0 first (they are 0 on the surface): then the outputs, and so the
   * control, do not depend on the slopes, dz/dt = 0 holds exactly at every θ, and Runge–Kutta keeps z = 0.
   */
  const slopesAt = (w: Float64Array, mode: Mode, slopes: Float64Array): void => {
    for (let q = 0; q < n * h; q++) {
      slopes[q] = mode[q] > 0 ? 1 : alpha;
      if (mode[q] === 0) z[q] = 0;
    }
    net.outputsWith(w, z, slopes, f);
    for (let q = 0; q < n * m; q++) r[q] = f[q] - data.y[q];
    net.signal(w, r, beta);
    for (let i = 0; i < h; i++) {
      const A: number[] = [];
      for (let j = 0; j < n; j++) if (mode[j * h + i] === 0) A.push(j);
      if (A.length === 0) continue;
      // c = Σ_{j∉A} β_ji s_ji x̃_j; solve Σ_b (x̃_a·x̃_b) β_b s_b = −x̃_a·c for a ∈ A.
      const c = new Float64Array(d + 1);
      for (let j = 0; j < n; j++) {
        if (mode[j * h + i] === 0) continue;
        const coef = beta[j * h + i] * slopes[j * h + i];
        for (let k = 0; k <= d; k++) c[k] += coef * xt(j, k);
      }
      const K = new Float64Array(A.length * A.length);
      const rhs = new Float64Array(A.length);
      A.forEach((a, u) => {
        A.forEach((b, v) => (K[u * A.length + v] = xdot(a, b) * beta[b * h + i]));
        let s = 0;
        for (let k = 0; k <= d; k++) s += xt(a, k) * c[k];
        rhs[u] = -s;
      });
      const s = solve(K, rhs, A.length);
      if (s === null) {
        degenerate = true;
        slopes.fill(NaN);
        return;
      }
      A.forEach((a, u) => (slopes[a * h + i] = s[u]));
    }
  };

  const slopes = new Float64Array(n * h);
  const rhsFor = (mode: Mode): OdeRhs => (_t, w, dw) => {
    net.preActivations(w, data, z);
    slopesAt(w, mode, slopes);
    net.outputsWith(w, z, slopes, f);
    for (let q = 0; q < n * m; q++) r[q] = f[q] - data.y[q];
    net.pullbackWith(w, data, z, slopes, r, g);
    for (let k = 0; k < p; k++) dw[k] = -g[k];
  };

  /** Move each unit's (W1_i, b1_i) to the nearest point with z_ji = 0 for every sliding j (minimal-norm correction). */
  const project = (w: Float64Array, mode: Mode): void => {
    net.preActivations(w, data, z);
    for (let i = 0; i < h; i++) {
      const A: number[] = [];
      for (let j = 0; j < n; j++) if (mode[j * h + i] === 0) A.push(j);
      if (A.length === 0) continue;
      const K = new Float64Array(A.length * A.length);
      A.forEach((a, u) => A.forEach((b, v) => (K[u * A.length + v] = xdot(a, b))));
      const lam = solve(K, Float64Array.from(A, (a) => z[a * h + i]), A.length);
      if (lam === null) continue;
      A.forEach((a, u) => {
        for (let k = 0; k < d; k++) w[i * d + k] -= lam[u] * X[a * d + k];
        w[oB1 + i] -= lam[u];
      });
    }
  };

  /** dz_q/dt at w under the given mode. */
  const zRate = (w: Float64Array, mode: Mode, q: number): number => {
    const dw = new Float64Array(p);
    rhsFor(mode)(0, w, dw);
    const j = Math.floor(q / h);
    const i = q % h;
    let s = dw[oB1 + i];
    for (let k = 0; k < d; k++) s += dw[i * d + k] * X[j * d + k];
    return s;
  };

  const zScale = (w: Float64Array, q: number): number => {
    const i = q % h;
    let s = w[oB1 + i] ** 2;
    for (let k = 0; k < d; k++) s += w[i * d + k] ** 2;
    return 1e-11 * (1 + Math.sqrt(s * xdot(Math.floor(q / h), Math.floor(q / h))));
  };

  /** Event functions at w (positive while each entry's mode holds): σ·z for ±, the distance of s to [α, 1] when sliding. */
  const events = new Float64Array(n * h);
  const eventValues = (w: Float64Array, mode: Mode): Float64Array => {
    net.preActivations(w, data, z);
    slopesAt(w, mode, slopes);
    for (let q = 0; q < n * h; q++) events[q] = mode[q] !== 0 ? mode[q] * z[q] : Math.min(1 - slopes[q], slopes[q] - alpha);
    return events;
  };
  const eventValue = (w: Float64Array, mode: Mode, q: number): number => eventValues(w, mode)[q];
  /** Entries whose mode stopped holding at w (beyond a rounding-level tolerance). */
  const violated = (w: Float64Array, mode: Mode, skip = -1): number[] => {
    const ev = eventValues(w, mode);
    const out: number[] = [];
    for (let q = 0; q < n * h; q++) if (q !== skip && ev[q] < -tolerance(w, mode, q)) out.push(q);
    return out;
  };
  const tolerance = (w: Float64Array, mode: Mode, q: number): number => (mode[q] === 0 ? 1e-9 : zScale(w, q));

  const mode: Mode = new Int8Array(n * h);
  net.preActivations(theta0, data, z);
  for (let q = 0; q < n * h; q++) mode[q] = z[q] > 0 ? 1 : -1;

  const outTimes = Float64Array.from(times);
  const result: FilippovResult = {
    status: 'ok', t: [], y: [], slopes: [], steps: 0, rejected: 0, fEvals: 0,
    crossings: 0, slides: 0, exits: 0, slidingTime: 0, slidingUntil: [], maxSliding: 0, eventTimes: [],
  };
  const maxSteps = o.maxSteps ?? 1_000_000;
  const maxEvents = o.maxEvents ?? 100_000;
  let sliding = 0;
  /** Outputs of a step from `from` in mode md (slidingTime still counts up to `from`). */
  const record = (ts: number[], ys: Float64Array[], md: Mode, from: number): void => {
    ts.forEach((t, k) => {
      const s = new Float64Array(n * h);
      net.preActivations(ys[k], data, z);
      slopesAt(ys[k], md, s);
      result.t.push(t);
      result.y.push(Float64Array.from(ys[k]));
      result.slopes.push(s);
      result.slidingUntil.push(result.slidingTime + (sliding > 0 ? t - from : 0));
    });
  };
  const remaining = (after: number): Float64Array => outTimes.filter((t) => t > after);
  /** Continue from (from.t, w) under the current mode: a new FSAL derivative, the outputs still to come. */
  const restart = (from: DormandPrinceState, w: Float64Array, h0: number): DormandPrinceState => {
    const rhs = rhsFor(mode);
    const dydt = new Float64Array(p);
    rhs(from.t, w, dydt);
    return dormandPrinceResume(rhs, { ...dormandPrinceCheckpoint(from), y: w, dydt, h: h0, fEvals: from.fEvals + 1 }, options(remaining(from.t)));
  };
  const drifted = (w: Float64Array, md: Mode): boolean => {
    net.preActivations(w, data, z);
    for (let q = 0; q < n * h; q++) if (md[q] === 0 && Math.abs(z[q]) > 1e3 * zScale(w, q)) return true;
    return false;
  };
  // Step counts live in the checkpoints, so the budget is over the whole flow.
  const options = (ts: ArrayLike<number>) => ({ times: ts, rtol: o.rtol, atol: o.atol, maxSteps });

  let state: DormandPrinceState = dormandPrinceInit(rhsFor(mode), theta0, 0, options(outTimes));
  record(state.outT, state.outY, mode, 0);
  let eventCount = 0;
  while (state.status === 'running') {
    const prev: DormandPrinceCheckpoint = dormandPrinceCheckpoint(state);
    const before = state.outT.length;
    const status = dormandPrinceAdvance(state, Infinity, 1);
    if (degenerate) {
      result.status = 'degenerate-sliding';
      break;
    }
    if (status !== 'running' && status !== 'ok') break;
    const w1 = state.y;
    // Entries whose mode stopped holding during this step.
    let hits = violated(w1, mode);
    if (hits.length === 0) {
      record(state.outT.slice(before), state.outY.slice(before), mode, prev.t);
      if (sliding > 0) {
        result.slidingTime += state.t - prev.t;
        // Rounding in the control's solve (ill-conditioned near a stationary point) can still move z off 0:
        // past 1e3× the rounding scale, project back onto the surfaces and restart.
        if (state.status === 'running' && drifted(state.y, mode)) {
          const w = Float64Array.from(state.y);
          project(w, mode);
          state = restart(state, w, state.h);
        }
      }
      continue;
    }
    if (++eventCount > maxEvents) {
      result.status = 'too-many-events';
      return finish(result, state);
    }
    // Locate the earliest event by regula falsi (Illinois) on landings from the step's start.
    const land = (tau: number, md: Mode): DormandPrinceState => {
      const outs = Array.from(outTimes.filter((t) => t > prev.t && t < tau));
      const st = dormandPrinceResume(rhsFor(md), prev, options([...outs, tau]));
      dormandPrinceAdvance(st);
      return st;
    };
    let tb = state.t;
    let landed = state;
    let q = hits[0];
    for (let round = 0; round < 8; round++) {
      const ga0 = eventValue(prev.y, mode, q);
      let ta = prev.t;
      let ga = ga0;
      let gb = eventValue(landed.y, mode, q);
      let side = 0;
      for (let it = 0; it < 60 && tb - ta > 1e-15 * Math.max(1, tb); it++) {
        const tc = ta + (ga / (ga - gb)) * (tb - ta);
        const st = land(Math.min(Math.max(tc, ta + 1e-3 * (tb - ta)), tb - 1e-3 * (tb - ta)), mode);
        const gc = eventValue(st.y, mode, q);
        if (gc < 0) {
          tb = st.t;
          gb = gc;
          landed = st;
          if (side === -1) ga /= 2;
          side = -1;
        } else {
          ta = st.t;
          ga = gc;
          if (side === 1) gb /= 2;
          side = 1;
        }
        if (Math.abs(gc) <= tolerance(st.y, mode, q)) {
          tb = st.t;
          landed = st;
          break;
        }
      }
      // Another entry may have switched before this one: restart the search on it.
      hits = violated(landed.y, mode, q);
      if (hits.length === 0) break;
      q = hits[0];
    }
    const te = landed.t;
    result.eventTimes.push(te);
    // Outputs before the event came from the old mode; te itself is our landing point, not a requested time.
    record(landed.outT.filter((t) => t < te), landed.outY.filter((_, k) => landed.outT[k] < te), mode, prev.t);
    if (sliding > 0) result.slidingTime += te - prev.t;
    const w = Float64Array.from(landed.y);
    // The event: a crossing of a kink, or the end of a slide.
    if (mode[q] !== 0) {
      const from = mode[q];
      mode[q] = 0;
      project(w, mode);
      mode[q] = -from as -1 | 1;
      const far = zRate(w, mode, q);
      if (far * -from > 0) result.crossings++;
      else {
        mode[q] = 0;
        result.slides++;
      }
    } else {
      net.preActivations(w, data, z);
      slopesAt(w, mode, slopes);
      mode[q] = slopes[q] >= 1 ? 1 : -1;
      project(w, mode);
      result.exits++;
    }
    sliding = mode.reduce((c, x) => c + (x === 0 ? 1 : 0), 0);
    result.maxSliding = Math.max(result.maxSliding, sliding);
    if (remaining(te).length === 0) {
      result.status = 'ok';
      return finish(result, landed);
    }
    state = restart(landed, w, prev.h);
  }
  if (result.status === 'ok') result.status = state.status === 'running' ? 'max-steps' : state.status;
  return finish(result, state);
}

function finish(res: FilippovResult, state: DormandPrinceState): FilippovResult {
  res.steps = state.steps;
  res.rejected = state.rejected;
  res.fEvals = state.fEvals;
  return res;
}

/** Gaussian elimination with partial pivoting for a small dense system; null if (numerically) singular. */
function solve(a: Float64Array, b: Float64Array, k: number): Float64Array | null {
  const A = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (const v of A) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r * k + c]) > Math.abs(A[piv * k + c])) piv = r;
    if (!(Math.abs(A[piv * k + c]) > 1e-13 * scale)) return null;
    if (piv !== c) {
      for (let j = 0; j < k; j++) [A[c * k + j], A[piv * k + j]] = [A[piv * k + j], A[c * k + j]];
      [x[c], x[piv]] = [x[piv], x[c]];
    }
    for (let r = c + 1; r < k; r++) {
      const fct = A[r * k + c] / A[c * k + c];
      for (let j = c; j < k; j++) A[r * k + j] -= fct * A[c * k + j];
      x[r] -= fct * x[c];
    }
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = x[c];
    for (let j = c + 1; j < k; j++) s -= A[c * k + j] * x[j];
    x[c] = s / A[c * k + c];
  }
  return x;
}
