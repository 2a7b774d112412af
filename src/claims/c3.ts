// C3 (P1): GD on a nonlinear model reduces to (generalized) perceptron steps — GD from w₀ = R·θ₀ tracks the perceptron from θ₀ as R grows; LR+GD/γ tracks the batch perceptron as γ grows.
import type { Dataset } from '../data/dataset.js';
import { labelled } from '../data/synthetic/labelled.js';
import { linearModel } from '../models/linear.js';
import { mCvModel } from '../models/m-cv.js';
import type { Model } from '../models/model.js';
import { twoLayerModel } from '../models/two-layer.js';
import { type Key, foldIn, key, normal } from '../rng/index.js';
import { type RunSpec, parseRunSpec } from '../run/run-spec.js';
import { type Platform, runMany } from '../store/run-many.js';
import type { Check, ClaimOptions, ClaimResult, Figure, Table } from './claim.js';

/** Fraction of the probe points b where the predicted classes 1[m(b; a) > 0] and 1[m(b; b′) > 0] differ. */
export function disagreement(model: Model, probes: Dataset, a: Float64Array, b: Float64Array): number {
  const n = probes.X.rows;
  const ma = new Float64Array(n * model.outputs);
  const mb = new Float64Array(n * model.outputs);
  model.forward(a, probes, ma);
  model.forward(b, probes, mb);
  let differ = 0;
  for (let i = 0; i < n; i++) if (ma[i] > 0 !== mb[i] > 0) differ++;
  return differ / n;
}

export function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let j = 0; j < a.length; j++) {
    ab += a[j] * b[j];
    aa += a[j] * a[j];
    bb += b[j] * b[j];
  }
  return ab / Math.sqrt(aa * bb);
}

/** A unit direction θ₀ = g/‖g‖, g ~ N(0, I) (the `scaled` init with direction: normal, R = 1). */
export function unitDirection(k: Key, p: number): Float64Array {
  const g = normal(k, p);
  const s = Math.sqrt(g.reduce((acc, x) => acc + x * x, 0));
  return g.map((x) => x / s);
}

export interface Tracking {
  /** Disagreement on the probes and cosine between the two iterates at t = T. */
  readonly disagreement: number;
  readonly cosine: number;
  /** The worst over t = 0…T. */
  readonly maxDisagreement: number;
  readonly minCosine: number;
  /** Per t: disagreement and cosine (figure series). */
  readonly perStep: { readonly disagreement: number[]; readonly cosine: number[] };
}

/** Compare two trajectories of the same model, the first rescaled by 1/scale (w_t/R against θ_t). */
export function track(model: Model, probes: Dataset, a: readonly Float64Array[], b: readonly Float64Array[], scale: number): Tracking {
  const dis: number[] = [];
  const cos: number[] = [];
  for (let t = 0; t < Math.min(a.length, b.length); t++) {
    const at = a[t].map((x) => x / scale);
    dis.push(disagreement(model, probes, at, b[t]));
    cos.push(cosine(at, b[t]));
  }
  return {
    disagreement: dis[dis.length - 1],
    cosine: cos[cos.length - 1],
    maxDisagreement: Math.max(...dis),
    // The cosine is undefined (NaN) where an iterate is 0 (both linear runs start there): those steps are left out.
    minCosine: Math.min(...cos.filter((c) => !Number.isNaN(c))),
    perStep: { disagreement: dis, cosine: cos },
  };
}

/**
 * GD at scale R on an L-homogeneous model: with w = Rθ, m(b; w) = R^L m(b; θ) and ∇m(b; w) = R^{L−1}∇m(b; θ), so
 * w_{t+1}/R = θ_t + (γ_GD R^{L−2}/n) Σ σ(−R^L y_i m_i(θ_t)) y_i ∇m_i(θ_t). With γ_GD = γ·R^{2−L} this is the
 * generalized perceptron's step γ with σ(−R^L z) in place of 1[z ≤ 0]; the two agree as R → ∞ (docs/c3.md).
 */
