// C8 (P2, Jakhmola 2025, arXiv 2509.23887): gradient flow on ½Σ‖f(X_j; θ) − y_j‖² converges linearly once P ≥ nM — tested, not assumed: the flow and GD at η = c/λ_max(G₀) against predictions P0–P4 (gradient-flow.md), with λ_min(G) along the path.
import { logisticLoss } from '../losses/logistic.js';
import { norm2 } from '../metrics/norm.js';
import { ntkEigenvalues } from '../metrics/ntk.js';
import { fittedRate, instantaneousGaps, ratePredictions, worstRatio } from '../metrics/rate-predictions.js';
import { hessianTopK } from '../metrics/sharpness.js';
import { type RunOutcome, executeRun } from '../run/execute.js';
import { type RunSpec, parseRunSpec } from '../run/run-spec.js';
import { type Platform, type RunRecord, runMany } from '../store/run-many.js';
import type { Check, ClaimOptions, ClaimResult, Table } from './claim.js';

export interface C8Config {
  readonly seeds: number;
  readonly n: readonly number[];
  /** Input dimension N and outputs M of the Gaussian regression data (random targets). */
  readonly d: number;
  readonly outputs: number;
  /** Leaky-ReLU slopes α. */
  readonly alphas: readonly number[];
  /** Target P/nM of the hidden widths (two-layer nets: the Filippov integrator handles one hidden layer). */
  readonly ratios: readonly number[];
  /** GD step sizes η = c/λ_max(G₀). */
  readonly etas: readonly number[];
  /** Flow horizon T = min(tau/λ_min(G₀), flowSpan/λ_max(G₀)); GD runs to min(T, gdSpan/λ_max(G₀)). */
  readonly tau: number;
  readonly flowSpan: number;
  readonly gdSpan: number;
  /** Flow samples of L, λ_min, λ_max, ρ on [0, T]; probe times of the identity dL/dt = −rᵀGr. */
  readonly grid: number;
  readonly probes: number;
  readonly rtol: number;
  readonly atol: number;
  /** Integrator step attempts per flow before it counts as failed. */
  readonly maxSteps: number;
  /** The logistic-loss table: γ·sharpness(θ₀) values, iterations, record interval. */
  readonly logistic: { readonly gammaTimesSharpness: readonly number[]; readonly iterations: number; readonly every: number };
}

export const C8_QUICK: C8Config = {
  seeds: 6, n: [8], d: 5, outputs: 1, alphas: [0.1], ratios: [1, 2, 4],
  etas: [0.05, 0.2, 0.5, 1, 2.5], tau: 4, flowSpan: 1500, gdSpan: 100, grid: 80, probes: 6,
  rtol: 1e-9, atol: 1e-11, maxSteps: 200_000,
  logistic: { gammaTimesSharpness: [0.5, 20], iterations: 200, every: 10 },
};

export const C8_FULL: C8Config = {
  ...C8_QUICK,
  seeds: 8, n: [8, 16, 32], alphas: [0.01, 0.1], ratios: [0.5, 1, 2, 8],
  flowSpan: 5000, gdSpan: 200, grid: 150, probes: 8,
  logistic: { gammaTimesSharpness: [0.5, 2, 20], iterations: 1000, every: 10 },
};

/** Relative slack of a bound check: the integrator's tolerance leaves ~1e-8 relative error in L. */
const BOUND_SLACK = 1e-6;
/** P4 "agreement": λ_fit/λ_min(G₀) within [1/1.25, 1.25] (ours). */
const AGREE = 1.25;
/** P3 for GD "held": median per-step relative gap ≤ 10 % (ours). */
const P3_GAP = 0.1;
/** G counts as singular when λ_min ≤ 1e-10·λ_max. */
const SINGULAR = 1e-10;
/** Losses below 1e-10·L₀ are left out of bounds, fits and the identity: there the integrator's error (atol) and rounding dominate L. */
const FLOOR = 1e-10;
/** Probes where the flow has all but stopped (|dL/dt| < 1e-8 of its start) are left out of the relative identity error. */
const STALLED = 1e-8;
/** Root of every draw: data and θ₀ of seed s come from foldIn(key(0xc8), s) (key paths in the specs). */
const ROOT = 0xc8;
/** NTK metrics along every squared-loss run: λ_min(G), λ_max(G), ρ = rᵀGr/rᵀr (with the flow's slopes in force on kinks). */
const NTK = ['ntk-min', 'ntk-max', 'ntk-rho'];
/** Five-point stencil of the probes of dL/dt, in units of δ = 1e-3·T/grid. */
const STENCIL = [-2, -1, 0, 1, 2];

interface Arch {
  readonly n: number;
  readonly alpha: number;
  readonly width: number;
  readonly params: number;
  readonly label: string;
}

