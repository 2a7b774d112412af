import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { parseRunSpec } from '../../src/run/run-spec.js';
import { planSweep } from '../../src/run/sweep-grid.js';
import { rangeValues } from '../../src/run/sweep-ranges.js';

const base = { data: { source: 'p0-two-points' } };

describe('range forms', () => {
  it('log: n points equally spaced in log10, the ends exactly as written', () => {
    const v = rangeValues({ log: [1e-3, 1e2, 11] } as never, 'algorithm.step') as number[];
    expect(v).toHaveLength(11);
    expect(v[0]).toBe(0.001);
    expect(v[10]).toBe(100);
    v.forEach((x, i) => expect(Math.abs(x / 10 ** (-3 + 0.5 * i) - 1)).toBeLessThan(1e-11));
    expect(v[2]).toBe(0.01); // 10^-2 as typed, not 0.010000000000000002
  });

  it('linear and range: hand-computed grids, no 0.30000000000000004', () => {
    expect(rangeValues({ linear: [0, 1, 5] } as never, 'x')).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(rangeValues({ range: [1, 10, 3] } as never, 'x')).toEqual([1, 4, 7, 10]);
    expect(rangeValues({ range: [0.1, 0.5, 0.1] } as never, 'x')).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues({ range: [2, 4] } as never, 'x')).toEqual([2, 3, 4]);
  });

  it.each([
    [{ log: [0, 1, 3] }, /^algorithm\.step\.log: lo and hi must be > 0/],
    [{ log: [1, 10, 2.5] }, /^algorithm\.step\.log: must be \[lo, hi, count\]/],
    [{ range: [5, 1] }, /^algorithm\.step\.range: needs step > 0 and first ≤ last/],
    [{ values: [] }, /^algorithm\.step\.values: must list at least one value/],
  ])('%j is one error line naming the field', (node, pattern) => {
    expect(() => rangeValues(node as never, 'algorithm.step')).toThrow(pattern);
  });
});

describe('planSweep', () => {
  it('is the Cartesian product, first axis slowest, each run equal to the spec written out by hand', () => {
    const plan = planSweep({ ...base, seed: [0, 1, 2], algorithm: { name: 'lr-gd', step: { log: [0.1, 10, 3] } } }, 'grid');
    expect(plan.name).toBe('grid');
    expect(plan.axes).toEqual(['seed', 'algorithm.step']);
    expect(plan.runs.map((r) => [r.params.seed, r.params['algorithm.step']])).toEqual([
      [0, 0.1], [0, 1], [0, 10], [1, 0.1], [1, 1], [1, 10], [2, 0.1], [2, 1], [2, 10],
    ]);
    const { name: _n, ...fifth } = plan.runs[4].spec;
    const { name: _m, ...byHand } = parseRunSpec({ ...base, seed: 1, algorithm: { name: 'lr-gd', step: 1 } });
    expect(fifth).toEqual(byHand);
    expect(plan.runs[4].spec.name).toBe('grid [seed=1 algorithm.step=1]');
  });

  it('a list is a value where the field takes a list (record.at, init.values), an axis elsewhere', () => {
    const plan = planSweep({ ...base, algorithm: 'batch-perceptron', record: { at: [1, 5] }, init: { kind: 'vector', values: [[1, 2], [3, 4]] } }, 's');
    expect(plan.axes).toEqual(['init.values']);
    expect(plan.runs).toHaveLength(2);
    expect(plan.runs.map((r) => r.spec.record.schedule)).toEqual([{ at: [1, 5] }, { at: [1, 5] }]);
    expect(plan.runs.map((r) => r.spec.init.options.values)).toEqual([[1, 2], [3, 4]]);
    // {values: …} makes an axis even of a list-valued field.
    const forced = planSweep({ ...base, algorithm: 'batch-perceptron', record: { at: { values: [[1], [2, 3]] } } }, 's');
    expect(forced.runs.map((r) => r.spec.record.schedule)).toEqual([{ at: [1] }, { at: [2, 3] }]);
  });

  it('components: a list of components, nested axes inside, and a swept name with options checked per name', () => {
    const mixed = planSweep({ ...base, algorithm: [{ name: 'lr-gd', step: [1, 10] }, 'batch-perceptron'] }, 's');
    expect(mixed.runs.map((r) => [r.spec.algorithm.name, r.spec.algorithm.options.step])).toEqual([['lr-gd', 1], ['lr-gd', 10], ['batch-perceptron', undefined]]);
    expect(mixed.runs.map((r) => r.params.algorithm)).toEqual(['lr-gd step=1', 'lr-gd step=10', 'batch-perceptron']);
    const names = planSweep({ ...base, algorithm: { name: ['normalized-lr-gd', 'lr-gd'], step: [0.1, 1] } }, 's');
    expect(names.axes).toEqual(['algorithm.name', 'algorithm.step']);
    expect(names.runs.map((r) => `${r.spec.algorithm.name}@${r.spec.algorithm.options.step}`)).toEqual(['normalized-lr-gd@0.1', 'normalized-lr-gd@1', 'lr-gd@0.1', 'lr-gd@1']);
  });

  it('no axes: one run named after the file; a bad point names the run and the field', () => {
    const one = planSweep({ ...base, algorithm: { name: 'lr-gd', step: 1 } }, 'single');
    expect(one.runs).toHaveLength(1);
    expect(one.runs[0].spec.name).toBe('single');
    expect(() => planSweep({ ...base, algorithm: { name: 'lr-gd', step: [1, -1] } }, 's')).toThrow(
      new GdlabError('run 2 of 2 (algorithm.step=-1): algorithm.step: must be a finite number > 0 (got -1)'),
    );
  });
});
