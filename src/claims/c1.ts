// C1 (P0 Thm 4.1): on (1,−1)→+1, (−1,−4)→−1, θ₁ = γ(1/2, 3/4) and θ₂/γ → (1, 1/4): large-γ LR+GD follows the batch perceptron, with f(θ₁) → ∞ yet θ₂ separating.
import { p0TwoPoints } from '../data/synthetic/p0-two-points.js';
import { logisticLoss } from '../losses/logistic.js';
import { gradNorm } from '../metrics/grad-norm.js';
import { norm2 } from '../metrics/norm.js';
import { linearModel } from '../models/linear.js';
import { type RunSpec, parseRunSpec } from '../run/run-spec.js';
import { runMany } from '../store/run-many.js';
import type { Check, ClaimOptions, ClaimResult } from './claim.js';

const GAMMAS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
const T = 10;

function distance(a: Float64Array, b: Float64Array, scale: number): number {
  return norm2(Float64Array.from(a, (x, j) => x / scale - b[j]));
}

/** A run on P0's two points from θ = 0: T steps recording every θ_t, or until separated recording t = 1. */
function c1Spec(algorithm: Record<string, unknown>, traced: boolean): RunSpec {
  return parseRunSpec({
    name: `c1 ${algorithm.name}${algorithm.step !== undefined ? ` γ=${algorithm.step}` : ''}`,
    data: { source: 'p0-two-points' },
    algorithm,
    stop: traced ? { maxIter: T, whenSeparated: false } : { maxIter: 1_000_000 },
    record: traced ? { every: 1, weights: true } : { at: [1] },
  });
}

// Iterations to separate: large steps separate at t = 2 while their loss is huge; small steps take longer with small loss.
const SEP_GAMMAS = [0.01, 0.1, 1, 10, 100, 1e3, 1e6];

