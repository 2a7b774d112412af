// The Dormand–Prince tableau against the Runge–Kutta order conditions (Butcher trees up to order 5) and its dense output against the θ-scaled order-4 conditions.
import { describe, expect, it } from 'vitest';
import { DP_A, DP_B4, DP_B5, DP_C, DP_D, DP_E, dormandPrinceDense } from '../../src/linalg/index.js';

const S = 7;
const c = Float64Array.from(DP_C);
const times = (x: Float64Array, y: Float64Array) => x.map((v, i) => v * y[i]);
const pow = (x: Float64Array, p: number) => x.map((v) => v ** p);
/** (A x)_s = Σ_j a_sj x_j */
const A = (x: Float64Array) => Float64Array.from({ length: S }, (_, s) => DP_A[s].reduce((acc, a, j) => acc + a * x[j], 0));
const dot = (b: ArrayLike<number>, x: Float64Array) => x.reduce((acc, v, i) => acc + b[i] * v, 0);
const ones = new Float64Array(S).fill(1);

/** Elementary weights Φ(τ) and 1/γ(τ) for every rooted tree of order ≤ 5 (Butcher; HNW I, Table II.2.2). */
const trees: { order: number; phi: Float64Array; value: number }[] = [
  { order: 1, phi: ones, value: 1 },
  { order: 2, phi: c, value: 1 / 2 },
  { order: 3, phi: pow(c, 2), value: 1 / 3 },
  { order: 3, phi: A(c), value: 1 / 6 },
  { order: 4, phi: pow(c, 3), value: 1 / 4 },
  { order: 4, phi: times(c, A(c)), value: 1 / 8 },
  { order: 4, phi: A(pow(c, 2)), value: 1 / 12 },
  { order: 4, phi: A(A(c)), value: 1 / 24 },
  { order: 5, phi: pow(c, 4), value: 1 / 5 },
  { order: 5, phi: times(pow(c, 2), A(c)), value: 1 / 10 },
  { order: 5, phi: pow(A(c), 2), value: 1 / 20 },
  { order: 5, phi: times(c, A(pow(c, 2))), value: 1 / 15 },
  { order: 5, phi: times(c, A(A(c))), value: 1 / 30 },
  { order: 5, phi: A(pow(c, 3)), value: 1 / 20 },
  { order: 5, phi: A(times(c, A(c))), value: 1 / 40 },
  { order: 5, phi: A(A(pow(c, 2))), value: 1 / 60 },
  { order: 5, phi: A(A(A(c))), value: 1 / 120 },
];

describe('Dormand–Prince 5(4) tableau', () => {
  it('row sums of a equal the nodes c; the last row is b5 (FSAL)', () => {
    for (let s = 0; s < S; s++) expect(Math.abs(DP_A[s].reduce((x, y) => x + y, 0) - DP_C[s])).toBeLessThan(1e-15);
    expect([...DP_A[6], 0]).toEqual([...DP_B5]);
  });

  it('b5 satisfies all 17 order conditions up to order 5, b4 those up to order 4 but not order 5', () => {
    for (const t of trees) expect(Math.abs(dot(DP_B5, t.phi) - t.value)).toBeLessThan(1e-15);
    for (const t of trees.filter((x) => x.order <= 4)) expect(Math.abs(dot(DP_B4, t.phi) - t.value)).toBeLessThan(1e-15);
    expect(Math.abs(dot(DP_B4, pow(c, 4)) - 1 / 5)).toBeGreaterThan(1e-4);
  });

  it('error weights e = b5 − b4', () => {
    for (let s = 0; s < S; s++) expect(Math.abs(DP_E[s] - (DP_B5[s] - DP_B4[s]))).toBeLessThan(2e-16);
  });

  it('dense output: weights b(θ) satisfy Σ b(θ)Φ(τ) = θ^ρ(τ)/γ(τ) for order ≤ 4, b(0) = 0, b(1) = b5', () => {
    // With h = 1, y0 = 0 and k_s = e_s, the interpolant's component i is exactly the weight b_i(θ).
    const k = Array.from({ length: S }, (_, s) => Float64Array.from({ length: S }, (_, i) => (i === s ? 1 : 0)));
    const weights = (theta: number) => {
      const out = new Float64Array(S);
      dormandPrinceDense(out, theta, 1, new Float64Array(S), Float64Array.from(DP_B5), k);
      return out;
    };
    for (const theta of [0.1, 0.37, 0.5, 0.83]) {
      const b = weights(theta);
      for (const t of trees.filter((x) => x.order <= 4)) expect(Math.abs(dot(b, t.phi) - theta ** t.order * t.value)).toBeLessThan(1e-14);
    }
    expect(Array.from(weights(0)).every((x) => x === 0)).toBe(true);
    weights(1).forEach((x, i) => expect(Math.abs(x - DP_B5[i])).toBeLessThan(1e-16));
    expect(DP_D[1]).toBe(0);
  });
});
