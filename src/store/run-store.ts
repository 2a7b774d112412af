// The result store: one SQLite file (better-sqlite3, WAL) holding runs by key, their trajectories as float64 blobs, sweeps and claim results.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { GdlabError } from '../core/errors.js';
import type { RunSpec } from '../run/run-spec.js';
import type { Params } from '../run/sweep-grid.js';
import type { RunOutput } from '../run/sweep-task.js';
import { fromF64Json, toF64Json } from './f64-json.js';
import { type Condition, conditionSql } from './run-filter.js';
import type { Fields } from './run-fields.js';
import { gdlabVersion } from './version.js';

export const STORE_FILE = 'gdlab.sqlite';
const FORMAT = 'gdlab-store/1';

export type RunState = 'pending' | 'running' | 'done' | 'failed';

export interface RunRow {
  readonly key: string;
  readonly state: RunState;
  /** The grid coordinates, when listed through a sweep. */
  readonly params?: Params;
  /** Absent for a sweep entry that never started. */
  readonly name?: string;
  readonly spec?: RunSpec;
  readonly fields: Fields;
  readonly status?: string;
  readonly iterations?: number;
  readonly seconds?: number;
  readonly failure?: string;
  readonly error?: string;
  readonly data?: RunOutput['data'];
  readonly model?: RunOutput['model'];
  /** Last recorded value of each trajectory column (null where not finite). */
  readonly final: Readonly<Record<string, number | null>>;
  readonly attempts: number;
  readonly writer?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly gdlab?: string;
  readonly node?: string;
}

export interface RunQuery {
  readonly sweep?: string;
  readonly claim?: { readonly id: string; readonly variant: string };
  readonly where?: readonly Condition[];
  readonly limit?: number;
}

export interface SweepRecord {
  readonly name: string;
  /** The sweep file's text as given. */
  readonly source: string;
  readonly axes: readonly string[];
  readonly runs: readonly { readonly key: string; readonly params: Params }[];
}

export interface SweepRow {
  readonly name: string;
  readonly source: string;
  readonly axes: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly runs: number;
}

export interface ClaimRecord {
  readonly id: string;
  /** 'quick' or 'full'. */
  readonly variant: string;
  /** The claim's result (ClaimResult), stored as JSON that keeps NaN and ±Infinity. */
  readonly result: unknown;
  readonly seconds: number;
  readonly options: unknown;
  readonly keys: readonly string[];
  readonly gdlab?: string;
  readonly node?: string;
  readonly finishedAt?: string;
}

export interface RunStore {
  readonly file: string;
  /** Who writes: pid and start time of this process, recorded on the runs it begins. */
  readonly writer: string;
  doneKeys(keys: readonly string[]): Set<string>;
  /** Mark a run as running (a run that is running or failed is not done: a later sweep redoes it). Never touches a done run. */
  begin(key: string, spec: RunSpec, fields: Fields): void;
  /** begin() for many runs in one transaction (a batch's runs, marked when the batch starts: one commit, not one per run). */
  beginMany(runs: readonly { readonly key: string; readonly spec: RunSpec; readonly fields: Fields }[]): void;
  /** Store a finished run and its trajectory in one transaction: a run is either completely stored and done, or not done. */
  finish(key: string, output: RunOutput): void;
  fail(key: string, message: string): void;
  output(key: string): RunOutput | undefined;
  rows(q?: RunQuery): RunRow[];
  saveSweep(s: SweepRecord): void;
  sweeps(): SweepRow[];
  saveClaim(c: ClaimRecord): void;
  claims(): ClaimRecord[];
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  key TEXT PRIMARY KEY, name TEXT NOT NULL, gdlab TEXT NOT NULL, spec TEXT NOT NULL, fields TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')), attempts INTEGER NOT NULL, writer TEXT NOT NULL, started_at TEXT NOT NULL,
  status TEXT, iterations INTEGER, seconds REAL, failure TEXT, error TEXT, data TEXT, model TEXT, final TEXT, node TEXT, finished_at TEXT);
