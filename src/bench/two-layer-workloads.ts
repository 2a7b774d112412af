// W3 (two-layer ReLU network, width 256, n = 4 096, d = 256, 200 LR+GD iterations) and W5 (top-5 Hessian eigenvalues of its loss by Lanczos): gdlab vs PyTorch autograd.
import { lrGd } from '../algorithms/lr-gd.js';
import type { Dataset } from '../data/dataset.js';
import { f64Matrix, kernels } from '../kernels/index.js';
import { startVector } from '../linalg/index.js';
import { logisticLoss } from '../losses/logistic.js';
import { hessianTopK } from '../metrics/sharpness.js';
import { twoLayerModel } from '../models/two-layer.js';
import { key, normal } from '../rng/index.js';
import { simpleRun } from '../run/simple-run.js';
import type { BenchContext } from './cifar-workloads.js';
import { runTorch } from './torch-side.js';
import { type WorkloadResult, measure, relDiff, timing, torchTime } from './workload.js';

const N = 4096, D = 256, WIDTH = 256, ITERS = 200, STEP = 0.5, LANCZOS = 40;

/** Gaussian inputs, labels of a random linear teacher, and the start W ~ N(0, 1/d), a ~ N(0, 1/m). */
function problem(): { data: Dataset; w0: Float64Array } {
  const x = normal(key(31), N * D);
  const teacher = normal(key(32), D);
  const y = Float64Array.from({ length: N }, (_, i) => {
    let s = 0;
    for (let c = 0; c < D; c++) s += x[i * D + c] * teacher[c];
    return s >= 0 ? 1 : -1;
  });
  const w0 = normal(key(33), WIDTH * D + WIDTH);
  for (let j = 0; j < w0.length; j++) w0[j] /= Math.sqrt(j < WIDTH * D ? D : WIDTH);
  return { data: { name: 'gaussian-teacher', X: f64Matrix(N, D, x), y, outputs: 1 }, w0 };
}

// The forward product X·Wᵀ alone is also timed on both sides: the fastest of CALLS calls, the kernels' speed without the VM's slow spells.
const CALLS = 15;
const spec = { n3: N, d3: D, width: WIDTH, step3: STEP, iters3: ITERS, iters5: LANCZOS, calls3: CALLS };

/** The fastest of `calls` timed calls of fn (after one warm-up), in ms. */
function fastestCallMs(fn: () => void, calls: number): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < calls; i++) best = Math.min(best, measure(fn).wallMs);
  return best;
}

export function w3(ctx: BenchContext): WorkloadResult {
  const { data, w0 } = problem();
  const model = twoLayerModel({ d: D, width: WIDTH, activation: 'relu' });
  const run = (iters: number) => simpleRun(lrGd({ step: STEP }), data, { model, w0, maxIter: iters, whenSeparated: false });
  ctx.log(`W3: two-layer ReLU, width ${WIDTH}, n = ${N}, d = ${D}, ${ITERS} iterations`);
  run(2);
  const g = measure(() => run(ITERS));
  ctx.log(`  gdlab: ${g.wallMs.toFixed(0)} ms`);
  const Wt = new Float64Array(D * WIDTH);
  for (let j = 0; j < WIDTH; j++) for (let c = 0; c < D; c++) Wt[c * WIDTH + j] = w0[j * D + c];
  const H = new Float64Array(N * WIDTH);
  const gemmMs = fastestCallMs(() => kernels().gemm(H, data.X, Wt, WIDTH), CALLS);
  const t = ctx.torch ? runTorch('w3', ctx.threads, spec, { X3: data.X.data as Float64Array, y3: data.y, w03: w0 }) : undefined;
  const rate = (ms: number): string => `${ms.toFixed(1)} ms (${((N * D * WIDTH) / ms / 1e6).toFixed(1)} G multiply-adds/s)`;
  const torchGemm = t?.report.forwardProductMs;
  return {
    id: 'W3', title: `two-layer ReLU, width ${WIDTH}, n=${N}, d=${D}, ${ITERS} iterations`,
    // X read by the forward product and by the pullback product; n×m arrays: F written (gemmRelu; H is never written) and
    // read twice (output, ∇a), D written (gemmRelu) and read once (gemmTScaled; G itself is never formed).
    gdlab: timing('simpleRun(lrGd), twoLayerModel', g, ITERS, 2 * 8 * N * D + 5 * 8 * N * WIDTH), variants: [],
    torchPlain: t && torchTime(t.report, 'plain'),
    torchNote: `the forward product X·Wᵀ alone (${N}×${D} by ${D}×${WIDTH}), fastest of ${CALLS} calls: gdlab gemm ${rate(gemmMs)}` +
      (typeof torchGemm === 'number' ? `, PyTorch (OpenBLAS) ${rate(torchGemm)}` : ''),
    agreement: t === undefined ? '–' : `‖w−w_torch‖/‖w_torch‖ = ${relDiff(g.result.w, t.result('w3')).toExponential(1)}`,
  };
}

export function w5(ctx: BenchContext): WorkloadResult {
  const { data, w0 } = problem();
  const model = twoLayerModel({ d: D, width: WIDTH, activation: 'relu' });
  const p = model.numParams;
  ctx.log(`W5: top-5 Hessian eigenvalues (Lanczos, ${LANCZOS} exact HVPs) of the W3 loss at its start`);
  hessianTopK(model, data, logisticLoss, w0, 5, { iterations: 6, tol: 1e-300 }); // warm-up
  const g = measure(() => hessianTopK(model, data, logisticLoss, w0, 5, { iterations: LANCZOS, tol: 1e-300 }));
  ctx.log(`  gdlab: ${g.wallMs.toFixed(0)} ms (${g.result.iterations} HVPs)`);
  // The generic path a model without a hand-written product takes: double backward through the autodiff tape.
  const tape = measure(() => hessianTopK({ ...model, lossHvp: undefined }, data, logisticLoss, w0, 5, { iterations: LANCZOS, tol: 1e-300 }));
  ctx.log(`  gdlab through the autodiff tape: ${tape.wallMs.toFixed(0)} ms; eigenvalues ${relDiff(tape.result.values, g.result.values).toExponential(1)} apart`);
  const t = ctx.torch ? runTorch('w5', ctx.threads, spec, { X3: data.X.data as Float64Array, y3: data.y, w03: w0, start5: startVector(p, 0) }) : undefined;
  return {
    id: 'W5', title: `top-5 Hessian eigenvalues of W3's loss, Lanczos with ${LANCZOS} HVPs`,
    // Per HVP (the model's R-operator product): X read twice (XVᵀ, ĠᵀX); H-sized arrays: 4 read, Ḣ and Ġ written and read once.
    gdlab: timing('hessianTopK (two-layer R-operator HVP + lanczos); per HVP', g, LANCZOS, 2 * 8 * N * D + 8 * 8 * N * WIDTH),
    variants: [timing('hessianTopK through the autodiff tape (hvpFnFlat); per HVP', tape, LANCZOS, 4 * 8 * N * D)],
    torchPlain: t && torchTime(t.report, 'plain'),
    agreement: t === undefined ? '–' : `top-5 eigenvalues ${Array.from(g.result.values, (v) => v.toPrecision(6)).join(', ')}; ‖Δλ‖/‖λ_torch‖ = ${relDiff(g.result.values, t.result('top5')).toExponential(1)}`,
  };
}
