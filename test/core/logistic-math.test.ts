import { describe, expect, it } from 'vitest';
import { logisticLoss, sigmoid, softplus } from '../../src/core/logistic-math.js';

describe('stable logistic functions', () => {
  it('match the naive formulas where those are accurate', () => {
    for (const z of [-30, -5, -1, -0.1, 0, 0.1, 1, 5, 30]) {
      expect(sigmoid(z)).toBeCloseTo(1 / (1 + Math.exp(-z)), 15);
      expect(softplus(z)).toBeCloseTo(Math.log(1 + Math.exp(z)), 13);
    }
    expect(sigmoid(0)).toBe(0.5);
    expect(softplus(0)).toBe(Math.LN2);
  });

  it('are finite and correct at |z| up to 1e300, never NaN', () => {
    for (const z of [1e300, -1e300, 1e308, -1e308, 800, -800, 745.2, -745.2]) {
      expect(Number.isNaN(sigmoid(z))).toBe(false);
      expect(Number.isNaN(softplus(z))).toBe(false);
    }
    expect(sigmoid(1e300)).toBe(1);
    expect(sigmoid(-1e300)).toBe(0);
    expect(softplus(1e300)).toBe(1e300);
    expect(softplus(-1e300)).toBe(0);
    expect(logisticLoss(-1e300)).toBe(1e300); // log(1 + e^{1e300}) = 1e300 to float64 precision
    expect(logisticLoss(1e300)).toBe(0);
    // Tiny-tail accuracy: softplus(−40) = e^{−40}(1 − e^{−40}/2 …) to full relative precision.
    expect(softplus(-40) / Math.exp(-40)).toBeCloseTo(1, 15);
    expect(sigmoid(-40) / Math.exp(-40)).toBeCloseTo(1, 15);
    // σ(z) + σ(−z) = 1 across the range
    for (const z of [1e-8, 0.3, 7, 36]) expect(sigmoid(z) + sigmoid(-z)).toBeCloseTo(1, 15);
  });
});