interface FlowRun {
  readonly status: string;
  readonly events: number;
  /** Fraction of [0, T] with at least one entry sliding on a kink. */
  readonly sliding: number;
  readonly t: number[];
  readonly L: number[];
  readonly lmin: number[];
  readonly lmax: number[];
  readonly rho: number[];
  readonly p0: number[];
  readonly p1: number[];
  readonly p2: number[];
  readonly worst: readonly [number, number, number];
  readonly rate: number;
  readonly identityError: number;
  readonly probesUsed: number;
  /** θ(t) and L(θ(t)) at an output time the flow reached, else undefined. */
  readonly weightsAt: (t: number) => Float64Array | undefined;
  readonly lossAt: (t: number) => number | undefined;
}

interface GdRun {
  readonly c: number;
  readonly status: string;
  readonly t: number[];
  readonly L: number[];
  readonly lmin: number[];
  readonly etaLmax: number[];
  readonly distance: number[];
  readonly worst: readonly [number, number, number];
  readonly p3Gap: number;
  readonly rate: number;
  /** Largest relative GD–flow distance from the first k with η·λ_max(G_k) ≥ 2 on (∞ once GD diverged), or NaN if it never crossed. */
  readonly afterCrossing: number;
  readonly crossingStep: number;
  readonly endRatio: number;
}

interface SeedRun {
  readonly lmin0: number;
  readonly lmax0: number;
  readonly rank0: number;
  readonly T: number;
  readonly flow: FlowRun;
  readonly gd: GdRun[];
}

/** The runs of one (architecture, seed) and what their specs were built from. */
interface SeedPlan {
  readonly lmin0: number;
  readonly lmax0: number;
  readonly rank0: number;
  readonly T: number;
  /** Flow sample times (t = 0 first), probe centres and the stencil step δ. */
  readonly grid: readonly number[];
  readonly probes: readonly number[];
  readonly delta: number;
  /** The flow's iteration at each of its output times (0 at t = 0). */
  readonly iterAt: ReadonlyMap<number, number>;
  readonly flow: RunSpec;
  readonly gd: readonly RunSpec[];
}

const paramCount = (d: number, h: number, m: number): number => h * (d + 1 + m) + m;

/** For each n and α, the width whose P is nearest ratio·nM (at least 1); duplicates dropped. */
export function c8Architectures(cfg: C8Config): Arch[] {
  const out: Arch[] = [];
  for (const n of cfg.n) {
    for (const alpha of cfg.alphas) {
      for (const ratio of cfg.ratios) {
        const goal = ratio * n * cfg.outputs;
        const width = Math.max(1, Math.round((goal - cfg.outputs) / (cfg.d + 1 + cfg.outputs)));
        const label = `n${n}-h${width}-a${alpha}`;
        if (!out.some((a) => a.label === label)) out.push({ n, alpha, width, params: paramCount(cfg.d, width, cfg.outputs), label });
      }
    }
  }
  return out;
}

/** A run's data, model and w₀ exactly as the run builds them (executed for 0 iterations): what the caps of the later specs are computed from. */
function startOf(spec: Record<string, unknown>): RunOutcome {
  return executeRun(parseRunSpec({ ...spec, algorithm: { name: 'gd', step: 1 }, stop: { maxIter: 0, whenSeparated: false }, record: { at: [] }, metrics: [] }));
}

/**
 * The flow and the GD runs of one seed, their lengths set by G₀ = J(θ₀)J(θ₀)ᵀ (T, and η = c/λ_max(G₀)). All use the
 * hand-written net (explicit slopes, which the Filippov integrator needs) and data and θ₀ drawn from foldIn(key(0xc8), seed).
 */
