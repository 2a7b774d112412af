// A run's results folder: manifest.json (spec, seed, versions, status, timings), trajectory.csv, and weights.csv when weights are recorded.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOutcome } from '../run/execute.js';
import type { Trajectory } from '../run/trajectory.js';
import { writeFolderAtomic } from './atomic.js';
import { formatNumber, parseNumber } from './number-format.js';
import { gdlabVersion } from './version.js';

export interface Manifest {
  readonly format: 'gdlab-run/1';
  readonly gdlab: string;
  readonly node: string;
  readonly name: string;
  readonly spec: unknown;
  readonly seed: number;
  readonly status: string;
  /** Why a run with status 'failed' stopped (e.g. the flow integrator's step size collapsed); absent otherwise. */
  readonly failure?: string;
  readonly iterations: number;
  readonly data: { readonly name: string; readonly n: number; readonly d: number };
  readonly model: { readonly name: string; readonly numParams: number };
  readonly seconds: number;
  readonly finishedAt: string;
  readonly final: Record<string, number | null>;
}

export function trajectoryCsv(tr: Trajectory): string {
  const names = Object.keys(tr.columns);
  const rows = [names.join(',')];
  const k = tr.columns.iter.length;
  for (let r = 0; r < k; r++) rows.push(names.map((c) => formatNumber(tr.columns[c][r])).join(','));
  return rows.join('\n') + '\n';
}

/** One row per recorded weight vector, labelled with its iteration: the trajectory's rows, or `lastOnly` for the single w of record.weights: 'last'. */
export function weightsCsv(tr: Trajectory, lastOnly?: number): string {
  const p = tr.weights[0]?.length ?? 0;
  const header = ['iter', ...Array.from({ length: p }, (_, j) => `w${j}`)].join(',');
  const rows = tr.weights.map((w, r) => [String(lastOnly ?? tr.columns.iter[r]), ...Array.from(w, formatNumber)].join(','));
  return [header, ...rows].join('\n') + '\n';
}

export function manifestOf(o: RunOutcome): Manifest {
  const c = o.result.trajectory.columns;
  const last = c.iter.length - 1;
  const final = Object.fromEntries(Object.keys(c).map((k) => [k, Number.isFinite(c[k][last]) ? c[k][last] : null]));
  return {
    format: 'gdlab-run/1',
    gdlab: gdlabVersion(),
    node: process.version,
    name: o.spec.name,
    spec: o.spec,
    seed: o.spec.seed,
    status: o.result.status,
    ...(o.result.failure !== undefined ? { failure: o.result.failure } : {}),
    iterations: o.result.iterations,
    data: { name: o.data.name, n: o.data.X.rows, d: o.data.X.cols },
    model: { name: o.model.name, numParams: o.model.numParams },
    seconds: o.result.seconds,
    finishedAt: new Date().toISOString(),
    final,
  };
}

export function writeRunFolder(dir: string, o: RunOutcome): Manifest {
  const manifest = manifestOf(o);
  writeFolderAtomic(dir, (tmp) => {
    writeFileSync(join(tmp, 'trajectory.csv'), trajectoryCsv(o.result.trajectory));
    if (o.result.trajectory.weights.length > 0) writeFileSync(join(tmp, 'weights.csv'), weightsCsv(o.result.trajectory, o.spec.record.weights === 'last' ? o.result.iterations : undefined));
    // The manifest goes last: a folder with a manifest is a complete run.
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  });
  return manifest;
}

/** Read trajectory.csv back into columns (for comparisons and reports). */
export function readTrajectoryCsv(file: string): Record<string, number[]> {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const names = head.split(',');
  const cols: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const row of rows) row.split(',').forEach((cell, j) => cols[names[j]].push(parseNumber(cell)));
  return cols;
}
