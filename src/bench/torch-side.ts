// The PyTorch side of the benchmark: writes a workload's inputs to a temporary folder, runs torch_bench.py on them (float64, the same thread count as gdlab), reads back its timings and results.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The interpreter with torch (Debian python3-torch); GDLAB_PYTHON overrides. */
export const PYTHON = process.env.GDLAB_PYTHON ?? '/usr/bin/python3';

// torch_bench.py is not compiled: from src/bench/ and from dist/bench/ alike it is at <repo>/src/bench/.
const SCRIPT = fileURLToPath(new URL('../../src/bench/torch_bench.py', import.meta.url));

/** Why PyTorch cannot be run, or undefined when `import torch` works. */
export function torchMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (r.error !== undefined) return `${PYTHON}: ${r.error.message}`;
  if (r.status !== 0) return `${PYTHON} cannot import torch/numpy (${r.stderr.trim().split('\n').at(-1) ?? ''})`;
  return undefined;
}

export interface TorchRun {
  /** The JSON line the script printed (times in ms, torch version, threads, BLAS library, workload extras). */
  readonly report: Record<string, unknown> & { readonly torch: string; readonly threads: number; readonly blas: string };
  /** torch-<name>.f64 written by the script. */
  result(name: string): Float64Array;
}

/**
 * Runs `torch_bench.py workload` on `inputs` (written as <name>.f64) and `spec` (spec.json, with the thread
 * count added); every BLAS / OpenMP pool gets `threads` threads.
 */
export function runTorch(workload: string, threads: number, spec: Record<string, unknown>, inputs: Record<string, Float64Array>): TorchRun {
  const folder = mkdtempSync(join(tmpdir(), 'gdlab-bench-'));
  try {
    writeFileSync(join(folder, 'spec.json'), JSON.stringify({ ...spec, threads }));
    for (const [name, x] of Object.entries(inputs)) writeFileSync(join(folder, `${name}.f64`), new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    const t = String(threads);
    const env = { ...process.env, OMP_NUM_THREADS: t, MKL_NUM_THREADS: t, OPENBLAS_NUM_THREADS: t };
    const r = spawnSync(PYTHON, [SCRIPT, workload, folder], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
    if (r.error !== undefined || r.status !== 0) {
      throw new Error(`${PYTHON} ${SCRIPT} ${workload} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
    }
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as TorchRun['report'];
    const results = new Map<string, Float64Array>();
    for (const name of ['plain', 'batched', 'w3', 'top5']) {
      try {
        const b = readFileSync(join(folder, `torch-${name}.f64`));
        results.set(name, new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
      } catch {
        // not written by this workload
      }
    }
    return {
      report,
      result(name) {
        const x = results.get(name);
        if (x === undefined) throw new Error(`bench: ${workload} wrote no torch-${name}.f64`);
        return x;
      },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
