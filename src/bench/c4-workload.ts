// W4: the C4 step-size sweeps at d = 1 024 (claims/c4.ts): LR+GD on the minimal pair for every γ of the grid, linear from 0 and two-layer k = 1 from c₀ = 0.01, each until separated or capped.
import { type Count, STEP_GRID, countLrGd, sweepSteps } from '../claims/c4.js';
import { c4Pair } from '../data/synthetic/c4-pair.js';
import { foldIn, key } from '../rng/index.js';
import { linearFeatures, mCvFeatures } from '../run/feature-model.js';
import { batchedSweep } from './batched-sweep.js';
import type { BenchContext } from './cifar-workloads.js';
import { runTorch } from './torch-side.js';
import { type WorkloadResult, measure, timing, torchTime } from './workload.js';

const D = 1024;
/** C4's cap per run (SWEEP_CAP in claims/c4.ts). */
const CAP = 100_000;

const sameCounts = (a: readonly Count[], b: readonly Count[]): boolean =>
  a.length === b.length && a.every((c, i) => c.iterations === b[i].iterations && c.status === b[i].status);

export function w4(ctx: BenchContext): WorkloadResult {
  const data = c4Pair(D, { kind: 'gaussian', key: foldIn(key(4), D) });
  const lin = linearFeatures(D);
  const k1 = mCvFeatures(D, 1);
  const zero = new Float64Array(D);
  const start = new Float64Array(D + 1);
  start[0] = 0.01;
  ctx.log(`W4: C4 sweeps at d = ${D}, ${STEP_GRID.length} step sizes, linear and two-layer k = 1`);
  const batched = () => [batchedSweep(lin, data, zero, STEP_GRID, CAP), batchedSweep(k1, data, start, STEP_GRID, CAP)];
  const single = () => [lin, k1].map((fm, i) => sweepSteps((g, cap) => countLrGd(fm.model, data, i === 0 ? zero : start, g, cap), STEP_GRID, CAP).counts);
  batched(); // warm-up
  const g = measure(batched);
  ctx.log(`  gdlab batched: ${g.wallMs.toFixed(0)} ms`);
  const s = measure(single);
  ctx.log(`  gdlab one run at a time (claims/c4 sweepSteps): ${s.wallMs.toFixed(0)} ms`);
  const identical = g.result.every((c, i) => sameCounts(c, s.result[i]));
  // Lockstep iterations: the longest run of each sweep.
  const iterations = g.result.reduce((sum, cs) => sum + Math.max(...cs.map((c) => c.iterations)), 0);
  let agreement = `gdlab batched = sweepSteps counts: ${identical ? 'yes' : 'NO'}`;
  const t = ctx.torch ? runTorch('w4', ctx.threads, { d4: D, steps4: STEP_GRID, cap4: CAP }, { X4: data.X.data as Float64Array, y4: data.y, w0lin: zero, w0k1: start }) : undefined;
  if (t !== undefined) {
    const mine = g.result.flat();
    const equal = (theirs: [number, string][][]) => theirs.flat().filter(([it, st], i) => it === mine[i].iterations && st === mine[i].status).length;
    const plain = t.report.plainCounts as [number, string][][];
    const tb = t.report.batchedCounts as [number, string][][];
    agreement += `; counts equal to PyTorch's: ${equal(plain)}/${mine.length} (plain), ${equal(tb)}/${mine.length} (batched)`;
  }
  // Per lockstep iteration: X (2×d) twice, and the d×S parameter, feature and gradient blocks; one at a time, per run-iteration.
  const runIterations = s.result.flat().reduce((sum, c) => sum + c.iterations, 0);
  return {
    id: 'W4', title: `C4 sweeps at d=${D}: ${STEP_GRID.length} step sizes × (linear, two-layer k=1)`,
    gdlab: timing('batched step sizes (lrGdMulti); per lockstep iteration', g, iterations, 8 * (2 * D + 4 * D * STEP_GRID.length)),
    variants: [timing('one run at a time (claims/c4 sweepSteps); per run-iteration', s, runIterations, 8 * (2 * 2 * D + 3 * D))],
    torchPlain: t && torchTime(t.report, 'plain'), torchBatched: t && torchTime(t.report, 'batched'), agreement,
  };
}
