// `npm run bench`: gdlab vs PyTorch float64 (one thread each) on CIFAR-10 airplane/automobile, 5000×3072: mat-vecs and LR+GD.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { lrGd } from '../algorithms/lr-gd.js';
import type { Dataset } from '../data/dataset.js';
import { loadSplit } from '../data/sources.js';
import { f64Matrix, kernels, type Matrix, u8Matrix } from '../kernels/index.js';
import { norm2 } from '../metrics/norm.js';
import { renderTable } from '../report/text-table.js';
import { key, normal } from '../rng/index.js';
import { simpleRun } from '../run/simple-run.js';
import { memoryBandwidth } from './bandwidth.js';
import { timed } from './timing.js';
import { type TorchResult, runTorch, torchMissing } from './torch-side.js';

const PER_CLASS = 2500;
const ITERS = 100;
// Below 2/L ≈ 0.0094 (L = λ_max(XᵀX)/(4n) ≈ 212 on this data), so both sides follow the same stable trajectory and their w can be compared.
const STEP = 0.005;
const LR_GD_REPS = 3;
const MATVEC_REPS = 7;

/** The first PER_CLASS airplanes (+1) then the first PER_CLASS automobiles (−1) of the training file, as bytes. */
function cifarPair(): { pixels: Uint8Array; y: Float64Array; rows: number; cols: number; files: readonly string[] } {
  const split = loadSplit('cifar10', 'train');
  const cols = split.images.length / split.count;
  const rows = 2 * PER_CLASS;
  const pixels = new Uint8Array(rows * cols);
  const y = new Float64Array(rows);
  let row = 0;
  for (const [label, sign] of [[0, 1], [1, -1]] as const) {
    for (let i = 0, taken = 0; i < split.count && taken < PER_CLASS; i++) {
      if (split.labels[i] !== label) continue;
      pixels.set(split.images.subarray(i * cols, (i + 1) * cols), row * cols);
      y[row++] = sign;
      taken++;
    }
  }
  if (row !== rows) throw new Error(`bench: ${split.files.join(', ')} has fewer than ${PER_CLASS} images of class 0 or 1`);
  return { pixels, y, rows, cols, files: split.files };
}

interface GdlabTimes {
  readonly gemvMs: number;
  readonly gemvTMs: number;
  readonly lrGdMs: number;
  readonly Xv: Float64Array;
  readonly XTc: Float64Array;
  readonly w: Float64Array;
}

function timeGdlab(X: Matrix, y: Float64Array, v: Float64Array, c: Float64Array): GdlabTimes {
  const k = kernels();
  const Xv = new Float64Array(X.rows);
  const XTc = new Float64Array(X.cols);
  const gemvMs = timed(() => k.gemv(Xv, X, v), MATVEC_REPS, 2).ms;
  const gemvTMs = timed(() => k.gemvT(XTc, X, c), MATVEC_REPS, 2).ms;
  const data: Dataset = { name: 'cifar10-bench', X, y, outputs: 1 };
  const run = (iters: number) => simpleRun(lrGd({ step: STEP }), data, { maxIter: iters, whenSeparated: false });
  run(10); // warm-up
  const { ms, result } = timed(() => run(ITERS), LR_GD_REPS, 0);
  if (result.status !== 'max-iter') throw new Error(`bench: gdlab LR+GD stopped with status ${result.status}`);
  return { gemvMs, gemvTMs, lrGdMs: ms, Xv, XTc, w: result.w };
}

function relDiff(a: Float64Array, b: Float64Array): number {
  return norm2(Float64Array.from(a, (x, i) => x - b[i])) / norm2(b);
}

const ms = (x: number): string => x.toFixed(1);

