import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { type Progress, runMany } from '../../src/store/run-many.js';
import { runFields } from '../../src/store/run-fields.js';
import { runKey } from '../../src/store/run-key.js';
import { openStore } from '../../src/store/run-store.js';

const spec = (seed: number, step = 1) => parseRunSpec({
  seed, data: { source: 'gaussian-separable', n: 30, d: 4 }, init: { kind: 'normal' }, algorithm: { name: 'lr-gd', step },
  stop: { maxIter: 50, whenSeparated: false }, record: { every: 5, weights: true },
});

function freshStore() {
  return openStore(mkdtempSync(join(tmpdir(), 'gdlab-many-')), { create: true });
}

describe('runMany', () => {
  it('computes each run once per store; later calls read the same numbers back, in spec order', async () => {
    const store = freshStore();
    const specs = [spec(0), spec(1), spec(2)];
    const progress: Progress[] = [];
    const first = await runMany(specs, { store, onProgress: (p) => progress.push(p) });
    expect(first.map((r) => r.cached)).toEqual([false, false, false]);
    expect(progress.at(-1)).toMatchObject({ total: 3, cached: 0, done: 3, running: 0, iterations: 150, finished: true });
    const again = await runMany([specs[2], specs[0], specs[1]], { store });
    expect(again.map((r) => r.cached)).toEqual([true, true, true]);
    expect(again.map((r) => r.key)).toEqual([first[2].key, first[0].key, first[1].key]);
    specs.forEach((s, i) => {
      const direct = executeRun(s).result;
      const stored = again[(i + 1) % 3];
      expect(stored.trajectory.columns).toEqual(direct.trajectory.columns);
      expect(stored.trajectory.weights).toEqual(direct.trajectory.weights);
      expect(stored.status).toBe(direct.status);
    });
    expect(store.rows().map((r) => r.attempts)).toEqual([1, 1, 1]);
    store.close();
  });

  it('a spec asked twice is computed once and given to both places; asked-for keys are collected', async () => {
    const store = freshStore();
    const requested: string[] = [];
    let progress: Progress | undefined;
    const runs = await runMany([spec(5), spec(6), spec(5)], { store, requested, onProgress: (p) => (progress = p) });
    expect(progress?.total).toBe(2);
    expect(runs[2].trajectory).toEqual(runs[0].trajectory);
    expect(runs[0].trajectory).not.toEqual(runs[1].trajectory);
    expect(requested).toEqual(runs.map((r) => r.key));
    expect(store.rows()).toHaveLength(2);
    store.close();
  });

  it('a run left half-done (running when its process died) is redone; a failing run rejects and is marked failed', async () => {
    const store = freshStore();
    const s = spec(7);
    store.begin(runKey(s), s, runFields(s)); // as a killed sweep leaves it
    const [r] = await runMany([s], { store });
    expect(r.cached).toBe(false);
    expect(store.rows()[0]).toMatchObject({ state: 'done', attempts: 2 });

    const bad = parseRunSpec({ data: { source: 'csv', path: 'missing.csv' }, algorithm: 'batch-perceptron' });
    await expect(runMany([spec(8), bad], { store }, { baseDir: '/nonexistent' })).rejects.toThrow(GdlabError);
    const rows = store.rows();
    expect(rows.find((x) => x.key === runKey(bad, '/nonexistent'))).toMatchObject({ state: 'failed' });
    expect(rows.find((x) => x.key === runKey(spec(8), '/nonexistent'))).toMatchObject({ state: 'done' });
    store.close();
  });

  it('without a store every call computes, in this thread', async () => {
    const [a] = await runMany([spec(9)]);
    const [b] = await runMany([spec(9)]);
    expect([a.cached, b.cached]).toEqual([false, false]);
    expect(a.trajectory).toEqual(b.trajectory);
  });
});
