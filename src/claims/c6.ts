// C6 (P0/P1): C5's comparison (linear LR+GD vs m_cv, iterations to 100 % training accuracy) on MNIST and Fashion-MNIST pairs of 1k / 5k / 10k images, and P0's overlap of large-γ LR+GD (θ_t/γ) with the batch perceptron.
import { GdlabError } from '../core/errors.js';
import type { Dataset } from '../data/dataset.js';
import { dataSource } from '../data/sources.js';
import { norm2 } from '../metrics/norm.js';
import { linearModel } from '../models/linear.js';
import type { RunSpec } from '../run/run-spec.js';
import type { Platform } from '../store/run-many.js';
import {
  C5_FULL, type Comparison, type ComparisonConfig, type TrainedRun, bestLine, bestRun, byGamma, comparisonOf, comparisonPlan, comparisonTable,
  curveSpec, extended, extensionPlan, fasterVerdict, longCurves, msPerIteration, loadData, runGrouped, withRuns,
} from './c5.js';
import type { Check, ClaimOptions, ClaimResult, Figure, Table } from './claim.js';
export interface C6Pair {
  readonly dataset: 'mnist' | 'fashion-mnist';
  /** The +1 class, then the −1 class (names or label indices). */
  readonly classes: readonly [string | number, string | number];
}

export interface C6Config {
  readonly pairs: readonly C6Pair[];
  /** Training-set sizes (both classes together; each class gets half). */
  readonly sizes: readonly number[];
  readonly comparison: ComparisonConfig;
  /** P0's overlap: LR+GD at these γ for `steps` steps against the batch perceptron, on the first `size` images. */
  readonly overlap: { readonly gammas: readonly number[]; readonly steps: number; readonly size: number };
  readonly dir?: string;
}

/**
 * Our pairs (P1's are not recovered): digits 0 vs 1 and Fashion-MNIST's Trouser vs Bag. Both models are linear in b,
 * so 100 % training accuracy is reachable only on linearly separable data: these two pairs are separable at 10 000
 * images (the batch perceptron separates them, in 917 and 1 292 steps with the default seed), while e.g. 3 vs 5 is
 * not separated by it within 3 000 steps (320 errors left).
 */
export const C6_FULL: C6Config = {
  pairs: [
    { dataset: 'mnist', classes: ['0', '1'] },
    { dataset: 'fashion-mnist', classes: ['Trouser', 'Bag'] },
  ],
  sizes: [1000, 5000, 10000],
  comparison: { ...C5_FULL, budget: 300, extendedBudget: 3000 },
  overlap: { gammas: [1, 10, 100, 1e3, 1e4, 1e6], steps: 50, size: 1000 },
};

export const C6_QUICK: C6Config = {
  ...C6_FULL,
  sizes: [1000],
  comparison: { ...C6_FULL.comparison, budget: 100, extendedBudget: 400 },
  overlap: { ...C6_FULL.overlap, steps: 20 },
};

export interface OverlapRow {
  readonly gamma: number;
  /** max_t ‖θ_t/γ − θ_t^BP‖ / ‖θ_t^BP‖ over t = 1 … steps. */
  readonly distance: number;
  /** min_t of the fraction of samples with sign(b_iᵀθ_t) = sign(b_iᵀθ_t^BP). */
  readonly agreement: number;
}

/** The overlap's runs from θ = 0 on the linear model, `steps` steps each, θ_t recorded at every step: the batch perceptron, then LR+GD at each γ. */
export function overlapSpecs(data: Record<string, unknown>, gammas: readonly number[], steps: number, seed = 0): RunSpec[] {
  const one = (name: string, algorithm: Record<string, unknown>): RunSpec =>
    curveSpec({ name, seed, data, model: 'linear', algorithm, init: 'zeros', budget: steps, whenSeparated: false, weights: true });
  return [one('c6 overlap batch-perceptron', { name: 'batch-perceptron' }), ...gammas.map((step) => one(`c6 overlap lr-gd γ=${step}`, { name: 'lr-gd', step }))];
}

/** P0: from 0, LR+GD's θ_t/γ tends to the batch perceptron's θ_t as γ → ∞ (θ₁ is equal at every γ); runs as overlapSpecs gives them. */
export function overlapRows(data: Dataset, [bpRun, ...lr]: readonly TrainedRun[], gammas: readonly number[]): OverlapRow[] {
  const model = linearModel(data.X.cols);
  const bp = bpRun.weights;
  const n = data.X.rows;
  const m = new Float64Array(n);
  const signs = (w: Float64Array): Int8Array => {
    model.forward(w, data, m);
    return Int8Array.from(m, Math.sign);
  };
  const bpSigns = bp.map(signs);
  return gammas.map((gamma, g) => {
    const w = lr[g].weights;
    let distance = 0;
    let agreement = 1;
    // t = 0 is 0 for both; compare only the steps both runs took (a run may stop early on NaN).
    for (let t = 1; t < Math.min(w.length, bp.length); t++) {
      distance = Math.max(distance, norm2(Float64Array.from(w[t], (x, j) => x / gamma - bp[t][j])) / norm2(bp[t]));
      const s = signs(w[t]);
      let same = 0;
      for (let i = 0; i < n; i++) if (s[i] === bpSigns[t][i]) same++;
      agreement = Math.min(agreement, same / n);
    }
    return { gamma, distance, agreement };
  });
}

