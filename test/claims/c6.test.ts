import { describe, expect, it } from 'vitest';
import { C6_QUICK, perceptronOverlap, runC6 } from '../../src/claims/c6.js';
import { storedTwice } from './stored-twice.js';

describe('perceptronOverlap', () => {
  it('P0 Thm 4.1’s two points: θ₁/γ = θ₁(BP) exactly and the distance falls as γ grows', async () => {
    const rows = await perceptronOverlap({ source: 'p0-two-points' }, [1, 100, 1e4], 1);
    // One step: θ₁ = γ(1/2n)Σ y_i b_i for LR+GD and (1/2n)Σ y_i b_i for the batch perceptron, at every γ.
    for (const r of rows) expect(r.distance).toBeLessThan(1e-15);
    const two = await perceptronOverlap({ source: 'p0-two-points' }, [1, 100, 1e4], 2);
    expect(two[0].distance).toBeGreaterThan(two[1].distance);
    expect(two[1].distance).toBeGreaterThan(two[2].distance);
    expect(two[2].agreement).toBe(1);
  });

  it('on 100 MNIST test images the overlap is measured for every γ, between 0 and 1 for agreement', async () => {
    const rows = await perceptronOverlap({ source: 'mnist', classes: [3, 5], perClass: 50, split: 'test' }, [1, 1e6], 5);
    expect(rows.map((r) => r.gamma)).toEqual([1, 1e6]);
    expect(rows[1].distance).toBeLessThan(rows[0].distance);
    for (const r of rows) expect(r.agreement).toBeGreaterThanOrEqual(0);
    expect(rows[1].agreement).toBe(1);
  });
});

describe('C6 small', () => {
  it('tables, checks and series for one pair at 100 images, EuroSAT noted as absent; a second run takes every run from the store', async () => {
    const cfg = {
      ...C6_QUICK,
      pairs: [C6_QUICK.pairs[0]],
      sizes: [100],
      comparison: { ...C6_QUICK.comparison, budget: 20, extendedBudget: 30, linearGammas: [0.01, 100], mcvGammas: [2 ** -4] },
      overlap: { gammas: [1, 1e6], steps: 5, size: 100 },
    };
    const { first: c, again, computed } = await storedTwice((p) => runC6(cfg, p));
    // 3 comparison runs and 3 overlap runs at least.
    expect(computed[0]).toBeGreaterThanOrEqual(6);
    expect(computed[1]).toBe(0);
    expect(again).toEqual(c);
    expect(c.tables[0].rows.length).toBe(1);
    expect(c.tables[1].rows.length).toBe(3);
    expect(c.tables[2].rows.length).toBe(2);
    expect(c.checks.length).toBe(2);
    expect(Object.keys(c.series).length).toBe(3);
    expect(c.notes.some((n) => /EuroSAT not run: .*eurosat/i.test(n))).toBe(true);
  });

  it('an odd size is a one-line error naming sizes', async () => {
    await expect(runC6({ ...C6_QUICK, sizes: [101] })).rejects.toThrow(/^sizes: each size must be an even integer ≥ 2 \(got 101\)$/);
  });
});