function writeF64(folder: string, name: string, x: Float64Array): void {
  writeFileSync(join(folder, name), new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
}

function main(): void {
  const mem = (totalmem() / 2 ** 30).toFixed(1);
  console.log(`machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${mem} GiB RAM, node ${process.version}`);
  // Timings are only comparable on an idle machine: a load near or above the CPU count means other processes shared the cores.
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}`);
  const bw = memoryBandwidth();
  console.log(`memory bandwidth (node, 128 MiB arrays, best of 5): copy ${bw.copyGBs.toFixed(1)} GB/s (read+write), sum ${bw.readGBs.toFixed(1)} GB/s (read)`);

  const { pixels, y, rows: n, cols: d, files } = cifarPair();
  console.log(`data: ${files.join(', ')}: ${PER_CLASS} airplanes (+1) + ${PER_CLASS} automobiles (−1), ${n}×${d}, pixels/255`);
  const entries = Float64Array.from(pixels, (p) => p / 255);
  const Xf = f64Matrix(n, d, entries);
  const Xu = u8Matrix(n, d, pixels, 1 / 255);
  const v = normal(key(1), d);
  const c = normal(key(2), n);

  const missing = torchMissing();
  let torch: TorchResult | undefined;
  if (missing !== undefined) {
    console.log(`PyTorch: not run: ${missing}; install it with: apt-get install -y python3-torch. gdlab's times only.`);
  } else {
    const folder = mkdtempSync(join(tmpdir(), 'gdlab-bench-'));
    try {
      writeF64(folder, 'X.f64', entries);
      writeF64(folder, 'y.f64', y);
      writeF64(folder, 'v.f64', v);
      writeF64(folder, 'c.f64', c);
      torch = runTorch(folder, n, d, STEP, ITERS, LR_GD_REPS);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    console.log(`PyTorch ${torch.torch}: ${torch.threads} thread (OMP/MKL/OPENBLAS_NUM_THREADS=1), BLAS ${torch.blas}`);
  }
  console.log(`gdlab: 1 thread, kernels ${kernels().name}`);
  const f64 = timeGdlab(Xf, y, v, c);
  const u8 = timeGdlab(Xu, y, v, c);

  const columns = ['operation', 'gdlab ms', 'PyTorch f64 ms', 'gdlab/PyTorch', 'rel. diff of result'];
  const row = (what: string, mine: number, theirs: number | undefined, a: Float64Array, b: Float64Array | undefined) =>
    theirs === undefined || b === undefined
      ? [what, ms(mine), '—', '—', '—']
      : [what, ms(mine), ms(theirs), (mine / theirs).toFixed(2), relDiff(a, b).toExponential(1)];
  const lrGdRow = (g: GdlabTimes) => row(`${ITERS} LR+GD iterations, γ = ${STEP}`, g.lrGdMs, torch?.lrGdMs, g.w, torch?.w);
  const matvecRows = (g: GdlabTimes) => [
    row('X·v', g.gemvMs, torch?.gemvMs, g.Xv, torch?.Xv),
    row('Xᵀc', g.gemvTMs, torch?.gemvTMs, g.XTc, torch?.XTc),
  ];
  const tables = [
    { title: `(a) float64 mat-vec, X ${n}×${d} (median of ${MATVEC_REPS})`, rows: matvecRows(f64) },
    { title: `(b) float64 LR+GD from w = 0 (median of ${LR_GD_REPS})`, rows: [lrGdRow(f64)] },
    { title: '(c) gdlab with X as uint8 pixels × 1/255 vs PyTorch float64', rows: [...matvecRows(u8), lrGdRow(u8)] },
  ];
  for (const t of tables) console.log(`\n${renderTable({ ...t, columns })}`);

  // Each LR+GD iteration reads X twice (X·w, then Xᵀcoef); the O(n + d) vectors are negligible.
  const bandwidth = Math.max(bw.copyGBs, bw.readGBs) * 1e9;
  const limitRow = (what: string, bytesPerEntry: number, g: GdlabTimes) => {
    const bytes = 2 * bytesPerEntry * n * d;
    const limitMs = (bytes / bandwidth) * 1e3;
    const perIter = g.lrGdMs / ITERS;
    return [what, (bytes / 1e6).toFixed(1), ms(limitMs), ms(perIter), (perIter / limitMs).toFixed(1)];
  };
  console.log(`\n${renderTable({
    title: `Physical limit: bytes moved per LR+GD iteration / ${(bandwidth / 1e9).toFixed(1)} GB/s`,
    columns: ['matrix', 'MB per iteration', 'limit ms', 'gdlab ms', 'gdlab/limit'],
    rows: [limitRow('float64', 8, f64), limitRow('uint8', 1, u8)],
  })}`);
  console.log(`\nload average (1 min) at end: ${loadavg()[0].toFixed(2)}`);
}

main();