function seedPlan(arch: Arch, seed: number, cfg: C8Config): SeedPlan {
  const base = {
    data: { source: 'gaussian-regression', n: arch.n, d: cfg.d, outputs: cfg.outputs, key: [ROOT, seed, 0, arch.n] },
    model: { kind: 'mlp', widths: [arch.width], activation: 'leaky-relu', slope: arch.alpha, implementation: 'hand-written' },
    init: { kind: 'normal', key: [ROOT, seed, 1, arch.params] },
    loss: 'squared',
    metrics: NTK,
  };
  const start = startOf(base);
  const ev = ntkEigenvalues(start.model, start.data, start.w0);
  const lmin0 = ev[0];
  const lmax0 = ev[ev.length - 1];
  const T = lmin0 > SINGULAR * lmax0 ? Math.min(cfg.tau / lmin0, cfg.flowSpan / lmax0) : cfg.flowSpan / lmax0;
  const Tgd = Math.min(T, cfg.gdSpan / lmax0);
  const etas = cfg.etas.map((c) => c / lmax0);
  const steps = etas.map((eta) => Math.max(1, Math.round(Tgd / eta)));
  // The flow's output times: its samples, every GD time kη (to compare at equal time) and the probe stencils.
  const grid = Array.from({ length: cfg.grid + 1 }, (_, j) => (T * j) / cfg.grid);
  const delta = (1e-3 * T) / cfg.grid;
  const probes = Array.from({ length: cfg.probes }, (_, p) => (T * (p + 0.5)) / cfg.probes);
  const gdTimes = etas.flatMap((eta, i) => Array.from({ length: steps[i] }, (_, k) => (k + 1) * eta));
  const all = [...grid, ...gdTimes, ...probes.flatMap((c) => STENCIL.map((s) => c + s * delta))];
  const times = Float64Array.from(new Set(all)).sort().filter((t) => t > 0);
  const iterAt = new Map<number, number>([[0, 0], ...Array.from(times, (t, i): [number, number] => [t, i + 1])]);
  const measured = [...new Set([...grid, ...probes].map((t) => iterAt.get(t) as number))].sort((a, b) => a - b);
  const tag = `c8 ${arch.label} seed ${seed}`;
  const run = { ...base, record: { every: 1, weights: true, gradNorm: false } };
  return {
    lmin0, lmax0, rank0: ev.filter((x) => x > SINGULAR * lmax0).length, T, grid, probes, delta, iterAt,
    flow: parseRunSpec({
      ...run, name: `${tag} flow`,
      algorithm: { name: 'filippov-flow', times: Array.from(times), rtol: cfg.rtol, atol: cfg.atol, maxSteps: cfg.maxSteps },
      stop: { maxIter: times.length, whenSeparated: false },
      record: { ...run.record, metricsAt: measured },
    }),
    gd: cfg.etas.map((c, i) => parseRunSpec({
      ...run, name: `${tag} gd c=${c}`, algorithm: { name: 'gd', step: etas[i] }, stop: { maxIter: steps[i], whenSeparated: false },
    })),
  };
}

/** 'ok' when every output time was reached, else the integrator's status (from the run's failure) or the run's. */
function flowStatus(r: RunRecord): string {
  if (r.status === 'max-iter') return 'ok';
  return /^filippov flow: (\S+)/.exec(r.failure ?? '')?.[1] ?? r.status;
}

/** The flow's samples, predictions and identity probes, read from its run (λ and ρ recorded with the slopes in force). */
function flowRun(p: SeedPlan, r: RunRecord): FlowRun {
  const col = r.trajectory.columns;
  const row = (t: number): number | undefined => {
    const k = p.iterAt.get(t);
    return k !== undefined && k < col.iter.length ? k : undefined;
  };
  const t: number[] = [];
  const L: number[] = [];
  const lmin: number[] = [];
  const lmax: number[] = [];
  const rho: number[] = [];
  for (const tj of p.grid) {
    const k = row(tj);
    if (k === undefined) break; // the integrator stopped early: keep what it reached
    t.push(tj);
    L.push(col.loss[k]);
    lmin.push(col['ntk-min'][k]);
    lmax.push(col['ntk-max'][k]);
    rho.push(col['ntk-rho'][k]);
  }
  // dL/dt (five-point stencil on the dense output) against −rᵀG(s)r = −2ρL, where no kink event falls inside the stencil.
  let identityError = NaN;
  let probesUsed = 0;
  for (const c of p.probes) {
    const ks = STENCIL.map((s) => row(c + s * p.delta));
    if (ks.some((k) => k === undefined)) continue;
    const [k0, , k2, , k4] = ks as number[];
    if (col['kink-events'][k4] > col['kink-events'][k0]) continue;
    const [a, b, Lc, d, e] = (ks as number[]).map((k) => col.loss[k]);
    const dLdt = (a - 8 * b + 8 * d - e) / (12 * p.delta);
    const want = -2 * col['ntk-rho'][k2] * Lc;
    if (Lc < FLOOR * L[0] || Math.abs(want) < STALLED * 2 * rho[0] * L[0]) continue;
    identityError = Math.max(Number.isNaN(identityError) ? 0 : identityError, Math.abs(dLdt - want) / Math.abs(want));
    probesUsed++;
  }
  const pred = ratePredictions(t, L[0], lmin, 'trapezoid');
  const floor = FLOOR * L[0];
  const last = col.iter.length - 1;
  return {
    status: flowStatus(r), events: col['kink-events'][last], sliding: col['sliding-time'][last] / p.T, t, L, lmin, lmax, rho, ...pred,
    worst: [worstRatio(L, pred.p0, floor), worstRatio(L, pred.p1, floor), worstRatio(L, pred.p2, floor)],
    rate: fittedRate(t, L, 0.5, floor),
    identityError,
    probesUsed,
    weightsAt: (x) => {
      const k = row(x);
      return k === undefined ? undefined : r.trajectory.weights[k];
    },
    lossAt: (x) => {
      const k = row(x);
      return k === undefined ? undefined : col.loss[k];
    },
  };
}

