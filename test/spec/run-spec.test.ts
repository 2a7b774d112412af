import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { parseCsvDataset } from '../../src/data/csv.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { parseSpecText } from '../../src/spec/load.js';

const base = { data: { source: 'p0-two-points' }, algorithm: { name: 'lr-gd', step: 1 } };

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GdlabError);
    const msg = (e as Error).message;
    expect(msg.includes('\n')).toBe(false);
    return msg;
  }
  throw new Error('expected an error');
}

describe('run spec validation: one line naming the field and the value', () => {
  it('accepts a minimal spec and fills documented defaults', () => {
    const s = parseRunSpec(base);
    expect(s.model.name).toBe('linear');
    expect(s.init.name).toBe('zeros');
    expect(s.seed).toBe(0);
    expect(s.stop).toEqual({ maxIter: 100_000, whenSeparated: true });
    expect(s.record).toEqual({ schedule: { logSpaced: 20 }, weights: false });
  });

  it.each([
    [{ ...base, algorithm: { name: 'adamw', step: 1 } }, /^algorithm\.name: unknown name \(got "adamw"\); expected one of lr-gd, /],
    [{ ...base, algorithm: { name: 'lr-gd', step: -1 } }, /^algorithm\.step: must be a finite number > 0 \(got -1\)$/],
    [{ ...base, algorithm: { name: 'lr-gd', step: NaN } }, /^algorithm\.step: must be a finite number > 0 \(got NaN\)$/],
    [{ ...base, algorithm: { name: 'lr-gd' } }, /^algorithm\.step: .*\(got undefined\)$/],
    [{ ...base, algorithm: { name: 'lr-gd', step: 1, stpe: 2 } }, /^algorithm\.stpe: unknown field \(got 2\)$/],
    [{ ...base, data: { source: 'p0-slow-perceptron', n: 2.5 } }, /^data\.n: must be an integer ≥ 1 \(got 2\.5\)$/],
    [{ ...base, data: { source: 'nope' } }, /^data\.source: unknown source \(got "nope"\)/],
    [{ ...base, stop: { maxIter: -3 } }, /^stop\.maxIter: must be an integer ≥ 0 \(got -3\)$/],
    [{ ...base, record: { every: 2, logSpaced: 3 } }, /^record: choose one of every, logSpaced, at/],
    [{ ...base, seed: 'abc' }, /^seed: .*\(got "abc"\)$/],
    [{ ...base, colour: 'red' }, /^colour: unknown field \(got "red"\)$/],
    [{ algorithm: base.algorithm }, /^data: required/],
    [[1, 2], /^spec: must be a mapping/],
  ])('rejects %j', (raw, pattern) => {
    expect(errorOf(() => parseRunSpec(raw))).toMatch(pattern);
  });

  it('rejects wrong shapes at build time with the field named', () => {
    const s = parseRunSpec({ ...base, init: { kind: 'vector', values: [1, 2, 3] } });
    expect(errorOf(() => executeRun(s))).toBe('init.values: the model has 2 parameters (got "3 values")');
  });

  it('reports malformed YAML with file, line and column', () => {
    expect(errorOf(() => parseSpecText('data: {source: p0-two-points\nalgorithm: [', 'bad.yaml'))).toMatch(/^bad\.yaml:\d+:\d+: malformed spec/);
    expect(errorOf(() => parseSpecText('a: 1\na: 2\n', 'dup.yaml'))).toMatch(/^dup\.yaml:2:1: malformed spec/);
  });
});

describe('CSV data sets', () => {
  it('reads features then a ±1 label, with an optional header and comments', () => {
    const ds = parseCsvDataset('x1,x2,label\n# a comment\n1,2,1\n-3,4.5,-1\n', 'd.csv');
    expect(ds.X.rows).toBe(2);
    expect(ds.X.cols).toBe(2);
    expect(Array.from(ds.X.data)).toEqual([1, 2, -3, 4.5]);
    expect(Array.from(ds.y)).toEqual([1, -1]);
  });

  it.each([
    ['1,2,1\n3,x,-1\n', /^d\.csv:2: column 2 is not a finite number \(got "x"\)$/],
    ['1,2,1\n3,4,0\n', /^d\.csv:2: the label \(last column\) must be 1 or -1 \(got "0"\)$/],
    ['1,2,1\n3,-1\n', /^d\.csv:2: 2 columns where earlier rows have 3$/],
    ['1,Infinity,1\n', /^d\.csv:1: column 2 is not a finite number/],
    ['\n\n', /^d\.csv: no data rows$/],
  ])('rejects %j', (text, pattern) => {
    expect(errorOf(() => parseCsvDataset(text, 'd.csv'))).toMatch(pattern);
  });
});
