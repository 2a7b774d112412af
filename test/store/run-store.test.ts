import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../src/run/run-spec.js';
import type { RunOutput } from '../../src/run/sweep-task.js';
import { canonicalJson } from '../../src/store/canonical-json.js';
import { fromF64Json, toF64Json } from '../../src/store/f64-json.js';
import { runFields } from '../../src/store/run-fields.js';
import { parseCondition } from '../../src/store/run-filter.js';
import { runKey } from '../../src/store/run-key.js';
import { openStore } from '../../src/store/run-store.js';

const spec = (step: number, seed = 0) => parseRunSpec({ name: `s${step}`, seed, data: { source: 'p0-two-points' }, algorithm: { name: 'lr-gd', step }, record: { every: 1 } });

/** A hand-made outcome with every kind of float64 a trajectory can hold. */
function output(loss: number): RunOutput {
  return {
    status: 'max-iter', iterations: 2, seconds: 0.5,
    data: { name: 'two', n: 2, d: 2 }, model: { name: 'linear', numParams: 2 },
    columns: { iter: Float64Array.of(0, 1, 2), loss: Float64Array.of(Infinity, 0.1 + 0.2, loss), accuracy: Float64Array.of(NaN, -0, 5e-324) },
    weights: Float64Array.of(1, 2, 3, 4, Number.MAX_VALUE, -Infinity),
  };
}