export async function reproduceC1(opts: ClaimOptions): Promise<ClaimResult> {
  const [bp, ...runs] = await runMany([
    c1Spec({ name: 'batch-perceptron' }, true),
    ...GAMMAS.map((step) => c1Spec({ name: 'lr-gd', step }, true)),
    ...SEP_GAMMAS.map((step) => c1Spec({ name: 'lr-gd', step }, false)),
  ], opts.platform);
  const data = p0TwoPoints();
  const model = linearModel(2);
  const lossAndGrad = (w: Float64Array): [number, number] => {
    const m = new Float64Array(2);
    model.forward(w, data, m);
    return [logisticLoss.value(m, data.y), gradNorm(logisticLoss, model, data, w, m)];
  };
  const bpW = bp.trajectory.weights;

  const rows: (string | number)[][] = [];
  const gapRows: (string | number)[][] = [];
  const gaps: number[] = [];
  const theta2err: number[] = [];
  const f1: number[] = [];
  const g1: number[] = [];
  GAMMAS.forEach((gamma, i) => {
    const w = runs[i].trajectory.weights;
    const [fa, ga] = lossAndGrad(w[1]);
    const [fb] = lossAndGrad(w[2]);
    rows.push([gamma, w[1][0] / gamma, w[1][1] / gamma, w[2][0] / gamma, w[2][1] / gamma, fa, fb, ga]);
    theta2err.push(distance(w[2], bpW[2], gamma));
    f1.push(fa);
    g1.push(ga);
    const gap = Math.max(...w.map((wt, t) => distance(wt, bpW[t], gamma)));
    gaps.push(gap);
    gapRows.push([gamma, gap]);
  });

  const sepRuns = runs.slice(GAMMAS.length);
  const sepIters = sepRuns.map((r) => r.iterations);
  const sepRows = sepRuns.map((r, i) => {
    const c = r.trajectory.columns;
    return [SEP_GAMMAS[i], r.status === 'separated' ? r.iterations : `>${r.iterations}`, c.loss[1], c.loss[c.loss.length - 1]];
  });

  const last = GAMMAS.length - 1;
  const decreasing = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x <= xs[i - 1]);
  const checks: Check[] = [
    {
      what: 'θ₁/γ = (1/2, 3/4) exactly at every γ',
      measured: `max error ${Math.max(...rows.map((r) => Math.hypot((r[1] as number) - 0.5, (r[2] as number) - 0.75))).toExponential(2)}`,
      holds: rows.every((r) => r[1] === 0.5 && r[2] === 0.75),
    },
    {
      what: '‖θ₂/γ − (1, 1/4)‖ falls to 0 as γ grows',
      measured: `${theta2err[0].toExponential(2)} at γ=1 → ${theta2err[last].toExponential(2)} at γ=1e6`,
      holds: decreasing(theta2err) && theta2err[last] < 1e-5,
    },
    {
      what: 'f(θ₁) → ∞ (≈ γ/8)',
      measured: `f(θ₁) = ${f1[last].toPrecision(6)} at γ=1e6 (γ/8 = ${GAMMAS[last] / 8})`,
      holds: Math.abs(f1[last] / (GAMMAS[last] / 8) - 1) < 1e-3,
    },
    {
      what: '‖∇f(θ₁)‖ → √2/2',
      measured: `${g1[last].toPrecision(10)} at γ=1e6 (√2/2 = ${(Math.SQRT2 / 2).toPrecision(10)})`,
      holds: Math.abs(g1[last] - Math.SQRT2 / 2) < 1e-9,
    },
    {
      what: `θ_t/γ of LR+GD → the batch perceptron's θ_t (max over t ≤ ${T}) as γ grows`,
      measured: `${gaps[0].toExponential(2)} at γ=1 → ${gaps[last].toExponential(2)} at γ=1e6`,
      holds: decreasing(gaps) && gaps[last] < 1e-5,
    },
    {
      what: 'the batch perceptron separates at t = 2, θ₂ = (1, 1/4)',
      measured: `θ₂ = (${bpW[2][0]}, ${bpW[2][1]})`,
      holds: bpW[2][0] === 1 && bpW[2][1] === 0.25,
    },
    {
      what: 'large γ separates sooner despite a higher loss on the way',
      measured: `iterations ${SEP_GAMMAS.map((g, i) => `γ=${g}: ${sepIters[i]}`).join(', ')}`,
      holds: sepIters[sepIters.length - 1] <= sepIters[0] && sepIters[sepIters.length - 1] === 2,
    },
  ];
  return {
    id: 'c1',
    title: 'C1 — large-step LR+GD follows the batch perceptron (P0 Thm 4.1)',
    paper: 'P0 Thm 4.1: on two points, θ₁ = γ(1/2, 3/4) and θ₂/γ → (1, 1/4) as γ → ∞; f(θ₁) → ∞, f(θ₂) → 0, ‖∇f(θ₁)‖ → √2/2: loss and gradient norm are unreliable signals of progress.',
    tables: [
      { title: 'LR+GD iterates over γ', columns: ['γ', 'θ₁/γ [0]', 'θ₁/γ [1]', 'θ₂/γ [0]', 'θ₂/γ [1]', 'f(θ₁)', 'f(θ₂)', '‖∇f(θ₁)‖'], rows },
      { title: `max_{t≤${T}} ‖θ_t/γ − θ_t(batch perceptron)‖`, columns: ['γ', 'distance'], rows: gapRows },
      { title: 'Iterations of LR+GD to separate', columns: ['γ', 'iterations', 'f(θ₁)', 'f at separation'], rows: sepRows },
    ],
    checks,
    series: {
      'perceptron-gap': { gamma: GAMMAS, distance: gaps },
      'theta2-error': { gamma: GAMMAS, error: theta2err },
      'loss-at-theta1': { gamma: GAMMAS, loss: f1, gradNorm: g1 },
      'iterations-to-separate': { gamma: SEP_GAMMAS, iterations: sepIters },
    },
    figures: [
      { name: 'perceptron-gap', title: `max over t ≤ ${T} of ‖θ_t/γ − θ_t(batch perceptron)‖`, series: 'perceptron-gap', x: 'gamma', y: 'distance', kind: 'points', logX: true, logY: true, xTitle: 'step size γ', yTitle: 'distance' },
      { name: 'theta2-error', title: '‖θ₂/γ − (1, 1/4)‖ → 0 as γ grows', series: 'theta2-error', x: 'gamma', y: 'error', kind: 'points', logX: true, logY: true, xTitle: 'step size γ', yTitle: 'error' },
      { name: 'loss-at-theta1', title: 'f(θ₁) grows like γ/8 while ‖∇f(θ₁)‖ → √2/2', series: 'loss-at-theta1', x: 'gamma', y: ['loss', 'gradNorm'], kind: 'points', logX: true, logY: true, xTitle: 'step size γ', yTitle: 'value at θ₁' },
      { name: 'iterations-to-separate', title: 'Iterations of LR+GD to separate the two points', series: 'iterations-to-separate', x: 'gamma', y: 'iterations', logX: true, logY: true, xTitle: 'step size γ', yTitle: 'iterations' },
    ],
    notes: [],
  };
}