export function gdStepAtScale(gamma: number, R: number, homogeneity: number): number {
  return gamma * R ** (2 - homogeneity);
}

export interface C3Setup {
  readonly n: number;
  readonly d: number;
  readonly width: number;
  readonly steps: number;
  readonly gamma: number;
  readonly probes: number;
  readonly scales: readonly number[];
}

export const C3_FULL: C3Setup = { n: 100, d: 20, width: 16, steps: 50, gamma: 1, probes: 4000, scales: [1, 10, 100, 1000, 10000] };
export const C3_QUICK: C3Setup = { ...C3_FULL, probes: 2000 };

interface ModelCase {
  readonly label: string;
  /** The registry's model (spec) and the same model built here, for the probes. */
  readonly spec: Record<string, unknown>;
  readonly model: Model;
  readonly perceptron: string;
}

export interface C3Row {
  readonly model: string;
  readonly R: number;
  readonly gdStep: number;
  readonly tracking: Tracking;
}

/** Seed of every run: the data are `gaussian-separable` drawn from foldIn(key(SEED), 0), the run's data key. */
const SEED = 3;

/** The claim's runs: T steps from w₀, recording every w_t (the tracking is measured on the recorded weights). */
function c3Spec(s: C3Setup, name: string, model: Record<string, unknown>, algorithm: Record<string, unknown>, init: Record<string, unknown>): RunSpec {
  return parseRunSpec({
    name: `c3 ${name}`,
    seed: SEED,
    data: { source: 'gaussian-separable', n: s.n, d: s.d, margin: 0.1 },
    model,
    algorithm,
    init,
    stop: { maxIter: s.steps, whenSeparated: false },
    record: { every: 1, weights: true },
  });
}

/** All of C3's runs in one runMany batch (29 for 5 scales): per model the perceptron from θ₀ and GD from R·θ₀ per R (m_cv also at step γ/R²); linear: the batch perceptron and LR+GD per γ. */
export async function runC3(s: C3Setup, platform?: Platform): Promise<{ rows: C3Row[]; naive: C3Row[]; linear: C3Row[] }> {
  const root = key(SEED);
  const probes = labelled('probes', normal(foldIn(root, 1), s.probes * s.d), new Float64Array(s.probes), s.d);
  const relu = { kind: 'two-layer', width: s.width, activation: 'relu' };
  const cases: ModelCase[] = [
    { label: 'm_cv k=2', spec: { kind: 'm-cv', k: 2 }, model: mCvModel(s.d, 2), perceptron: 'quadratic-perceptron' },
    { label: `ReLU two-layer m=${s.width}`, spec: relu, model: twoLayerModel({ d: s.d, width: s.width, activation: 'relu' }), perceptron: 'generalized-perceptron' },
    {
      label: `ReLU two-layer m=${s.width}, a fixed (L = 1)`,
      spec: { ...relu, secondLayer: 'fixed' },
      model: twoLayerModel({ d: s.d, width: s.width, activation: 'relu', secondLayer: 'fixed' }),
      perceptron: 'generalized-perceptron',
    },
  ];
  // θ₀ is drawn here from the claim's own keys and handed to the runs as `scaled` init values (w₀ = R·θ₀ exactly as before).
  const thetas = cases.map((c, ci) => Array.from(unitDirection(foldIn(root, 10 + ci), c.model.numParams)));
  // The tempting but wrong correspondence γ_GD = γ/R² (m_cv only): GD then barely leaves w₀.
  const naiveStep = (R: number): number => s.gamma / (R * R);
  const specs: RunSpec[] = cases.flatMap((c, ci) => {
    const from = (R: number) => ({ kind: 'scaled', R, values: thetas[ci] });
    return [
      c3Spec(s, `${c.label} ${c.perceptron}`, c.spec, { name: c.perceptron, step: s.gamma }, from(1)),
      ...s.scales.flatMap((R) => [
        c3Spec(s, `${c.label} R=${R}`, c.spec, { name: 'lr-gd', step: gdStepAtScale(s.gamma, R, c.model.homogeneity) }, from(R)),
        ...(ci === 0 ? [c3Spec(s, `${c.label} R=${R} step γ/R²`, c.spec, { name: 'lr-gd', step: naiveStep(R) }, from(R))] : []),
      ]),
    ];
  });
  // Linear model (P0): θ_t/γ of LR+GD from 0 against the batch perceptron, as γ grows.
  specs.push(
    c3Spec(s, 'linear batch-perceptron', { kind: 'linear' }, { name: 'batch-perceptron' }, { kind: 'zeros' }),
    ...s.scales.map((g) => c3Spec(s, `linear γ=${g}`, { kind: 'linear' }, { name: 'lr-gd', step: g }, { kind: 'zeros' })),
  );
  const runs = (await runMany(specs, platform)).map((r) => r.trajectory.weights);
  // Read the runs back in the order their specs were listed.
  let next = 0;
  const take = (): Float64Array[] => runs[next++];
  const rows: C3Row[] = [];
  const naive: C3Row[] = [];
  cases.forEach((c, ci) => {
    const gp = take();
    for (const R of s.scales) {
      const gdStep = gdStepAtScale(s.gamma, R, c.model.homogeneity);
      rows.push({ model: c.label, R, gdStep, tracking: track(c.model, probes, take(), gp, R) });
      if (ci === 0) naive.push({ model: `${c.label}, step γ/R²`, R, gdStep: naiveStep(R), tracking: track(c.model, probes, take(), gp, R) });
    }
  });
  const lin = linearModel(s.d);
  const bp = take();
  const linear = s.scales.map((g) => ({ model: 'linear, LR+GD/γ vs batch perceptron', R: g, gdStep: g, tracking: track(lin, probes, take(), bp, g) }));
  return { rows, naive, linear };
}

