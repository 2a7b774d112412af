// gdlab sweep / runs / export end to end through the compiled bin: a sweep killed with SIGKILL resumes without losing or redoing a finished run.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseWorkers } from '../../src/cli/platform.js';
import { GdlabError } from '../../src/core/errors.js';
import { planSweep } from '../../src/run/sweep-grid.js';
import { createPool } from '../../src/run/sweep-pool.js';
import { runTasks } from '../../src/store/run-many.js';
import { runKey } from '../../src/store/run-key.js';
import { openStore } from '../../src/store/run-store.js';

const BIN = fileURLToPath(new URL('../../bin/gdlab.js', import.meta.url));
const RUNS = 16;
const SPEC = [
  'name: resume',
  'seed: {range: [0, 7]}',
  'data: {source: gaussian-separable, n: 80, d: 20}',
  'init: {kind: normal, scale: 0.1}',
  'algorithm: {name: lr-gd, step: [0.5, 5]}',
  'stop: {maxIter: 600, whenSeparated: false}',
  'record: {logSpaced: 8}',
].join('\n');

function gdlab(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Row { key: string; state: string; attempts: number; writer: string; finished_at: string | null }

function rows(file: string): Row[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, timeout: 5000 });
  try {
    return db.prepare('SELECT key, state, attempts, writer, finished_at FROM runs ORDER BY key').all() as Row[];
  } catch {
    return []; // the schema is not there yet
  } finally {
    db.close();
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('gdlab sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gdlab-sweep-'));
  writeFileSync(join(dir, 'resume.yaml'), SPEC);

  it('resumes after kill -9: every run stored exactly once, finished runs untouched, results equal an uninterrupted sweep', async () => {
    const store = join(dir, 'A', 'gdlab.sqlite');
    const child = spawn(process.execPath, [BIN, 'sweep', 'resume.yaml', '-r', 'A', '--workers', '2', '--no-report'], { cwd: dir, stdio: 'ignore' });
    const exited = exitOf(child);
    // Kill it once some runs are done and some are mid-way.
    let before: Row[] = [];
    for (let i = 0; i < 1500; i++) {
      before = rows(store);
      if (before.filter((r) => r.state === 'done').length >= 4 && before.some((r) => r.state === 'running')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe(null);
    const killed = rows(store);
    const doneBefore = killed.filter((r) => r.state === 'done');
    const halfDone = killed.filter((r) => r.state === 'running');
    expect(doneBefore.length).toBeGreaterThanOrEqual(4);
    expect(doneBefore.length).toBeLessThan(RUNS);
    expect(halfDone.length).toBeGreaterThan(0);

    const resumed = gdlab(['sweep', 'resume.yaml', '-r', 'A', '--workers', '2', '--no-report'], dir);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toContain(`computed ${RUNS - doneBefore.length}, from the store ${doneBefore.length}`);
    const after = rows(store);
    expect(after).toHaveLength(RUNS);
    expect(after.every((r) => r.state === 'done')).toBe(true);
    // Finished runs were not recomputed (same writer, same finish time); half-done runs were redone once.
    for (const r of doneBefore) expect(after.find((a) => a.key === r.key)).toEqual(r);
    for (const r of halfDone) expect(after.find((a) => a.key === r.key)?.attempts).toBe(2);
    const resumeWriters = new Set(after.filter((r) => !doneBefore.some((d) => d.key === r.key)).map((r) => r.writer));
    expect(resumeWriters.size).toBe(1);

    // The uninterrupted reference: the same plan through the same platform code, in this process, 2 workers.
    const plan = planSweep(parse(SPEC), 'resume');
    const storeB = openStore(join(dir, 'B'), { create: true });
    const pool = createPool(2);
    storeB.saveSweep({ name: plan.name, source: SPEC, axes: plan.axes, runs: plan.runs.map((r) => ({ key: runKey(r.spec, dir), params: r.params })) });
    const ref = await runTasks(plan.runs.map((r) => ({ spec: r.spec, baseDir: dir })), { pool, store: storeB }).finally(() => pool.close());
    storeB.close();
    expect(ref.computed).toBe(RUNS);
    const results = (r: string): unknown[] => {
      const db = new Database(join(dir, r, 'gdlab.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT r.key, r.status, r.iterations, r.final, t.columns, t.data, t.weights FROM runs r JOIN trajectories t USING (key) ORDER BY r.key').all();
      } finally {
        db.close();
      }
    };
    const [a, b] = [results('A'), results('B')];
    expect(a).toHaveLength(RUNS);
    expect(a).toEqual(b); // trajectories compared as float64 blobs: bit for bit
  });

  it('runs filters, export agrees with the trajectories, and the grid is listed by --dry-run', () => {
    const e = gdlab(['export', '-r', 'B', '--sweep', 'resume', '-o', 'B.csv', '--trajectories', 'B-traj.csv'], dir);
    expect(e.code, e.err).toBe(0);
    const dry = gdlab(['sweep', 'resume.yaml', '--dry-run'], dir);
    expect(dry.out.trim().split('\n')).toEqual(['sweep resume: 16 runs over seed × algorithm.step', ...Array.from({ length: RUNS }, (_, i) => `  ${i + 1}. seed=${i >> 1} algorithm.step=${i % 2 === 0 ? 0.5 : 5}`)]);
    const list = gdlab(['runs', '-r', 'B', '--where', 'algorithm.step>1', '--where', 'seed<3'], dir);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/^3 runs in /);
    // runs.csv's final.loss is the last loss of the same key in the long-form trajectories.
    const [head, ...lines] = readFileSync(join(dir, 'B.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const traj = readFileSync(join(dir, 'B-traj.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const lossCol = traj[0].indexOf('loss');
    for (const line of lines) {
      const last = traj.filter((t) => t[0] === line[head.indexOf('key')]).at(-1) as string[];
      expect(line[head.indexOf('final.loss')]).toBe(last[lossCol]);
      expect(line[head.indexOf('final.iter')]).toBe('600');
    }
    expect(lines.map((l) => l[head.indexOf('algorithm.step')])).toEqual(Array.from({ length: RUNS }, (_, i) => (i % 2 === 0 ? '0.5' : '5')));
  });

  it('bad input is one line and exit code 2, and nothing is created', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'data: {source: p0-two-points}\nalgorithm: {name: lr-gd, step: {log: [1, 0, 3]}}\n');
    const r = gdlab(['sweep', 'bad.yaml', '-r', 'C'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('gdlab: algorithm.step.log: lo and hi must be > 0 (got [1,0,3])\n');
    expect(existsSync(join(dir, 'C'))).toBe(false);
    expect(() => parseWorkers('x')).toThrow(new GdlabError('--workers: must be an integer ≥ 0 (got "x")'));
    expect(parseWorkers('0')).toBe(0);
  });
});
