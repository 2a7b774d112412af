// A run's manifest records why a failed run stopped, and nothing of the kind for the other statuses.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { writeRunFolder } from '../../src/store/run-folder.js';

const flow = (atol: number) => parseRunSpec({
  name: 'flow',
  data: { source: 'gaussian-regression', n: 4, d: 3 },
  model: { kind: 'mlp', widths: [5], activation: 'tanh' },
  algorithm: { name: 'gradient-flow', dt: 0.1, rtol: 1e-300, atol },
  init: { kind: 'normal', scale: 0.5 },
  stop: { maxIter: 5 },
});

describe('run folder manifest', () => {
  it("a failed run's manifest says why; a finished one has no failure field", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gdlab-manifest-'));
    // atol = 1e-300 with rtol ≈ 0 cannot be met in float64: the integrator's step size collapses at once.
    const failed = writeRunFolder(join(dir, 'failed'), executeRun(flow(1e-300)));
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/step/);
    const onDisk = JSON.parse(readFileSync(join(dir, 'failed', 'manifest.json'), 'utf8')) as { status: string; failure?: string };
    expect(onDisk.failure).toBe(failed.failure);
    const ok = writeRunFolder(join(dir, 'ok'), executeRun(flow(1e-10)));
    expect(ok.status).toBe('max-iter');
    expect('failure' in ok).toBe(false);
  });

  it("record.weights: 'last' writes one weights row labelled with the last iteration, equal to the run's w", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gdlab-weights-'));
    const spec = parseRunSpec({ data: { source: 'p0-two-points' }, algorithm: { name: 'lr-gd', step: 0.5 }, stop: { maxIter: 7, whenSeparated: false }, record: { every: 2, weights: 'last' } });
    const o = executeRun(spec);
    writeRunFolder(join(dir, 'run'), o);
    const lines = readFileSync(join(dir, 'run', 'weights.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1].split(',').map(Number)).toEqual([7, ...o.result.w]);
  });
});
