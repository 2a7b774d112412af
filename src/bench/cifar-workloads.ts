// W1 (LR+GD, 13 step sizes) and W2 (m_cv k = 2, 7 step sizes) on the 5 000 CIFAR-10 images, 200 iterations each: gdlab batched over step sizes vs PyTorch.
import { lrGd } from '../algorithms/lr-gd.js';
import { C5_FULL, mcvInit } from '../claims/c5.js';
import type { Dataset } from '../data/dataset.js';
import { f64Matrix, u8Matrix } from '../kernels/index.js';
import { key } from '../rng/index.js';
import { type FeatureModel, linearFeatures, mCvFeatures } from '../run/feature-model.js';
import { lrGdMulti } from '../run/lr-gd-multi.js';
import { simpleRun } from '../run/simple-run.js';
import type { CifarPair } from './cifar-pair.js';
import { runTorch } from './torch-side.js';
import { type Timing, type WorkloadResult, measure, relDiff, timing, torchTime } from './workload.js';

export const ITERS = 200;
/** W1: 10^(−3 + j/2), j = 0…12 (1e-3 … 1e3); 2/L ≈ 0.0094 on these data (L = λ_max(XᵀX)/(4n)). */
export const W1_STEPS = Array.from({ length: 13 }, (_, j) => 10 ** (-3 + j / 2));
const TWO_OVER_L = 0.0094;
/** Iterations per step size of W2's plain PyTorch script (rolling the data costs ~0.2 s per iteration); its time is scaled to ITERS. */
const W2_PLAIN_ITERS = 20;

export interface BenchContext {
  readonly threads: number;
  readonly torch: boolean;
  readonly log: (line: string) => void;
}

function datasets(c: CifarPair): { u8: Dataset; f64: Dataset; entries: Float64Array } {
  const entries = Float64Array.from(c.pixels, (p) => p / 255);
  return {
    u8: { name: 'cifar10-pair', X: u8Matrix(c.rows, c.cols, c.pixels, 1 / 255), y: c.y, outputs: 1 },
    f64: { name: 'cifar10-pair-f64', X: f64Matrix(c.rows, c.cols, entries), y: c.y, outputs: 1 },
    entries,
  };
}

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.every((x, i) => Object.is(x, b[i]));
const ms = (t: { wallMs: number }): string => `${t.wallMs.toFixed(0)} ms`;

/** The gdlab paths of one step-size sweep: batched on uint8 pixels (the default), batched on float64, one run at a time. */
function gdlabSweep(fm: FeatureModel, c: CifarPair, steps: readonly number[], w0: Float64Array, log: (l: string) => void) {
  const { u8, f64 } = datasets(c);
  const bytes = 2 * c.rows * c.cols; // X read twice per iteration (X·U, then Xᵀ·C), one byte per pixel
  const multi = (data: Dataset, iters: number) => lrGdMulti(fm, data, { steps, w0, maxIter: iters, whenSeparated: false });
  multi(u8, 2); // warm-up (JIT, resident copies of X)
  multi(f64, 2);
  const main = measure(() => multi(u8, ITERS));
  log(`  gdlab batched, uint8: ${ms(main)}`);
  const asF64 = measure(() => multi(f64, ITERS));
  log(`  gdlab batched, float64: ${ms(asF64)}`);
  const single = (data: Dataset, step: number) => simpleRun(lrGd({ step }), data, { model: fm.model, w0, maxIter: ITERS, whenSeparated: false });
  const singles = measure(() => steps.map((step) => single(u8, step)));
  log(`  gdlab one run at a time, uint8: ${ms(singles)}`);
  // One run on float64 data, at the smallest step (no divergence): its two mat-vecs stream 8 bytes per entry, the memory-bound case.
  const oneF64 = measure(() => single(f64, Math.min(...steps)));
  log(`  gdlab one run, float64: ${ms(oneF64)}`);
  // Runs that overflow stop there (status 'diverged'): count the iterations actually made.
  const made = (rs: readonly { iterations: number }[]) => rs.reduce((sum, r) => sum + r.iterations, 0);
  const variants: Timing[] = [
    timing('batched, float64 X', asF64, ITERS, 8 * bytes),
    timing('one run at a time (simpleRun), uint8 X; per run-iteration', singles, made(singles.result), bytes),
    timing(`one run (γ = ${Math.min(...steps)}), float64 X`, oneF64, oneF64.result.iterations, 8 * bytes),
  ];
  return {
    main: timing('batched step sizes, uint8 X', main, ITERS, bytes),
    variants,
    ws: main.result.map((r) => r.w),
    identical: singles.result.every((r, s) => sameBits(r.w, main.result[s].w)),
    stopped: main.result.filter((r) => r.status !== 'max-iter').map((r) => `${r.status} at t = ${r.iterations}`),
  };
}

