import { afterAll, describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { createPool } from '../../src/run/sweep-pool.js';
import { type RunOutput, outputTrajectory, performRun } from '../../src/run/sweep-task.js';

// Random data, random init and a randomly picking algorithm: every stream of randomness a run has.
const specs = [0, 1, 2, 3].map((seed) => parseRunSpec({
  seed,
  data: { source: 'gaussian-separable', n: 40, d: 6 },
  init: { kind: 'normal', scale: 0.5 },
  algorithm: seed % 2 === 0 ? { name: 'lr-gd', step: 2 } : { name: 'online-perceptron', pick: 'random' },
  stop: { maxIter: 300, whenSeparated: false },
  record: { every: 7, weights: true },
}));

function same(a: RunOutput, b: RunOutput): void {
  expect(a.status).toBe(b.status);
  expect(a.iterations).toBe(b.iterations);
  expect(Object.keys(a.columns)).toEqual(Object.keys(b.columns));
  for (const k of Object.keys(a.columns)) expect(Array.from(a.columns[k]), k).toEqual(Array.from(b.columns[k]));
  expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
}

describe('worker pool', () => {
  const pools = [createPool(1), createPool(2)];
  afterAll(async () => Promise.all(pools.map((p) => p.close())));

  it('runs in workers equal executeRun in this thread bit for bit, whatever the pool size or order', async () => {
    const direct = specs.map((spec) => executeRun(spec).result);
    const [one, two] = await Promise.all(pools.map((p, i) => Promise.all((i === 0 ? specs : [...specs].reverse()).map((spec) => p.run({ spec })))));
    two.reverse();
    specs.forEach((_, i) => {
      same(one[i], two[i]);
      const t = outputTrajectory(one[i]);
      expect(t.columns.loss).toEqual(direct[i].trajectory.columns.loss);
      expect(t.weights).toEqual(direct[i].trajectory.weights);
      expect(one[i].iterations).toBe(direct[i].iterations);
    });
    // The runs differ from each other: the comparison above is not vacuous.
    expect(one[0].columns.loss[5]).not.toBe(one[2].columns.loss[5]);
  });

  it('reports start once and iteration deltas that add up to the iterations run', async () => {
    let starts = 0;
    let iterations = 0;
    const o = await pools[1].run({ spec: specs[0] }, { onStart: () => starts++, onIterations: (d) => (iterations += d) });
    expect(starts).toBe(1);
    expect(iterations).toBe(o.iterations);
    expect(o.iterations).toBe(300);
  });

  it('a user error inside a worker arrives as the same GdlabError as in this thread', async () => {
    const bad = parseRunSpec({ data: { source: 'csv', path: 'no-such-file.csv' }, algorithm: 'batch-perceptron' });
    const inline = (() => {
      try {
        performRun({ spec: bad, baseDir: '/nonexistent' });
      } catch (e) {
        return e as Error;
      }
    })();
    const worker = await pools[0].run({ spec: bad, baseDir: '/nonexistent' }).catch((e: Error) => e);
    expect(inline).toBeInstanceOf(GdlabError);
    expect(worker).toBeInstanceOf(GdlabError);
    expect((worker as Error).message).toBe((inline as Error).message);
    expect((worker as Error).message).toMatch(/no-such-file\.csv: cannot read the CSV data file/);
    // The worker survives a failed task.
    expect((await pools[0].run({ spec: specs[1] })).iterations).toBe(300);
  });

  it('closing rejects queued tasks; the inline pool (size 0) runs in this thread', async () => {
    const p = createPool(1);
    const running = p.run({ spec: specs[0] });
    const queued = p.run({ spec: specs[1] }).catch((e: Error) => e);
    await p.close();
    expect(await queued).toEqual(new Error('pool: closed'));
    await running.catch(() => undefined);
    const inline = createPool(0);
    same(await inline.run({ spec: specs[2] }), performRun({ spec: specs[2] }));
  });
});
