// Every P0 algorithm on hand-computable cases: P0 Thm 4.1's two points a₁ = y₁b₁ = (1, −1), a₂ = y₂b₂ = (1, 4).
import { describe, expect, it } from 'vitest';
import { batchPerceptron } from '../../src/algorithms/batch-perceptron.js';
import { generalizedPerceptron } from '../../src/algorithms/generalized-perceptron.js';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import { normalizedLrGd } from '../../src/algorithms/normalized-lr-gd.js';
import { normalizedPerceptron } from '../../src/algorithms/normalized-perceptron.js';
import { onlinePerceptron } from '../../src/algorithms/online-perceptron.js';
import { p0TwoPoints } from '../../src/data/synthetic/p0-two-points.js';
import { key } from '../../src/rng/index.js';
import { simpleRun } from '../../src/run/simple-run.js';

const data = p0TwoPoints();
const a1 = [1, -1];
const a2 = [1, 4];
const dotA = (a: number[], w: ArrayLike<number>): number => a[0] * w[0] + a[1] * w[1];
const sig = (z: number): number => 1 / (1 + Math.exp(-z));
const iterates = (r: ReturnType<typeof simpleRun>): number[][] => r.trajectory.weights.map((w) => Array.from(w));

describe('P0 algorithms on two points', () => {
  it('LR+GD: θ₁ = γ(1/2, 3/4) and θ₂ by the update formula', () => {
    for (const g of [0.3, 1, 7]) {
      const r = simpleRun(lrGd({ step: g }), data, { maxIter: 2, whenSeparated: false, record: { every: 1 }, weights: true });
      const [w0, w1, w2] = iterates(r);
      expect(w0).toEqual([0, 0]);
      expect(w1[0]).toBeCloseTo(g / 2, 15);
      expect(w1[1]).toBeCloseTo((3 * g) / 4, 15);
      const s1 = sig(-dotA(a1, w1));
      const s2 = sig(-dotA(a2, w1));
      expect(w2[0]).toBeCloseTo(w1[0] + (g / 2) * (s1 * a1[0] + s2 * a2[0]), 14);
      expect(w2[1]).toBeCloseTo(w1[1] + (g / 2) * (s1 * a1[1] + s2 * a2[1]), 14);
    }
  });

  it('batch perceptron: θ₁ = (1/2, 3/4), θ₂ = (1, 1/4), separated at t = 2', () => {
    const r = simpleRun(batchPerceptron(), data, { record: { every: 1 }, weights: true });
    expect(iterates(r)).toEqual([[0, 0], [0.5, 0.75], [1, 0.25]]);
    expect(r.status).toBe('separated');
    expect(r.iterations).toBe(2);
  });

  it('online perceptron (first misclassified): 0 → (1,−1) → (2,3) → (3,2), separated at t = 3', () => {
    const r = simpleRun(onlinePerceptron(), data, { record: { every: 1 }, weights: true });
    expect(iterates(r)).toEqual([[0, 0], [1, -1], [2, 3], [3, 2]]);
    expect(r.iterations).toBe(3);
  });

  it('online perceptron (random pick) only ever adds a misclassified sample, and replays bit for bit', () => {
    const run = (): number[][] => iterates(simpleRun(onlinePerceptron({ pick: 'random' }), data, { record: { every: 1 }, weights: true, key: key(5) }));
    const ws = run();
    for (let t = 1; t < ws.length; t++) {
      const d = [ws[t][0] - ws[t - 1][0], ws[t][1] - ws[t - 1][1]];
      const which = d[0] === a1[0] && d[1] === a1[1] ? a1 : a2;
      expect(d).toEqual(which);
      expect(dotA(which, ws[t - 1])).toBeLessThanOrEqual(0);
    }
    expect(run()).toEqual(ws);
  });

  it('normalized batch perceptron: (1, 3/2) then + a₁ = (2, 1/2), separated at t = 2', () => {
    const r = simpleRun(normalizedPerceptron(), data, { record: { every: 1 }, weights: true });
    expect(iterates(r)).toEqual([[0, 0], [1, 1.5], [2, 0.5]]);
  });

  it('normalized LR+GD: weights s_i/Σs by the formula, and no 0/0 when every s_i underflows', () => {
    const g = 2;
    const r = simpleRun(normalizedLrGd({ step: g }), data, { maxIter: 2, whenSeparated: false, record: { every: 1 }, weights: true });
    const [, w1, w2] = iterates(r);
    expect(w1).toEqual([g, 1.5 * g]); // s₁ = s₂ = ½
    const s1 = sig(-dotA(a1, w1));
    const s2 = sig(-dotA(a2, w1));
    expect(w2[0]).toBeCloseTo(w1[0] + (g * (s1 * a1[0] + s2 * a2[0])) / (s1 + s2), 14);
    expect(w2[1]).toBeCloseTo(w1[1] + (g * (s1 * a1[1] + s2 * a2[1])) / (s1 + s2), 14);
    // At w₀ = (1e4, −1e3) both margins exceed 1e3, so σ(−margin) = 0 in float64: the step goes along the smaller-margin sample.
    const w0 = Float64Array.from([1e4, -1e3]);
    const far = simpleRun(normalizedLrGd({ step: 1 }), data, { w0, maxIter: 1, whenSeparated: false, record: { every: 1 }, weights: true });
    const wf = iterates(far)[1];
    // margins: a₁·w₀ = 11000, a₂·w₀ = 6000 → all weight on a₂
    expect(wf).toEqual([1e4 + 1, -1e3 + 4]);
  });

  it('generalized perceptron with the linear model from 0: w₁ = (γ/2)(a₁ + a₂)', () => {
    const r = simpleRun(generalizedPerceptron({ step: 3 }), data, { maxIter: 1, whenSeparated: false, record: { every: 1 }, weights: true });
    expect(iterates(r)[1]).toEqual([3, 4.5]);
  });
});