const fmt = (x: number): string => (x >= 1 ? '1' : x >= 0.9999 ? `1 − ${(1 - x).toExponential(1)}` : x.toFixed(4));

function table(title: string, rows: readonly C3Row[], scaleName: string): Table {
  return {
    title,
    columns: ['model', scaleName, 'GD step', 'disagree at T', 'max disagree t≤T', 'cos at T', 'min cos t≤T'],
    rows: rows.map((r) => [r.model, r.R, r.gdStep, r.tracking.disagreement, r.tracking.maxDisagreement, fmt(r.tracking.cosine), fmt(r.tracking.minCosine)]),
  };
}

/** At the largest scale: max disagreement ≤ 1% and min cosine ≥ 0.999, both better than at the smallest scale. */
export function moves(rows: readonly C3Row[]): boolean {
  const first = rows[0].tracking;
  const last = rows[rows.length - 1].tracking;
  return last.maxDisagreement <= 0.01 && last.minCosine >= 0.999 && last.maxDisagreement < first.maxDisagreement && last.minCosine > first.minCosine;
}

/** Whether the disagreement never rises and the cosine never falls from one scale to the next. */
function monotone(rows: readonly C3Row[]): boolean {
  const d = rows.map((r) => r.tracking.maxDisagreement);
  const c = rows.map((r) => r.tracking.minCosine);
  return d.every((x, i) => i === 0 || x <= d[i - 1]) && c.every((x, i) => i === 0 || x >= c[i - 1]);
}