CREATE INDEX IF NOT EXISTS runs_state ON runs (state);
CREATE TABLE IF NOT EXISTS trajectories (
  key TEXT PRIMARY KEY REFERENCES runs (key) ON DELETE CASCADE, columns TEXT NOT NULL, rows INTEGER NOT NULL, data BLOB NOT NULL, weights BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sweeps (name TEXT PRIMARY KEY, source TEXT NOT NULL, axes TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sweep_runs (
  sweep TEXT NOT NULL REFERENCES sweeps (name) ON DELETE CASCADE, position INTEGER NOT NULL, key TEXT NOT NULL, params TEXT NOT NULL, PRIMARY KEY (sweep, position));
CREATE INDEX IF NOT EXISTS sweep_runs_key ON sweep_runs (key);
CREATE TABLE IF NOT EXISTS claims (
  id TEXT NOT NULL, variant TEXT NOT NULL, result TEXT NOT NULL, seconds REAL NOT NULL, options TEXT NOT NULL,
  gdlab TEXT NOT NULL, node TEXT NOT NULL, finished_at TEXT NOT NULL, PRIMARY KEY (id, variant));
CREATE TABLE IF NOT EXISTS claim_runs (id TEXT NOT NULL, variant TEXT NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY (id, variant, position));
`;

/** float64 arrays as blobs: the bytes of a Float64Array (little-endian on every platform Node supports). */
function blob(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function f64(b: Buffer): Float64Array {
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function finalValues(columns: Readonly<Record<string, Float64Array>>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => {
    const x = v[v.length - 1];
    return [k, Number.isFinite(x) ? x : null];
  }));
}

type Row = Record<string, string | number | null>;

function rowOf(r: Row): RunRow {
  const json = <T>(k: string): T | undefined => (r[k] === null || r[k] === undefined ? undefined : (JSON.parse(r[k] as string) as T));
  const opt = <T>(k: string): T | undefined => (r[k] === null || r[k] === undefined ? undefined : (r[k] as T));
  const entries: [string, unknown][] = [
    ['key', r.key], ['state', r.state], ['params', json<Params>('params')], ['name', opt('name')], ['spec', json<RunSpec>('spec')],
    ['fields', json<Fields>('fields') ?? {}], ['status', opt('status')], ['iterations', opt('iterations')], ['seconds', opt('seconds')],
    ['failure', opt('failure')], ['error', opt('error')], ['data', json('data')], ['model', json('model')], ['final', json('final') ?? {}],
    ['attempts', r.attempts ?? 0], ['writer', opt('writer')], ['startedAt', opt('started_at')], ['finishedAt', opt('finished_at')],
    ['gdlab', opt('gdlab')], ['node', opt('node')],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as unknown as RunRow;
}

/** Open (creating if asked) the store of a results folder: RESULTS/gdlab.sqlite. */
export function openStore(resultsDir: string, opts: { create?: boolean } = {}): RunStore {
  const file = join(resultsDir, STORE_FILE);
  if (!opts.create && !existsSync(file)) throw new GdlabError(`${file}: no result store here (gdlab sweep, reproduce and main create one)`);
  mkdirSync(dirname(file), { recursive: true });
  return openStoreFile(file);
}

export function openStoreFile(file: string): RunStore {
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 10_000 });
    db.pragma('journal_mode = WAL'); // readers (gdlab runs, report) never block the sweep that writes
    db.pragma('synchronous = NORMAL'); // in WAL mode: durable across a killed process, which is what resuming needs
    db.pragma('foreign_keys = ON');
    db.exec(SCHEMA);
  } catch (e) {
    throw new GdlabError(`${file}: cannot open the result store (${e instanceof Error ? e.message : String(e)})`);
  }
  const format = (db.prepare('SELECT v FROM meta WHERE k = ?').get('format') as { v: string } | undefined)?.v;
  if (format === undefined) db.prepare('INSERT INTO meta (k, v) VALUES (?, ?)').run('format', FORMAT);
  else if (format !== FORMAT) {
    db.close();
    throw new GdlabError(`${file}: store format is ${format}, this gdlab reads ${FORMAT}`);
  }

  const writer = `${process.pid}@${new Date().toISOString()}`;
  const now = (): string => new Date().toISOString();
  const st = {
    isDone: db.prepare("SELECT 1 FROM runs WHERE key = ? AND state = 'done'"),
    begin: db.prepare(`INSERT INTO runs (key, name, gdlab, spec, fields, state, attempts, writer, started_at) VALUES (@key, @name, @gdlab, @spec, @fields, 'running', 1, @writer, @now)
      ON CONFLICT (key) DO UPDATE SET state = 'running', attempts = attempts + 1, writer = @writer, started_at = @now, error = NULL WHERE state != 'done'`),
    finish: db.prepare(`UPDATE runs SET state = 'done', status = @status, iterations = @iterations, seconds = @seconds, failure = @failure, data = @data, model = @model,
      final = @final, node = @node, finished_at = @now WHERE key = @key AND state != 'done'`),
    trajectory: db.prepare('INSERT OR REPLACE INTO trajectories (key, columns, rows, data, weights) VALUES (?, ?, ?, ?, ?)'),
    fail: db.prepare("UPDATE runs SET state = 'failed', error = ?, finished_at = ? WHERE key = ? AND state != 'done'"),
    output: db.prepare("SELECT r.status, r.iterations, r.seconds, r.failure, r.data, r.model, t.columns, t.rows, t.data AS values_, t.weights FROM runs r JOIN trajectories t ON t.key = r.key WHERE r.key = ? AND r.state = 'done'"),
  };
  const finish = db.transaction((key: string, o: RunOutput) => {
    const names = Object.keys(o.columns);
    const rows = names.length === 0 ? 0 : o.columns[names[0]].length;
    const all = new Float64Array(rows * names.length);
    names.forEach((n, j) => all.set(o.columns[n], j * rows));
    const changed = st.finish.run({
      key, status: o.status, iterations: o.iterations, seconds: o.seconds, failure: o.failure ?? null, data: JSON.stringify(o.data),
      model: JSON.stringify(o.model), final: JSON.stringify(finalValues(o.columns)), node: process.version, now: now(),
    }).changes;
    if (changed === 1) st.trajectory.run(key, JSON.stringify(names), rows, blob(all), blob(o.weights));
  });

  const begin = (key: string, spec: RunSpec, fields: Fields): void => {
    st.begin.run({ key, name: spec.name, gdlab: gdlabVersion(), spec: JSON.stringify(spec), fields: JSON.stringify(fields), writer, now: now() });
  };
  const store: RunStore = {
    file,
    writer,
    doneKeys: (keys) => new Set(keys.filter((k) => st.isDone.get(k) !== undefined)),
    begin,
    beginMany: db.transaction((runs: readonly { key: string; spec: RunSpec; fields: Fields }[]) => {
      for (const r of runs) begin(r.key, r.spec, r.fields);
    }),
    finish: (key, output) => finish(key, output),
    fail(key, message) {
      st.fail.run(message, now(), key);
    },
    output(key) {
      const r = st.output.get(key) as (Row & { values_: Buffer; weights: Buffer }) | undefined;
      if (r === undefined) return undefined;
      const names = JSON.parse(r.columns as string) as string[];
      const rows = r.rows as number;
      const all = f64(r.values_);
      return {
        status: r.status as RunOutput['status'],
        iterations: r.iterations as number,
        seconds: r.seconds as number,
        ...(r.failure !== null ? { failure: r.failure as string } : {}),
        data: JSON.parse(r.data as string) as RunOutput['data'],
        model: JSON.parse(r.model as string) as RunOutput['model'],
        columns: Object.fromEntries(names.map((n, j) => [n, all.slice(j * rows, (j + 1) * rows)])),
        weights: f64(r.weights),
      };
    },
    rows(q = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      let from = 'runs r';
      let order = 'r.rowid'; // the order runs were first begun
      let select = 'r.*, NULL AS params';
      if (q.sweep !== undefined) {
        from = 'sweep_runs s LEFT JOIN runs r ON r.key = s.key';
        select = "r.*, s.key AS key, COALESCE(r.state, 'pending') AS state, COALESCE(r.attempts, 0) AS attempts, s.params AS params";
        where.push('s.sweep = ?');
        params.push(q.sweep);
        order = 's.position';
      }
      if (q.claim !== undefined) {
        from = 'claim_runs c JOIN runs r ON r.key = c.key';
        where.push('c.id = ? AND c.variant = ?');
        params.push(q.claim.id, q.claim.variant);
        order = 'c.position';
      }
      for (const c of q.where ?? []) {
        const s = conditionSql(c);
        where.push(s.sql);
        params.push(...s.params);
      }
      const sql = `SELECT ${select} FROM ${from}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}${q.limit !== undefined ? ` LIMIT ${Math.floor(q.limit)}` : ''}`;
      return (db.prepare(sql).all(...params) as Row[]).map(rowOf);
    },
    saveSweep: db.transaction((s: SweepRecord) => {
      const t = now();
      db.prepare('INSERT INTO sweeps (name, source, axes, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET source = excluded.source, axes = excluded.axes, updated_at = excluded.updated_at')
        .run(s.name, s.source, JSON.stringify(s.axes), t, t);
      db.prepare('DELETE FROM sweep_runs WHERE sweep = ?').run(s.name);
      const add = db.prepare('INSERT INTO sweep_runs (sweep, position, key, params) VALUES (?, ?, ?, ?)');
      s.runs.forEach((r, i) => add.run(s.name, i, r.key, JSON.stringify(r.params)));
    }),
    sweeps() {
      const rows = db.prepare('SELECT s.*, (SELECT COUNT(*) FROM sweep_runs r WHERE r.sweep = s.name) AS runs FROM sweeps s ORDER BY s.name').all() as Row[];
      return rows.map((r) => ({
        name: r.name as string, source: r.source as string, axes: JSON.parse(r.axes as string) as string[],
        createdAt: r.created_at as string, updatedAt: r.updated_at as string, runs: r.runs as number,
      }));
    },
    saveClaim: db.transaction((c: ClaimRecord) => {
      db.prepare('INSERT OR REPLACE INTO claims (id, variant, result, seconds, options, gdlab, node, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(c.id, c.variant, toF64Json(c.result), c.seconds, JSON.stringify(c.options ?? null), gdlabVersion(), process.version, now());
      db.prepare('DELETE FROM claim_runs WHERE id = ? AND variant = ?').run(c.id, c.variant);
      const add = db.prepare('INSERT INTO claim_runs (id, variant, position, key) VALUES (?, ?, ?, ?)');
      c.keys.forEach((k, i) => add.run(c.id, c.variant, i, k));
    }),
    claims() {
      const rows = db.prepare('SELECT * FROM claims ORDER BY id, variant').all() as Row[];
      const keysOf = db.prepare('SELECT key FROM claim_runs WHERE id = ? AND variant = ? ORDER BY position').pluck();
      return rows.map((r) => ({
        id: r.id as string, variant: r.variant as string, result: fromF64Json(r.result as string), seconds: r.seconds as number,
        options: JSON.parse(r.options as string) as unknown, keys: keysOf.all(r.id, r.variant) as string[],
        gdlab: r.gdlab as string, node: r.node as string, finishedAt: r.finished_at as string,
      }));
    },
    close() {
      db.close();
    },
  };
  return store;
}
