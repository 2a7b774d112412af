// The logistic loss mean(softplus(−y⊙m)) at margins ±1e300: finite value, gradient and HVP, equal to their limits (no NaN).
import { describe, expect, it } from 'vitest';
import { grad, hvp, matmul, reshape, sigmoid, softplus } from '../../src/autodiff/index.js';
import { fromArray } from '../../src/tensor/index.js';
import { logistic } from './models.js';

const y = fromArray([4], [1, 1, -1, -1]);
const finite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);

describe('logistic loss at |margin| = 1e300', () => {
  it('as a function of the margins: value, gradient and Hessian take their limits', () => {
    const m = fromArray([4], [1e300, -1e300, 1e300, -1e300]);
    // −y m = [−1e300, 1e300, 1e300, −1e300]: softplus → [0, 1e300, 1e300, 0]
    const g = grad((v) => logistic(v, y), [m]);
    expect(g.value).toBe(5e299);
    // ∂/∂m_i = −y_i σ(−y_i m_i)/n → [−0, −1/4, 1/4, 0]
    expect(Array.from(g.grads[0]).map((x) => x + 0)).toEqual([0, -0.25, 0.25, 0]);
    // diagonal Hessian σ(1−σ)/n vanishes in both tails
    const Hv = hvp((v) => logistic(v, y), [m], [Float64Array.of(1, 1, 1, 1)]);
    expect(Array.from(Hv[0]).map((x) => x + 0)).toEqual([0, 0, 0, 0]);
  });

  it('through a linear model whose margins are ±1e300', () => {
    const X = fromArray([4, 2], [1, 0, -1, 0, 0.5, 0, -0.5, 0]);
    const w = fromArray([2], [1e300, 3]);
    const f = (v: typeof w) => logistic(reshape(matmul(X, reshape(v, [2, 1])), [4]), y);
    const g = grad(f, [w]);
    expect(g.value).toBe((1e300 + 0.5e300) / 4);
    expect(finite(g.grads[0])).toBe(true);
    // −(1/n) Σ y_i σ(−y_i m_i) x_i: only samples 2 (σ = 1, x = −1, y = 1) and 3 (σ = 1, x = 0.5, y = −1) count
    expect(g.grads[0][0]).toBe((1 + 0.5) / 4);
    expect(finite(hvp(f, [w], [Float64Array.of(1, -2)])[0])).toBe(true);
  });

  it('sigmoid and softplus stay finite and exact even at ±Infinity', () => {
    const z = fromArray([4], [Infinity, -Infinity, 1e308, -1e308]);
    expect(Array.from(sigmoid(z).data)).toEqual([1, 0, 1, 0]);
    expect(Array.from(softplus(z).data)).toEqual([Infinity, 0, 1e308, 0]);
  });
});