function gdRun(c: number, r: RunRecord, flow: FlowRun): GdRun {
  const eta = r.spec.algorithm.options.step as number;
  const K = r.spec.stop.maxIter;
  const col = r.trajectory.columns;
  const theta0 = r.trajectory.weights[0];
  const t = col.iter.map((k) => k * eta);
  const L = col.loss;
  const lmin = col['ntk-min'];
  const etaLmax = col['ntk-max'].map((x) => eta * x);
  const end = flow.weightsAt(K * eta);
  const scale = end === undefined ? NaN : norm2(Float64Array.from(end, (x, j) => x - theta0[j]));
  const distance = r.trajectory.weights.map((w, i) => {
    const f = flow.weightsAt(col.iter[i] * eta);
    return f === undefined ? NaN : norm2(Float64Array.from(w, (x, j) => x - f[j])) / scale;
  });
  const pred = ratePredictions(t, L[0], lmin, 'left');
  const floor = FLOOR * L[0];
  const crossing = etaLmax.findIndex((x) => x >= 2);
  const finalFlow = flow.lossAt(K * eta) ?? NaN;
  return {
    c, status: r.status, t, L, lmin, etaLmax, distance,
    worst: [worstRatio(L, pred.p0, floor), worstRatio(L, pred.p1, floor), worstRatio(L, pred.p2, floor)],
    p3Gap: median(instantaneousGaps(L, col['ntk-rho'], eta).filter((_, k) => L[k + 1] >= floor)),
    rate: fittedRate(t, L, 0.5, floor),
    afterCrossing: crossing < 0 ? NaN : maxOf(distance.slice(crossing).map((x) => (Number.isNaN(x) ? Infinity : x))),
    crossingStep: crossing,
    endRatio: L.length === K + 1 ? L[K] / finalFlow : NaN,
  };
}

function seedRun(p: SeedPlan, flow: RunRecord, gd: readonly RunRecord[], cfg: C8Config): SeedRun {
  const f = flowRun(p, flow);
  return { lmin0: p.lmin0, lmax0: p.lmax0, rank0: p.rank0, T: p.T, flow: f, gd: cfg.etas.map((c, i) => gdRun(c, gd[i], f)) };
}

