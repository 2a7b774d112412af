// Runs on the same data share one Dataset; other options, seeds or a csv source build their own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';

const spec = (data: Record<string, unknown>, seed = 0) =>
  parseRunSpec({ seed, data, algorithm: { name: 'lr-gd', step: 1 }, stop: { maxIter: 3 } });

describe('data cache', () => {
  it('the same source, options and seed give the same Dataset object and the same results as a fresh build', () => {
    const g = { source: 'gaussian-separable', n: 20, d: 3 };
    const a = executeRun(spec(g));
    const b = executeRun(spec(g));
    expect(b.data).toBe(a.data);
    expect(b.result.w).toEqual(a.result.w);
    expect(executeRun(spec(g, 1)).data).not.toBe(a.data);
    expect(executeRun(spec({ ...g, n: 21 })).data.X.rows).toBe(21);
    // A fifth data set evicts the oldest: a is then rebuilt, equal entry for entry.
    for (const n of [22, 23, 24, 25]) executeRun(spec({ ...g, n }));
    const again = executeRun(spec(g));
    expect(again.data).not.toBe(a.data);
    expect(again.data.X.data).toEqual(a.data.X.data);
  });

  it('a csv file is read again on every run (it may have been edited)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gdlab-cache-'));
    writeFileSync(join(dir, 'p.csv'), '1,2,1\n-1,-3,-1\n');
    const s = spec({ source: 'csv', path: 'p.csv' });
    const first = executeRun(s, { baseDir: dir });
    writeFileSync(join(dir, 'p.csv'), '1,2,1\n-1,-3,-1\n2,1,1\n');
    const second = executeRun(s, { baseDir: dir });
    expect([first.data.X.rows, second.data.X.rows]).toEqual([2, 3]);
  });
});