describe('keys and fields', () => {
  it('canonical JSON sorts keys at every depth (hand-written expectation)', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it('a run key ignores the name and key order, and changes with the spec, the version and the data folder', () => {
    const k = runKey(spec(1));
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(runKey({ ...spec(1), name: 'other' })).toBe(k);
    const reordered = Object.fromEntries(Object.entries(spec(1)).reverse()) as ReturnType<typeof spec>;
    expect(runKey(reordered)).toBe(k);
    expect(runKey(spec(2))).not.toBe(k);
    expect(runKey(spec(1, 1))).not.toBe(k);
    expect(runKey(spec(1), undefined, '999.0.0')).not.toBe(k);
    expect(runKey(spec(1), '/data/a')).not.toBe(runKey(spec(1), '/data/b'));
  });

  it('fields are the spec file names', () => {
    expect(runFields(spec(0.5, 3))).toEqual({
      name: 's0.5', seed: 3, 'data.source': 'p0-two-points', 'model.kind': 'linear', 'algorithm.name': 'lr-gd', 'algorithm.step': 0.5,
      'init.kind': 'zeros', loss: 'logistic', 'stop.maxIter': 100_000, 'stop.whenSeparated': true, 'record.every': 1, 'record.weights': false,
      metrics: '[]',
    });
  });

  it('JSON with NaN and ±Infinity round-trips; plain strings stay strings', () => {
    const v = { a: [NaN, Infinity, -Infinity, 1.5], s: 'inf', o: { $f64: 'other' } };
    const back = fromF64Json(toF64Json(v)) as typeof v;
    expect(back.a).toEqual([NaN, Infinity, -Infinity, 1.5]);
    expect(back.s).toBe('inf');
    expect(back.o).toEqual({ $f64: 'other' });
  });

  it('conditions parse into field, operator and typed value; bad ones are one line', () => {
    expect(parseCondition('algorithm.step>=0.1')).toEqual({ field: 'algorithm.step', op: '>=', value: 0.1 });
    expect(parseCondition('status=separated')).toEqual({ field: 'status', op: '=', value: 'separated' });
    expect(parseCondition('stop.whenSeparated = false')).toEqual({ field: 'stop.whenSeparated', op: '=', value: false });
    expect(() => parseCondition('step ~ 3')).toThrow(/^--where: must be field=value/);
    expect(() => parseCondition('status<separated')).toThrow('--where: < needs a number (got "status<separated")');
  });
});

describe('the SQLite store', () => {
  it('keeps every float64 bit for bit, and only done runs count as done, across reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gdlab-store-'));
    const s = openStore(dir, { create: true });
    const [a, b, c] = [spec(1), spec(2), spec(3)];
    const [ka, kb, kc] = [a, b, c].map((x) => runKey(x));
    s.begin(ka, a, runFields(a));
    s.finish(ka, output(0.25));
    s.begin(kb, b, runFields(b)); // running when the process "dies"
    s.begin(kc, c, runFields(c));
    s.fail(kc, 'boom');
    s.close();
    const t = openStore(dir);
    expect([...t.doneKeys([ka, kb, kc, 'nope'])]).toEqual([ka]);
    const o = t.output(ka) as RunOutput;
    const want = output(0.25);
    const bytes = (a: Float64Array): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    for (const k of Object.keys(want.columns)) expect(bytes(o.columns[k]), k).toEqual(bytes(want.columns[k]));
    expect(bytes(o.weights)).toEqual(bytes(want.weights));
    expect(t.output(kb)).toBeUndefined();
    const rows = t.rows();
    expect(rows.map((r) => [r.key, r.state])).toEqual([[ka, 'done'], [kb, 'running'], [kc, 'failed']]);
    expect(rows[0].final).toEqual({ iter: 2, loss: 0.25, accuracy: 5e-324 });
    expect(rows[2].error).toBe('boom');
    t.close();
  });

  it('never rewrites a done run; a redone run counts its attempts', () => {
    const s = openStore(mkdtempSync(join(tmpdir(), 'gdlab-store-')), { create: true });
    const a = spec(1);
    const k = runKey(a);
    s.begin(k, a, runFields(a));
    s.begin(k, a, runFields(a)); // a second attempt after a crash
    s.finish(k, output(0.25));
    s.begin(k, a, runFields(a));
    s.finish(k, output(0.75));
    const [row] = s.rows();
    expect(row.attempts).toBe(2);
    expect(row.final.loss).toBe(0.25);
    expect((s.output(k) as RunOutput).columns.loss[2]).toBe(0.25);
    s.close();
  });

  it('filters on spec fields, final values and status; a sweep lists its runs in grid order, unstarted ones pending', () => {
    const s = openStore(mkdtempSync(join(tmpdir(), 'gdlab-store-')), { create: true });
    const specs = [0.5, 1, 2, 4].map((step) => spec(step));
    const keys = specs.map((x) => runKey(x));
    specs.slice(0, 3).forEach((x, i) => {
      s.begin(keys[i], x, runFields(x));
      s.finish(keys[i], output(1 / (x.algorithm.options.step as number)));
    });
    const steps = (where: string[]): unknown[] => s.rows({ where: where.map(parseCondition) }).map((r) => r.fields['algorithm.step']);
    expect(steps(['algorithm.step>=1'])).toEqual([1, 2]);
    expect(steps(['final.loss<1.5'])).toEqual([1, 2]);
    expect(steps(['algorithm.step!=1', 'status=max-iter'])).toEqual([0.5, 2]);
    expect(steps(['algorithm.name=lr-gd'])).toEqual([0.5, 1, 2]);
    expect(steps(['stop.whenSeparated=true'])).toEqual([0.5, 1, 2]);
    expect(s.rows({ limit: 2 })).toHaveLength(2);
    s.saveSweep({ name: 'w', source: 'step: [...]', axes: ['algorithm.step'], runs: [3, 1, 0, 2].map((i) => ({ key: keys[i], params: { 'algorithm.step': specs[i].algorithm.options.step as number } })) });
    const sw = s.rows({ sweep: 'w' });
    expect(sw.map((r) => [r.params?.['algorithm.step'], r.state])).toEqual([[4, 'pending'], [1, 'done'], [0.5, 'done'], [2, 'done']]);
    expect(s.rows({ sweep: 'w', where: [parseCondition('state=pending')] }).map((r) => r.key)).toEqual([keys[3]]);
    expect(s.sweeps().map((x) => [x.name, x.runs])).toEqual([['w', 4]]);
    s.close();
  });

  it('stores claim results with their NaN and ±Infinity and their run keys', () => {
    const s = openStore(mkdtempSync(join(tmpdir(), 'gdlab-store-')), { create: true });
    const result = { id: 'cx', tables: [{ rows: [[Infinity, NaN]] }], series: { s: { x: [1, -Infinity] } } };
    s.saveClaim({ id: 'cx', variant: 'quick', result, seconds: 1.5, options: { quick: true }, keys: ['k2', 'k1'] });
    const [c] = s.claims();
    expect(c.result).toEqual(result);
    expect(c.keys).toEqual(['k2', 'k1']);
    expect([c.id, c.variant, c.seconds]).toEqual(['cx', 'quick', 1.5]);
    s.close();
  });

  it('a results folder without a store is one error line', () => {
    expect(() => openStore(join(tmpdir(), 'no-such-results'))).toThrow(/gdlab\.sqlite: no result store here/);
  });
});
