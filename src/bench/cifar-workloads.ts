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
import { type Timing, type WorkloadResult, relDiff, wall } from './workload.js';

export const ITERS = 200;
/** W1: 10^(−3 + j/2), j = 0…12 (1e-3 … 1e3); 2/L ≈ 0.0094 on these data, so the first two are below it. */
export const W1_STEPS = Array.from({ length: 13 }, (_, j) => 10 ** (-3 + j / 2));
const STABLE = 0.0094;

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

/** The gdlab paths of one step-size sweep: batched on uint8 pixels (the default), batched on float64, one run at a time. */
function gdlabSweep(fm: FeatureModel, u8: Dataset, f64: Dataset, steps: readonly number[], w0: Float64Array, log: (l: string) => void) {
  const multi = (data: Dataset, iters: number) => lrGdMulti(fm, data, { steps, w0, maxIter: iters, whenSeparated: false });
  multi(u8, 2); // warm-up (JIT, resident copies of X)
  multi(f64, 2);
  const main = wall(() => multi(u8, ITERS));
  log(`  gdlab batched, uint8: ${main.ms.toFixed(0)} ms`);
  const asF64 = wall(() => multi(f64, ITERS));
  log(`  gdlab batched, float64: ${asF64.ms.toFixed(0)} ms`);
  const singles = wall(() => steps.map((step) => simpleRun(lrGd({ step }), u8, { model: fm.model, w0, maxIter: ITERS, whenSeparated: false }).w));
  log(`  gdlab one run at a time, uint8: ${singles.ms.toFixed(0)} ms`);
  const identical = singles.result.every((w, s) => sameBits(w, main.result[s].w));
  const variants: Timing[] = [
    { label: 'batched, float64 X', ms: asF64.ms },
    { label: 'one run at a time (simpleRun), uint8 X', ms: singles.ms },
  ];
  return { ms: main.ms, ws: main.result.map((r) => r.w), variants, identical };
}

function agreement(ws: readonly Float64Array[], plain: Float64Array, batched: Float64Array, steps: readonly number[], identical: boolean): string {
  const P = ws[0].length;
  const diffs = ws.map((w, s) => relDiff(w, plain.subarray(s * P, (s + 1) * P)));
  const stable = diffs.filter((_, s) => steps[s] < STABLE);
  const torchSelf = Math.max(...ws.map((_, s) => relDiff(batched.subarray(s * P, (s + 1) * P), plain.subarray(s * P, (s + 1) * P))));
  const e = (x: number) => x.toExponential(1);
  return `‖w−w_torch‖/‖w_torch‖: γ < 2/L ${stable.length > 0 ? e(Math.max(...stable)) : '–'}, all γ ${e(Math.max(...diffs))} (torch batched vs plain ${e(torchSelf)}); gdlab batched = one at a time bit for bit: ${identical ? 'yes' : 'NO'}`;
}

export function w1(c: CifarPair, ctx: BenchContext): WorkloadResult {
  const { u8, f64, entries } = datasets(c);
  ctx.log(`W1: LR+GD, ${W1_STEPS.length} step sizes, ${ITERS} iterations`);
  const g = gdlabSweep(linearFeatures(c.cols), u8, f64, W1_STEPS, new Float64Array(c.cols), ctx.log);
  const t = ctx.torch ? runTorch('w1', ctx.threads, { n: c.rows, d: c.cols, steps: W1_STEPS, iters: ITERS }, { X: entries, y: c.y }) : undefined;
  return {
    id: 'W1', title: `LR+GD, CIFAR 5000×3072, ${W1_STEPS.length} step sizes × ${ITERS} iterations`,
    gdlab: { label: 'batched step sizes, uint8 X', ms: g.ms }, variants: g.variants,
    torchPlainMs: t?.report.plainMs as number | undefined, torchBatchedMs: t?.report.batchedMs as number | undefined,
    agreement: t === undefined ? '–' : agreement(g.ws, t.result('plain'), t.result('batched'), W1_STEPS, g.identical),
    iterations: ITERS, bytesPerIteration: 2 * c.rows * c.cols,
  };
}

export function w2(c: CifarPair, ctx: BenchContext): WorkloadResult {
  const { u8, f64, entries } = datasets(c);
  const k = C5_FULL.k;
  const steps = C5_FULL.mcvGammas;
  const w0 = mcvInit('lecun', k, c.cols, key(2));
  ctx.log(`W2: m_cv k = ${k}, ${steps.length} step sizes, ${ITERS} iterations`);
  const g = gdlabSweep(mCvFeatures(c.cols, k), u8, f64, steps, w0, ctx.log);
  const t = ctx.torch ? runTorch('w2', ctx.threads, { n: c.rows, d: c.cols, k, steps, iters: ITERS }, { X: entries, y: c.y, w0 }) : undefined;
  return {
    id: 'W2', title: `m_cv k=${k}, CIFAR 5000×3072, ${steps.length} step sizes × ${ITERS} iterations`,
    gdlab: { label: 'batched step sizes, uint8 X', ms: g.ms }, variants: g.variants,
    torchPlainMs: t?.report.plainMs as number | undefined, torchBatchedMs: t?.report.batchedMs as number | undefined,
    agreement: t === undefined ? '–' : agreement(g.ws, t.result('plain'), t.result('batched'), steps, g.identical),
    iterations: ITERS, bytesPerIteration: 2 * c.rows * c.cols,
  };
}