export async function reproduceC3(opts: ClaimOptions): Promise<ClaimResult> {
  const s = opts.quick ? C3_QUICK : C3_FULL;
  const { rows, naive, linear } = await runC3(s, opts.platform);
  const byModel = (label: string): C3Row[] => rows.filter((r) => r.model === label);
  const labels = [...new Set(rows.map((r) => r.model))];
  const show = (rs: readonly C3Row[], name = 'R'): string =>
    rs.map((r) => `${name}=${r.R}: ${r.tracking.maxDisagreement.toFixed(4)} / ${fmt(r.tracking.minCosine)}`).join('; ') + (monotone(rs) ? ' (monotone)' : ' (not monotone)');
  const checks: Check[] = [
    ...labels.map((l) => ({
      what: `${l}: GD from R·θ₀ (step γ) tracks the perceptron from θ₀ — (max disagreement over t ≤ ${s.steps} / min cosine) reach ≤ 1% and ≥ 0.999 at the largest R, from worse at R = 1`,
      measured: show(byModel(l)),
      holds: moves(byModel(l)),
    })),
    {
      what: 'linear: LR+GD/γ tracks the batch perceptron as γ grows (same criterion)',
      measured: show(linear, 'γ'),
      holds: moves(linear),
    },
    {
      what: 'control: with the naive step γ/R² GD does not track the perceptron at large R (min cosine stays < 0.99)',
      measured: show(naive),
      holds: naive[naive.length - 1].tracking.minCosine < 0.99,
    },
  ];
  const series: Record<string, Record<string, number[]>> = {};
  const figures: Figure[] = [];
  for (const [name, rs] of [...labels.map((l) => [l, byModel(l)] as const), ['linear', linear] as const]) {
    const id = name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
    series[`${id}-vs-scale`] = {
      R: rs.map((r) => r.R),
      disagreement: rs.map((r) => r.tracking.disagreement),
      max_disagreement: rs.map((r) => r.tracking.maxDisagreement),
      one_minus_cosine: rs.map((r) => 1 - r.tracking.cosine),
      one_minus_min_cosine: rs.map((r) => 1 - r.tracking.minCosine),
    };
    const t = Array.from({ length: rs[0].tracking.perStep.disagreement.length }, (_, i) => i);
    series[`${id}-per-step`] = {
      t,
      ...Object.fromEntries(rs.map((r) => [`disagreement_R${r.R}`, r.tracking.perStep.disagreement])),
      ...Object.fromEntries(rs.map((r) => [`one_minus_cos_R${r.R}`, r.tracking.perStep.cosine.map((c) => 1 - c)])),
    };
    figures.push(
      { name: `${id}-vs-scale`, title: `C3, ${name}: GD vs perceptron after ${s.steps} steps`, series: `${id}-vs-scale`, x: 'R', y: ['max_disagreement', 'one_minus_min_cosine'], kind: 'points', logX: true, logY: true, xTitle: name === 'linear' ? 'γ' : 'R' },
      { name: `${id}-per-step`, title: `C3, ${name}: disagreement along the run`, series: `${id}-per-step`, x: 't', y: rs.map((r) => `disagreement_R${r.R}`), xTitle: 't', yTitle: 'disagreement' },
    );
  }
  return {
    id: 'c3',
    title: 'C3 — GD on nonlinear models reduces to (generalized) perceptron steps (P1)',
    paper: 'P1: for the logistic loss each GD step on a nonlinear model reduces to a generalized perceptron step; for a 2-homogeneous model, GD started at w₀ = R·θ₀ satisfies w_t/R → θ_t of the generalized (quadratic) perceptron as R → ∞. P0: θ_t/γ of LR+GD → the batch perceptron as γ → ∞.',
    tables: [
      table(`GD from R·θ₀ (step γ·R^(2−L), L the homogeneity) vs the perceptron from θ₀ (step γ = ${s.gamma}), n = ${s.n}, d = ${s.d}, T = ${s.steps}, disagreement on ${s.probes} probes`, rows, 'R'),
      table('Linear: LR+GD from 0, θ_t/γ vs the batch perceptron', linear, 'γ'),
      table('Control: m_cv with the naive step γ/R²', naive, 'R'),
    ],
    checks,
    series,
    figures,
    notes: [
      'GD step γ·R^(2−L): for the 2-homogeneous models (m_cv; ReLU net with a trained second layer) it is γ at every R — the R cancels (docs/c3.md); for the ReLU net with a fixed second layer (L = 1) it is γR. The step γ/R² is wrong: GD then moves by O(1/R²) relative to w₀.',
      'Disagreement: fraction of N(0, I_d) probe points whose predicted class differs between w_t/R and θ_t; cosine between w_t and θ_t.',
    ],
  };
}
