// `npm run bench`: gdlab vs PyTorch float64 on the papers' workloads W1–W5 (docs/performance.md), the same number of threads on both sides; prints one table.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { kernels, kernelsFor, useKernels } from '../kernels/index.js';
import { renderTable } from '../report/text-table.js';
import { memoryBandwidth } from './bandwidth.js';
import { cifarPair } from './cifar-pair.js';
import { type BenchContext, w1, w2 } from './cifar-workloads.js';
import { w4 } from './c4-workload.js';
import { torchMissing } from './torch-side.js';
import { w3, w5 } from './two-layer-workloads.js';
import { type Time, type WorkloadResult, fastestRounds } from './workload.js';

const USAGE = 'usage: npm run bench -- [--threads N] [--rounds R] [--only W1,W2,W3,W4,W5]';

function options(argv: readonly string[]): { threads: number; rounds: number; only: Set<string> } {
  let threads = 1;
  let rounds = 3;
  let only = new Set(['W1', 'W2', 'W3', 'W4', 'W5']);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads') threads = Number(argv[++i]);
    else if (argv[i] === '--rounds') rounds = Number(argv[++i]);
    else if (argv[i] === '--only') only = new Set((argv[++i] ?? '').toUpperCase().split(','));
    else throw new Error(`bench: unknown argument ${argv[i]}\n${USAGE}`);
  }
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`bench: --threads must be a positive integer\n${USAGE}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bench: --rounds must be a positive integer\n${USAGE}`);
  return { threads, rounds, only };
}

const f1 = (x: number): string => x.toFixed(1);
const f0 = (x: number): string => x.toFixed(0);

function main(): void {
  const { threads, rounds, only } = options(process.argv.slice(2));
  const load = () => loadavg()[0].toFixed(2);
  console.log(`machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}`);
  // Timings are only clean on an idle machine: a load near or above the CPU count means other processes shared the cores.
  console.log(`load average (1 min) at start: ${load()}`);
  // The backend GDLAB_KERNELS asks for (default: the fastest built and verified), with the bench's thread count.
  useKernels(kernelsFor({ ...process.env, GDLAB_THREADS: String(threads) }));
  const bw = memoryBandwidth();
  const bandwidth = Math.max(bw.copyGBs, bw.readGBs ?? 0) * 1e9;
  console.log(`memory bandwidth (256 MiB arrays, best of 5): copy ${bw.copyGBs.toFixed(1)} GB/s (read+write), SIMD read ${bw.readGBs?.toFixed(1) ?? '–'} GB/s`);
  const missing = torchMissing();
  if (missing !== undefined) console.log(`PyTorch: not run: ${missing}; install it with: apt-get install -y python3-torch. gdlab's times only.`);
  console.log(`gdlab: kernels ${kernels().name}; ${threads} thread(s) on both sides`);
  const ctx: BenchContext = { threads, torch: missing === undefined, log: (l) => console.log(l) };

  const results: (WorkloadResult & { rounds: string })[] = [];
  // Each workload runs `rounds` times, gdlab then PyTorch each time; each side keeps its fastest round.
  const measured = (run: () => WorkloadResult): void => {
    results.push(fastestRounds(Array.from({ length: rounds }, (_, r) => {
      if (rounds > 1) console.log(`round ${r + 1} of ${rounds}`);
      return run();
    })));
  };
  const needCifar = only.has('W1') || only.has('W2');
  const cifar = needCifar ? cifarPair() : undefined;
  if (cifar !== undefined) console.log(`data: ${cifar.files.join(', ')}: 2500 airplanes (+1) + 2500 automobiles (−1), pixels/255`);
  if (cifar !== undefined && only.has('W1')) measured(() => w1(cifar, ctx));
  if (cifar !== undefined && only.has('W2')) measured(() => w2(cifar, ctx));
  if (only.has('W3')) measured(() => w3(ctx));
  if (only.has('W4')) measured(() => w4(ctx));
  if (only.has('W5')) measured(() => w5(ctx));

  const pair = (t: Time | undefined): string => (t === undefined ? '–' : `${f0(t.wallMs)} / ${f0(t.cpuMs)}`);
  const speedup = (theirs: Time | undefined, mine: Time): string =>
    theirs === undefined ? '–' : `${(theirs.wallMs / mine.wallMs).toFixed(2)} / ${(theirs.cpuMs / mine.cpuMs).toFixed(2)}`;
  console.log(`\n${renderTable({
    title: `gdlab vs PyTorch float64, ${threads} thread(s) each, fastest of ${rounds} alternating round(s): times "wall / CPU" in ms; speed-up = PyTorch time / gdlab time (> 1: gdlab faster), wall / CPU`,
    columns: ['workload', 'gdlab', 'PyTorch', 'speed-up', 'PyTorch hand-opt.', 'speed-up vs hand-opt.'],
    rows: results.map((r) => [`${r.id} ${r.title}`, pair(r.gdlab), pair(r.torchPlain), speedup(r.torchPlain, r.gdlab), pair(r.torchBatched), speedup(r.torchBatched, r.gdlab)]),
  })}`);
  for (const r of results) if (r.torchNote !== undefined) console.log(`  ${r.id}: ${r.torchNote}`);
  console.log(`\n${renderTable({
    title: `gdlab per iteration against the memory-bandwidth limit (bytes gdlab moves per iteration / ${(bandwidth / 1e9).toFixed(1)} GB/s); wall time`,
    columns: ['workload', 'gdlab path', 'MB per iteration', 'limit ms', 'gdlab ms per iteration', 'gdlab/limit'],
    rows: results.flatMap((r) => [r.gdlab, ...r.variants].map((t) => {
      const limit = (t.bytesPerIteration / bandwidth) * 1e3;
      const per = t.wallMs / t.iterations;
      return [r.id, t.label, f1(t.bytesPerIteration / 1e6), limit.toFixed(2), per.toFixed(2), (per / limit).toFixed(1)];
    })),
  })}`);
  console.log(`\n${renderTable({
    title: 'other gdlab paths: times "wall / CPU" in ms',
    columns: ['workload', 'gdlab path', 'ms', 'iterations', 'ms per iteration (wall)'],
    rows: results.flatMap((r) => r.variants.map((v) => [r.id, v.label, pair(v), v.iterations, (v.wallMs / v.iterations).toFixed(2)])),
  })}`);
  console.log(`\nrounds (each side's fastest round is in the tables; ratios of rounds measured minutes apart):`);
  for (const r of results) console.log(`  ${r.id}: ${r.rounds}`);
  console.log('\nagreement of the results:');
  for (const r of results) console.log(`  ${r.id}: ${r.agreement}`);
  console.log(`\nload average (1 min) at end: ${load()}`);
}

main();