const finite = (x: Float64Array): boolean => x.every(Number.isFinite);

/** Relative differences of the final w per run against PyTorch's; runs where both diverged (NaN/Inf) are counted apart. */
function agreement(ws: readonly Float64Array[], torch: Float64Array, steps: readonly number[], identical: boolean, stopped: readonly string[], against: string): string {
  const P = ws[0].length;
  const e = (x: number) => x.toExponential(1);
  const theirs = ws.map((_, s) => torch.subarray(s * P, (s + 1) * P));
  const both = ws.map((w, s) => finite(w) && finite(theirs[s]));
  const diverged = ws.filter((w, s) => !finite(w) && !finite(theirs[s])).length;
  const mismatch = ws.length - diverged - both.filter(Boolean).length;
  const diffs = ws.map((w, s) => (both[s] ? relDiff(w, theirs[s]) : NaN));
  const stable = diffs.filter((d, s) => steps[s] < TWO_OVER_L && !Number.isNaN(d));
  const all = diffs.filter((d) => !Number.isNaN(d));
  const parts = [
    `‖w−w_torch‖/‖w_torch‖ vs PyTorch ${against}: γ < 2/L ${stable.length > 0 ? e(Math.max(...stable)) : '–'}, all finite runs ${all.length > 0 ? e(Math.max(...all)) : '–'}`,
    ...(diverged > 0 ? [`${diverged} run(s) diverged (NaN/Inf) on both sides`] : []),
    ...(mismatch > 0 ? [`${mismatch} run(s) diverged on one side only`] : []),
    `gdlab batched = one run at a time, bit for bit: ${identical ? 'yes' : 'NO'}`,
    ...(stopped.length > 0 ? [`gdlab runs stopped early: ${stopped.join(', ')} (PyTorch's scripts run all iterations)`] : []),
  ];
  return parts.join('; ');
}

export function w1(c: CifarPair, ctx: BenchContext): WorkloadResult {
  ctx.log(`W1: LR+GD, ${W1_STEPS.length} step sizes, ${ITERS} iterations`);
  const g = gdlabSweep(linearFeatures(c.cols), c, W1_STEPS, new Float64Array(c.cols), ctx.log);
  const t = ctx.torch ? runTorch('w1', ctx.threads, { n: c.rows, d: c.cols, steps: W1_STEPS, iters: ITERS }, { X: datasets(c).entries, y: c.y }) : undefined;
  return {
    id: 'W1', title: `LR+GD, CIFAR 5000×3072, ${W1_STEPS.length} step sizes × ${ITERS} iterations`,
    gdlab: g.main, variants: g.variants,
    torchPlain: t && torchTime(t.report, 'plain'), torchBatched: t && torchTime(t.report, 'batched'),
    agreement: t === undefined ? '–' : agreement(g.ws, t.result('plain'), W1_STEPS, g.identical, g.stopped, 'plain'),
  };
}

export function w2(c: CifarPair, ctx: BenchContext): WorkloadResult {
  const k = C5_FULL.k;
  const steps = C5_FULL.mcvGammas;
  const w0 = mcvInit('lecun', k, c.cols, key(2));
  ctx.log(`W2: m_cv k = ${k}, ${steps.length} step sizes, ${ITERS} iterations`);
  const g = gdlabSweep(mCvFeatures(c.cols, k), c, steps, w0, ctx.log);
  const spec = { n: c.rows, d: c.cols, k, steps, iters: ITERS, plainIters: W2_PLAIN_ITERS };
  const t = ctx.torch ? runTorch('w2', ctx.threads, spec, { X: datasets(c).entries, y: c.y, w0 }) : undefined;
  return {
    id: 'W2', title: `m_cv k=${k}, CIFAR 5000×3072, ${steps.length} step sizes × ${ITERS} iterations`,
    gdlab: g.main, variants: g.variants,
    torchPlain: t && torchTime(t.report, 'plain', ITERS / W2_PLAIN_ITERS), torchBatched: t && torchTime(t.report, 'batched'),
    torchNote: `PyTorch plain (torch.roll of the data) measured on ${W2_PLAIN_ITERS} of the ${ITERS} iterations per step size and scaled ×${ITERS / W2_PLAIN_ITERS} (a GD iteration costs the same every time)`,
    agreement: t === undefined ? '–' : agreement(g.ws, t.result('batched'), steps, g.identical, g.stopped, 'hand-optimised'),
  };
}