/** overlapSpecs and overlapRows in one call. */
export async function perceptronOverlap(data: Record<string, unknown>, gammas: readonly number[], steps: number, platform?: Platform, seed = 0): Promise<OverlapRow[]> {
  const specs = overlapSpecs(data, gammas, steps, seed);
  const [runs] = await runGrouped([specs], platform);
  return overlapRows(loadData(data, seed), runs, gammas);
}

const slug = (s: string | number): string => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function runC6(cfg: C6Config, platform?: Platform): Promise<ClaimResult> {
  const seed = cfg.comparison.seed;
  const dataOf = (pair: C6Pair, size: number): Record<string, unknown> => {
    if (!Number.isInteger(size / 2) || size < 2) throw new GdlabError(`sizes: each size must be an even integer ≥ 2 (got ${size})`);
    return { source: pair.dataset, classes: pair.classes, perClass: size / 2, layout: 'flat', ...(cfg.dir !== undefined ? { dir: cfg.dir } : {}) };
  };
  const o = cfg.overlap;
  const plans = cfg.pairs.flatMap((pair) => cfg.sizes.map((size) => comparisonPlan(`c6 ${pair.dataset} ${size}`, dataOf(pair, size), cfg.comparison)));
  const overlaps = cfg.pairs.map((pair) => overlapSpecs(dataOf(pair, o.size), o.gammas, o.steps, seed));

  // Round 1: every comparison run to its budget and every overlap run; round 2: the extended best runs of every comparison.
  const first = await runGrouped([...plans.map((plan) => plan.map((p) => p.spec)), ...overlaps], platform);
  const round1 = plans.map((plan, i) => comparisonOf(withRuns(plan, first[i])));
  const ext = round1.map((cmp) => extensionPlan(cmp, cfg.comparison));
  const longer = await runGrouped(ext.map((e) => e.map((p) => p.spec)), platform);
  const compared = round1.map((cmp, i) => extended(cmp, withRuns(ext[i], longer[i])));
  const overlapRuns = first.slice(plans.length);

  const tables: Table[] = [];
  const checks: Check[] = [];
  const series: Record<string, Record<string, number[]>> = {};
  const figures: Figure[] = [];
  const summary: (string | number)[][] = [];
  const overlapTable: (string | number)[][] = [];
  const notes: string[] = [];
  const all: Comparison[] = [];

  cfg.pairs.forEach((pair, p) => {
    cfg.sizes.forEach((size, s) => {
      const cmp = compared[p * cfg.sizes.length + s];
      const data = cmp.linear[0].run.data;
      const tag = `${pair.dataset}-${slug(pair.classes[0])}-vs-${slug(pair.classes[1])}-${size}`;
      all.push(cmp);
      tables.push(comparisonTable(`${data.name} (d = ${data.d}): iterations to 100 % training accuracy (budget ${cfg.comparison.budget}, best run of each model up to ${cfg.comparison.extendedBudget})`, [...cmp.linear, ...cmp.mcv]));
      const [fast, slow] = [bestRun(cmp.mcv).run, bestRun(cmp.linear).run];
      const verdict = fasterVerdict(fast, slow);
      const tie = fast.status === 'separated' && slow.status === 'separated' && fast.iterations === slow.iterations;
      summary.push([pair.dataset, `${pair.classes[0]} vs ${pair.classes[1]}`, size, bestLine(cmp.linear), bestLine(cmp.mcv), tie ? 'tie' : verdict.decided ? (verdict.holds ? 'm_cv' : 'linear') : 'undecided']);
      checks.push({
        what: `P1 on ${pair.dataset} ${pair.classes[0]} vs ${pair.classes[1]}, ${size} images: m_cv (k=${cfg.comparison.k}) reaches 100 % sooner than the linear model (best γ of each)`,
        measured: `m_cv: ${bestLine(cmp.mcv)}; linear: ${bestLine(cmp.linear)}` + (verdict.decided ? '' : ' — undecided at these budgets'),
        holds: verdict.holds,
      });
      series[`curves-${tag}-linear`] = longCurves(cmp.linear, 'gamma', byGamma);
      series[`curves-${tag}-mcv`] = longCurves(cmp.mcv, 'gamma', byGamma);
      if (size === Math.max(...cfg.sizes)) {
        for (const model of ['linear', 'mcv']) {
          figures.push({ name: `accuracy-${tag}-${model}`, title: `${data.name}: ${model === 'mcv' ? `m_cv (k=${cfg.comparison.k})` : 'linear LR+GD'} training accuracy`, series: `curves-${tag}-${model}`, x: 'iter', y: 'accuracy', by: 'gamma', xTitle: 'iteration', yTitle: 'accuracy' });
        }
      }
    });

    const rows = overlapRows(loadData(dataOf(pair, o.size), seed), overlapRuns[p], o.gammas);
    for (const r of rows) overlapTable.push([pair.dataset, o.size, r.gamma, r.distance, r.agreement]);
    const tag = `${pair.dataset}-${slug(pair.classes[0])}-vs-${slug(pair.classes[1])}`;
    series[`overlap-${tag}`] = { gamma: rows.map((r) => r.gamma), distance: rows.map((r) => r.distance), agreement: rows.map((r) => r.agreement) };
    figures.push({ name: `overlap-${tag}`, title: `${pair.dataset}: max_t ‖θ_t/γ − θ_t(BP)‖/‖θ_t(BP)‖ over ${o.steps} steps`, series: `overlap-${tag}`, x: 'gamma', y: 'distance', kind: 'loglog', xTitle: 'step size γ', yTitle: 'relative distance' });
    const first = rows[0];
    const last = rows[rows.length - 1];
    checks.push({
      what: `P0 on ${pair.dataset} (${o.size} images): θ_t/γ of LR+GD tends to the batch perceptron’s θ_t as γ grows (t ≤ ${o.steps}): relative distance < 1e-6 and identical predictions at the largest γ`,
      measured: `relative distance ${first.distance.toExponential(2)} at γ=${first.gamma} → ${last.distance.toExponential(2)} at γ=${last.gamma}; ` +
        `prediction agreement ${first.agreement.toFixed(4)} → ${last.agreement.toFixed(4)}`,
      // The limit, not monotonicity: near γ → ∞ the distance sits at rounding level (~1e-15) and jitters there.
      holds: last.distance < first.distance && last.distance < 1e-6 && last.agreement === 1,
    });
  });

  // EuroSAT: asked for by the claim, absent here — say so with the loader's own words.
  try {
    dataSource('eurosat');
  } catch (e) {
    notes.push(`EuroSAT not run: ${e instanceof Error ? e.message : String(e)} (see /work/shared/data/README.md §5).`);
  }
  const runs = all.flatMap((c) => [...c.linear, ...c.mcv]);
  notes.push(
    `classes: ${cfg.pairs.map((p) => `${p.dataset} ${p.classes[0]} (+1) vs ${p.classes[1]} (−1)`).join('; ')} — our choice; seeded class-balanced subsets of the training split, pixels/255, no bias.`,
    'both models are linear in b (m_cv = uᵀb with u = Σ_j c_j P^{1−j} v), so 100 % training accuracy is reachable only on linearly separable data; a censored run can mean slow or impossible.',
    `m_cv init: ${cfg.comparison.mcvInit === 'lecun' ? 'c ~ N(0, 1/k), v ~ N(0, 1/d), seeded (ours)' : 'c = e₁, v = 0 (ours)'}; linear from v = 0.`,
    `time: ${msPerIteration(runs).toFixed(2)} ms per iteration on average over all runs; a run that hit its budget is reported as ">budget", never as a number.`,
  );

  return {
    id: 'c6',
    title: 'C6 — linear LR+GD vs m_cv on MNIST and Fashion-MNIST, and LR+GD vs the batch perceptron (P0/P1)',
    paper:
      'P1: the acceleration of C5 (m_cv reaches 100 % training accuracy much sooner than linear LR+GD) also holds on MNIST, ' +
      'Fashion-MNIST and EuroSAT (two classes, 1k / 5k / 10k images). P0: as γ grows, θ_t/γ of LR+GD follows the batch perceptron.',
    tables: [
      { title: 'Best step of each model', columns: ['data set', 'classes', 'n', 'linear', 'm_cv', 'sooner'], rows: summary },
      ...tables,
      { title: `LR+GD (θ_t/γ) vs the batch perceptron: max over t ≤ ${cfg.overlap.steps}`, columns: ['data set', 'n', 'γ', 'relative distance', 'min prediction agreement'], rows: overlapTable },
    ],
    checks,
    series,
    figures,
    notes,
  };
}

export function reproduceC6(opts: ClaimOptions): Promise<ClaimResult> {
  const cfg = opts.quick ? C6_QUICK : C6_FULL;
  return runC6(opts.budget === undefined ? cfg : { ...cfg, comparison: { ...cfg.comparison, budget: opts.budget, extendedBudget: opts.budget } }, opts.platform);
}