function median(xs: readonly number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

const held = (worst: number): boolean => worst <= 1 + BOUND_SLACK;
const agrees = (ratio: number): boolean => ratio <= AGREE && ratio >= 1 / AGREE;
const positive = (s: SeedRun): boolean => s.lmin0 > SINGULAR * s.lmax0;
const count = (xs: readonly boolean[]): string => `${xs.filter(Boolean).length}/${xs.length}`;
const g3 = (x: number): string | number => (Number.isFinite(x) ? Number(x.toPrecision(3)) : x === Infinity ? 'inf' : '—');
const finiteOrInf = (xs: readonly number[]): number[] => xs.filter((x) => !Number.isNaN(x));
const maxOf = (xs: readonly number[]): number => (finiteOrInf(xs).length === 0 ? NaN : Math.max(...finiteOrInf(xs)));
const minOf = (xs: readonly number[]): number => (finiteOrInf(xs).length === 0 ? NaN : Math.min(...finiteOrInf(xs)));
/** The flow stopped at a positive loss where G is singular: L(T) ≥ 1e-3·L₀ and λ_min(G(T)) ≤ 1e-10·λ_max(G(T)). */
const stalled = (f: FlowRun): boolean => f.L[f.L.length - 1] >= 1e-3 * f.L[0] && f.lmin[f.lmin.length - 1] <= SINGULAR * f.lmax[f.lmax.length - 1];

// ---- logistic loss (P0/P1 models): sharpness and λ_min(G) along LR+GD at small and large steps ----

interface LogisticRun {
  readonly model: string;
  readonly c: number;
  readonly gamma: number;
  readonly separatedAt: number;
  readonly iter: number[];
  readonly loss: number[];
  readonly gammaSharpness: number[];
  readonly ntkMin: number[];
}

interface LogisticPlan {
  readonly c: number;
  readonly gamma: number;
  /** Until separation (for its time), and the full budget with the curvature recorded. */
  readonly separation: RunSpec;
  readonly curvature: RunSpec;
}

/** LR+GD at γ = c/S(θ₀) for the linear model (θ₀ = 0) and a leaky-ReLU MLP (θ₀ ~ N(0, I)); n > d: the linear model's G = XXᵀ is singular and constant, the MLP's moves. */
function logisticPlans(cfg: C8Config): LogisticPlan[] {
  const data = { source: 'gaussian-separable', n: 40, d: 5, margin: 0.05, key: [ROOT, 1000] };
  const setups = [
    { data, model: 'linear', init: 'zeros' },
    { data, model: { kind: 'mlp', widths: [16], activation: 'leaky-relu', slope: 0.1 }, init: { kind: 'normal', key: [ROOT, 1001] } },
  ];
  const { iterations, every } = cfg.logistic;
  return setups.flatMap((setup) => {
    const start = startOf(setup);
    const s0 = hessianTopK(start.model, start.data, logisticLoss, start.w0).values[0];
    return cfg.logistic.gammaTimesSharpness.map((c) => {
      const gamma = c / s0;
      const run = { ...setup, name: `c8 logistic ${start.model.name} c=${c}`, algorithm: { name: 'lr-gd', step: gamma } };
      return {
        c, gamma,
        separation: parseRunSpec({ ...run, name: `${run.name} until separated`, stop: { maxIter: iterations, whenSeparated: true }, record: { at: [] } }),
        curvature: parseRunSpec({ ...run, stop: { maxIter: iterations, whenSeparated: false }, record: { every }, metrics: ['sharpness', 'ntk-min'] }),
      };
    });
  });
}

function logisticRun(p: LogisticPlan, sep: RunRecord, r: RunRecord): LogisticRun {
  const col = r.trajectory.columns;
  return {
    model: r.model.name, c: p.c, gamma: p.gamma, separatedAt: sep.status === 'separated' ? sep.iterations : NaN,
    iter: col.iter, loss: col.loss, gammaSharpness: col.sharpness.map((x) => p.gamma * x), ntkMin: col['ntk-min'],
  };
}

// ---- the claim ----

type Result = { readonly arch: Arch; readonly seeds: SeedRun[] };

/** All of C8's runs in one batch on the platform: per (architecture, seed) the flow and one GD run per c, then the logistic runs. */
export async function runC8(cfg: C8Config, platform?: Platform): Promise<ClaimResult> {
  const archs = c8Architectures(cfg);
  const plans = archs.map((arch) => Array.from({ length: cfg.seeds }, (_, s) => seedPlan(arch, s, cfg)));
  const lplans = logisticPlans(cfg);
  const runs = await runMany([...plans.flat().flatMap((p) => [p.flow, ...p.gd]), ...lplans.flatMap((l) => [l.separation, l.curvature])], platform);
  const per = 1 + cfg.etas.length;
  const results: Result[] = archs.map((arch, a) => ({
    arch,
    seeds: plans[a].map((p, s) => {
      const at = (a * cfg.seeds + s) * per;
      return seedRun(p, runs[at], runs.slice(at + 1, at + per), cfg);
    }),
  }));
  const lruns = runs.slice(archs.length * cfg.seeds * per);
  const logistic = lplans.map((l, i) => logisticRun(l, lruns[2 * i], lruns[2 * i + 1]));
  const nM = (a: Arch): number => a.n * cfg.outputs;

  const flowTable: Table = {
    title: 'Filippov gradient flow against P0–P2 (held = L(t) ≤ P(t) at every sample) and P4 (fitted late rate); λ columns only for runs with G(θ₀) ≻ 0; counts over seeds',
    columns: ['arch', 'P', 'P−h', 'nM', 'rank G₀ med', 'G₀ ≻ 0', 'flows ok', 'sliding time med', 'kink events med', 'P0 held', 'P1 held', 'P2 held', 'max L/P0',
      'min_t λ_min/λ_min(G₀) med', '… min', 'P4 λ_fit/λ_min(G₀) med', 'P4 within 25%', 'identity err max', 'L(T)/L₀ med', 'stalled, G(T) singular'],
    rows: results.map(({ arch, seeds }) => {
      const pos = seeds.filter(positive);
      const f = seeds.map((s) => s.flow);
      const dip = pos.map((s) => Math.min(...s.flow.lmin) / s.lmin0);
      return [
        arch.label, arch.params, arch.params - arch.width, nM(arch), median(seeds.map((s) => s.rank0)), count(seeds.map(positive)), count(f.map((x) => x.status === 'ok')),
        g3(median(f.map((x) => x.sliding))), median(f.map((x) => x.events)),
        count(pos.map((s) => held(s.flow.worst[0]))), count(f.map((x) => held(x.worst[1]))), count(f.map((x) => held(x.worst[2]))), g3(maxOf(pos.map((s) => s.flow.worst[0]))),
        g3(median(dip)), g3(minOf(dip)), g3(median(pos.map((s) => s.flow.rate / s.lmin0))), count(pos.map((s) => agrees(s.flow.rate / s.lmin0))),
        g3(maxOf(f.map((x) => x.identityError))), g3(median(f.map((x) => x.L[x.L.length - 1] / x.L[0]))), count(f.map(stalled)),
      ];
    }),
  };

  const gdTable: Table = {
    title: 'GD at η = c/λ_max(G₀) against the same predictions (its own λ_min(G_k), t = kη) and against the flow at t = kη; distance relative to ‖θ(T_GD) − θ₀‖',
    columns: ['arch', 'c', 'steps', 'diverged', 'P0 held', 'P1 held', 'P2 held', 'P3 gap med', 'P3 ≤ 10%', 'P4 λ_fit/λ_min(G₀) med', 'max η·λ_max(G_k) med',
      'GD–flow dist max (med)', 'crossed 2', 'k at crossing (med)', 'dist after crossing (med)', 'L_GD/L_flow at end (med)'],
    rows: results.flatMap(({ arch, seeds }) => cfg.etas.map((c, i) => {
      const g = seeds.map((s) => s.gd[i]);
      const pos = seeds.filter(positive).map((s) => s.gd[i]);
      return [
        arch.label, c, g[0].t.length - 1, count(g.map((x) => x.status === 'diverged')),
        count(pos.map((x) => held(x.worst[0]))), count(g.map((x) => held(x.worst[1]))), count(g.map((x) => held(x.worst[2]))),
        g3(median(g.map((x) => x.p3Gap))), count(g.map((x) => x.p3Gap <= P3_GAP)),
        g3(median(seeds.filter(positive).map((s) => s.gd[i].rate / s.lmin0))),
        g3(median(g.map((x) => maxOf(x.etaLmax)))), g3(median(g.map((x) => maxOf(x.distance)))),
        count(g.map((x) => x.crossingStep >= 0)), g3(median(g.filter((x) => x.crossingStep >= 0).map((x) => x.crossingStep))),
        g3(median(g.filter((x) => x.crossingStep >= 0).map((x) => x.afterCrossing))), g3(median(g.map((x) => x.endRatio))),
      ];
    })),
  };

  const logisticTable: Table = {
    title: 'Logistic loss (P0/P1 regime): LR+GD at γ = c/sharpness(θ₀); sharpness S and λ_min(G) at every recorded iteration',
    columns: ['model', 'c = γ·S(θ₀)', 'γ', 'separated at', 'max γ·S', 'γ·S at end', 'λ_min(G) start', 'λ_min(G) end', 'loss increases', 'loss at end'],
    rows: logistic.map((r) => [
      r.model, r.c, g3(r.gamma), Number.isNaN(r.separatedAt) ? `>${cfg.logistic.iterations}` : r.separatedAt,
      g3(maxOf(r.gammaSharpness)), g3(r.gammaSharpness[r.gammaSharpness.length - 1]), g3(r.ntkMin[0]), g3(r.ntkMin[r.ntkMin.length - 1]),
      r.loss.filter((x, k) => k > 0 && x > r.loss[k - 1]).length, g3(r.loss[r.loss.length - 1]),
    ]),
  };

  const series: Record<string, Record<string, readonly number[]>> = {};
  for (const { arch, seeds } of results) {
    const f = seeds[0].flow;
    series[`flow-${arch.label}`] = { t: f.t, loss: f.L, P0: f.p0, P1: f.p1, P2: f.p2, lambdaMin: f.lmin, lambdaMax: f.lmax, rho: f.rho };
    for (const g of seeds[0].gd) series[`gd-${arch.label}-c${g.c}`] = { t: g.t, loss: g.L, lambdaMin: g.lmin, etaLambdaMax: g.etaLmax, distanceToFlow: g.distance };
  }
  const perRun = (f: (a: Arch, s: SeedRun, i: number) => number): number[] => results.flatMap((r) => r.seeds.map((s, i) => f(r.arch, s, i)));
  series.predictions = {
    seed: perRun((_a, _s, i) => i), n: perRun((a) => a.n), alpha: perRun((a) => a.alpha), width: perRun((a) => a.width), params: perRun((a) => a.params),
    rank0: perRun((_a, s) => s.rank0), lambdaMin0: perRun((_a, s) => s.lmin0), lambdaMax0: perRun((_a, s) => s.lmax0), T: perRun((_a, s) => s.T),
    worstP0: perRun((_a, s) => s.flow.worst[0]), worstP1: perRun((_a, s) => s.flow.worst[1]), worstP2: perRun((_a, s) => s.flow.worst[2]),
    p4Ratio: perRun((_a, s) => s.flow.rate / s.lmin0), minLambdaRatio: perRun((_a, s) => Math.min(...s.flow.lmin) / s.lmin0),
    slidingFraction: perRun((_a, s) => s.flow.sliding), identityError: perRun((_a, s) => s.flow.identityError),
  };
  for (const r of logistic) series[`logistic-${r.model}-c${r.c}`] = { iter: r.iter, loss: r.loss, gammaSharpness: r.gammaSharpness, ntkMin: r.ntkMin };

  return {
    id: 'c8',
    title: 'C8 — does gradient flow on the squared loss converge linearly once P ≥ nM? (P2, tested)',
    paper: 'P2 (Jakhmola 2025, arXiv 2509.23887, proof disputed): for networks of polynomial layers with a piecewise polynomial activation (leaky ReLU, PReLU; ReLU, sigmoid as limits), P ≥ nM, data and init from densities, gradient flow on L = ½Σ‖f − y‖² satisfies L(t) = O(e^{−2λ₀t}) for some λ₀ > 0 almost surely, in "excellent agreement" with GD.',
    tables: [flowTable, gdTable, logisticTable],
    checks: c8Checks(cfg, results, logistic),
    series,
    notes: [
      `Ours: Gaussian data (N = ${cfg.d}, M = ${cfg.outputs}) with random N(0,1) targets; two-layer leaky-ReLU nets with biases and NTK scaling 1/√fan-in, θ₀ ~ N(0, I); flow horizon T = min(${cfg.tau}/λ_min(G₀), ${cfg.flowSpan}/λ_max(G₀)), GD to min(T, ${cfg.gdSpan}/λ_max(G₀)); Dormand–Prince rtol ${cfg.rtol}, atol ${cfg.atol}.`,
      'The leaky-ReLU flow has a discontinuous right-hand side; on a kink z_ji = 0 that both sides push into, it slides (Filippov) with a slope s ∈ [α, 1]. We integrate that flow event by event; G is J(s)J(s)ᵀ with the slopes in force, so dL/dt = −rᵀGr holds along it.',
      'P0–P2 are evaluated at the sampled times with L ≥ 1e-10·L₀ (below, integrator error and rounding dominate L); P1 and P2 are theorems for the flow, P0 is our reading of P2\'s λ₀ as λ_min(G₀). P4 fits log L on the second half of the horizon.',
      'Each hidden unit of a leaky-ReLU net has a rescaling symmetry (W1_i, b1_i, W2_:i) → (cW1_i, cb1_i, W2_:i/c), so rank J ≤ P − h: the column P−h.',
      'See docs/c8.md for the design and the measured numbers.',
    ],
  };
}

function c8Checks(cfg: C8Config, results: readonly Result[], logistic: readonly LogisticRun[]): Check[] {
  const runs = results.flatMap((r) => r.seeds.map((s) => ({ arch: r.arch, s })));
  const flows = runs.filter(({ s }) => s.flow.status === 'ok');
  const pos = flows.filter(({ s }) => positive(s));
  const atLeast = runs.filter(({ arch }) => arch.params >= arch.n * cfg.outputs);
  const frac = (xs: readonly boolean[]): string => `${xs.filter(Boolean).length} of ${xs.length}`;
  const ident = finiteOrInf(flows.map(({ s }) => s.flow.identityError));
  const checks: Check[] = [
    {
      what: 'the Filippov flow was integrated to T in every run',
      measured: `${frac(runs.map(({ s }) => s.flow.status === 'ok'))} runs; statuses ${[...new Set(runs.map(({ s }) => s.flow.status))].join(', ')}; sliding on a kink ${g3(100 * median(runs.map(({ s }) => s.flow.sliding)))}% of the time (median)`,
      holds: runs.every(({ s }) => s.flow.status === 'ok'),
    },
    {
      what: 'P2\'s threshold: P ≥ nM gives G(θ₀) ≻ 0',
      measured: `in ${frac(atLeast.map(({ s }) => positive(s)))} runs with P ≥ nM; rank G₀ ≤ min(nM, P − h) in ${frac(runs.map(({ arch, s }) => s.rank0 <= Math.min(arch.n * cfg.outputs, arch.params - arch.width)))} runs`,
      holds: atLeast.every(({ s }) => positive(s)),
    },
    {
      what: 'P3 for the flow: dL/dt = −rᵀG(s)r (five-point differences of the dense output), max relative error ≤ 1e-4',
      measured: `max ${g3(maxOf(ident))} over ${flows.reduce((c, { s }) => c + s.flow.probesUsed, 0)} probes without a kink event inside`,
      holds: ident.length > 0 && ident.every((x) => x <= 1e-4),
    },
    {
      what: 'P1 (worst λ_min along the path) bounds the flow\'s loss at every sample — a theorem for the flow',
      measured: `held in ${frac(flows.map(({ s }) => held(s.flow.worst[1])))} flows; max L/P1 ${g3(maxOf(flows.map(({ s }) => s.flow.worst[1])))}`,
      holds: flows.every(({ s }) => held(s.flow.worst[1])),
    },
    {
      what: 'P2 (integrated λ_min) bounds the flow\'s loss at every sample — a theorem for the flow',
      measured: `held in ${frac(flows.map(({ s }) => held(s.flow.worst[2])))} flows; max L/P2 ${g3(maxOf(flows.map(({ s }) => s.flow.worst[2])))}`,
      holds: flows.every(({ s }) => held(s.flow.worst[2])),
    },
    {
      what: 'P0 (P2\'s λ₀ read as λ_min(G₀)) bounds the flow\'s loss when G(θ₀) ≻ 0',
      measured: `held in ${frac(pos.map(({ s }) => held(s.flow.worst[0])))} flows; worst L/P0 ${g3(maxOf(pos.map(({ s }) => s.flow.worst[0])))}`,
      holds: pos.every(({ s }) => held(s.flow.worst[0])),
    },
    {
      what: 'P2\'s "almost surely": no flow with P ≥ nM stops at a positive loss where G is singular',
      measured: `${frac(flows.filter(({ arch }) => arch.params >= arch.n * cfg.outputs).map(({ s }) => stalled(s.flow)))} flows with P ≥ nM stalled (L(T) ≥ 1e-3·L₀, λ_min(G(T)) ≤ 1e-10·λ_max)`,
      holds: !flows.some(({ arch, s }) => arch.params >= arch.n * cfg.outputs && stalled(s.flow)),
    },
    {
      what: 'λ_min(G) stays ≥ 10% of λ_min(G₀) along the flow (a uniform λ₀ needs it)',
      measured: `in ${frac(pos.map(({ s }) => Math.min(...s.flow.lmin) >= 0.1 * s.lmin0))} flows with G₀ ≻ 0; smallest min_t λ_min/λ_min(G₀) ${g3(minOf(pos.map(({ s }) => Math.min(...s.flow.lmin) / s.lmin0)))}`,
      holds: pos.every(({ s }) => Math.min(...s.flow.lmin) >= 0.1 * s.lmin0),
    },
    {
      what: 'P4: the fitted late rate of the flow agrees with λ_min(G₀) within 25% ("excellent agreement")',
      measured: `in ${frac(pos.map(({ s }) => agrees(s.flow.rate / s.lmin0)))} flows with G₀ ≻ 0; λ_fit/λ_min(G₀) median ${g3(median(pos.map(({ s }) => s.flow.rate / s.lmin0)))}, range ${g3(minOf(pos.map(({ s }) => s.flow.rate / s.lmin0)))}–${g3(maxOf(pos.map(({ s }) => s.flow.rate / s.lmin0)))}`,
      holds: pos.every(({ s }) => agrees(s.flow.rate / s.lmin0)),
    },
  ];
  const below = runs.filter(({ arch }) => arch.params < arch.n * cfg.outputs);
  if (below.length > 0) {
    checks.push({
      what: 'below the threshold (P < nM) G(θ₀) is singular',
      measured: `in ${frac(below.map(({ s }) => !positive(s)))} runs; largest λ_min/λ_max ${g3(maxOf(below.map(({ s }) => s.lmin0 / s.lmax0)))}`,
      holds: below.every(({ s }) => !positive(s)),
    });
  }
  const small = cfg.etas.indexOf(Math.min(...cfg.etas));
  const smallDist = flows.map(({ s }) => maxOf(s.gd[small].distance));
  checks.push({
    what: `GD at η = ${cfg.etas[small]}/λ_max(G₀) tracks the flow at t = kη: max relative distance ≤ 5%`,
    measured: `within 5% in ${frac(smallDist.map((x) => x <= 0.05))} runs; median ${g3(median(smallDist))}, max ${g3(maxOf(smallDist))}`,
    holds: smallDist.every((x) => x <= 0.05),
  });
  const crossed = flows.flatMap(({ s }) => s.gd.filter((g) => g.crossingStep >= 0));
  if (crossed.length > 0) {
    const far = crossed.map((g) => g.afterCrossing);
    checks.push({
      what: `GD leaves the flow once η·λ_max(G) ≥ 2: its max distance exceeds 10× that of η = ${cfg.etas[small]}/λ_max(G₀)`,
      measured: `${crossed.length} GD runs crossed 2 (${crossed.filter((g) => g.status === 'diverged').length} diverged); their max distance median ${g3(median(far))} vs ${g3(median(smallDist))}`,
      holds: median(far) > 10 * median(smallDist),
    });
  }
  const top = Math.max(...cfg.logistic.gammaTimesSharpness);
  const large = logistic.filter((r) => r.c === top);
  checks.push({
    what: `logistic loss: LR+GD at γ·S(θ₀) = ${top} (beyond the edge of stability 2) still separates the data (the P0/P1 perceptron regime)`,
    measured: large.map((r) => `${r.model}: ${Number.isNaN(r.separatedAt) ? `not in ${cfg.logistic.iterations}` : `t = ${r.separatedAt}`}, max γ·S ${g3(maxOf(r.gammaSharpness))}`).join('; '),
    holds: large.every((r) => !Number.isNaN(r.separatedAt)),
  });
  return checks;
}

export function reproduceC8(opts: ClaimOptions): Promise<ClaimResult> {
  return runC8(opts.quick ? C8_QUICK : C8_FULL, opts.platform);
}
