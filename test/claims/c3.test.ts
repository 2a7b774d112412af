// C3 on a small case: GD from R·θ₀ tracks the generalized / quadratic perceptron from θ₀ better as R grows; LR+GD/γ tracks the batch perceptron as γ grows.
import { describe, expect, it } from 'vitest';
import { cosine, gdStepAtScale, moves, runC3 } from '../../src/claims/c3.js';

describe('C3', () => {
  const r = runC3({ n: 30, d: 8, width: 6, steps: 15, gamma: 1, probes: 500, scales: [1, 30, 1e4] });

  it('for m_cv, the ReLU net (a trained and a fixed) and the linear model, disagreement falls and cosine rises with the scale', () => {
    const groups = new Map<string, typeof r.rows>();
    for (const row of [...r.rows, ...r.linear]) groups.set(row.model, [...(groups.get(row.model) ?? []), row]);
    expect(groups.size).toBe(4);
    for (const [name, rows] of groups) {
      expect(moves(rows), name).toBe(true);
      const [small, , large] = rows.map((x) => x.tracking);
      expect(large.maxDisagreement, name).toBeLessThan(small.maxDisagreement);
      expect(1 - large.minCosine, name).toBeLessThan(1e-6);
    }
  });

  it('the naive step γ/R² does not track the perceptron', () => {
    expect(r.naive[r.naive.length - 1].tracking.minCosine).toBeLessThan(0.99);
  });

  it('step correspondence γ·R^(2−L) and the cosine helper', () => {
    expect(gdStepAtScale(0.5, 100, 2)).toBe(0.5);
    expect(gdStepAtScale(0.5, 100, 1)).toBe(50);
    expect(gdStepAtScale(0.5, 10, 3)).toBeCloseTo(0.05, 15);
    expect(cosine(Float64Array.from([1, 0]), Float64Array.from([1, 1]))).toBeCloseTo(Math.SQRT1_2, 15);
  });
});
