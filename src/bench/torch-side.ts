// The PyTorch side of the benchmark: runs torch_bench.py (float64, one thread) on the files gdlab wrote and reads back its timings and results.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The interpreter with torch (Debian python3-torch); GDLAB_PYTHON overrides. */
export const PYTHON = process.env.GDLAB_PYTHON ?? '/usr/bin/python3';

// torch_bench.py is not compiled: from src/bench/ and from dist/bench/ alike it is at <repo>/src/bench/.
const SCRIPT = fileURLToPath(new URL('../../src/bench/torch_bench.py', import.meta.url));

/** Every BLAS/OpenMP pool to one thread, as gdlab is single-threaded. */
const ONE_THREAD = { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };

export interface TorchResult {
  readonly torch: string;
  readonly threads: number;
  readonly blas: string;
  readonly gemvMs: number;
  readonly gemvTMs: number;
  readonly lrGdMs: number;
  readonly Xv: Float64Array;
  readonly XTc: Float64Array;
  readonly w: Float64Array;
}

/** Why PyTorch cannot be run, or undefined when `import torch` works. */
export function torchMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (r.error !== undefined) return `${PYTHON}: ${r.error.message}`;
  if (r.status !== 0) return `${PYTHON} cannot import torch/numpy (${r.stderr.trim().split('\n').at(-1) ?? ''})`;
  return undefined;
}

/** Runs the PyTorch workloads on folder/X.f64, y.f64, v.f64, c.f64 (n×d), then reads its result files. */
export function runTorch(folder: string, n: number, d: number, step: number, iters: number, reps: number): TorchResult {
  const args = [SCRIPT, folder, String(n), String(d), String(step), String(iters), String(reps)];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', env: { ...process.env, ...ONE_THREAD }, maxBuffer: 1 << 20 });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(`${PYTHON} ${SCRIPT} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
  }
  const times = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as Omit<TorchResult, 'Xv' | 'XTc' | 'w'>;
  const f64 = (name: string): Float64Array => {
    const b = readFileSync(join(folder, name));
    return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  return { ...times, Xv: f64('torch-Xv.f64'), XTc: f64('torch-XTc.f64'), w: f64('torch-w.f64') };
}
