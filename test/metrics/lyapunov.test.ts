import { describe, expect, it } from 'vitest';
import type { Algorithm, AlgorithmState } from '../../src/algorithms/algorithm.js';
import type { Dataset } from '../../src/data/dataset.js';
import { f64Matrix } from '../../src/kernels/index.js';
import { finiteTimeLyapunov, separations } from '../../src/metrics/lyapunov.js';
import { simpleRun } from '../../src/run/simple-run.js';

/** A "training algorithm" that is a fixed map w ← F(w): its Lyapunov exponent is known in closed form. */
function mapAlgorithm(F: (w: Float64Array) => void): Algorithm<AlgorithmState> {
  return {
    name: 'map',
    init: (w0) => ({ w: Float64Array.from(w0), t: 0 }),
    step(s) {
      F(s.w);
      s.t++;
    },
  };
}

/** One dummy sample in R^d: the loop needs a data set, the map ignores it. */
const dummy = (d: number): Dataset => ({ name: 'dummy', X: f64Matrix(1, d, new Float64Array(d).fill(1)), y: Float64Array.of(1), outputs: 1 });

function pairSeparation(F: (w: Float64Array) => void, w0: number[], delta: number[], steps: number): { t: number[]; sep: number[] } {
  const run = (w: number[]) =>
    simpleRun(mapAlgorithm(F), dummy(w.length), { w0: Float64Array.from(w), maxIter: steps, whenSeparated: false, record: { every: 1 }, weights: true });
  const a = run(w0);
  const b = run(w0.map((x, j) => x + delta[j]));
  return { t: a.trajectory.columns.iter, sep: separations(a.trajectory.weights, b.trajectory.weights) };
}

describe('finiteTimeLyapunov', () => {
  it('linear map with eigenvalues 1.2 and 0.7: λ = ln 1.2 (the spectral radius)', () => {
    const F = (w: Float64Array) => {
      const [a, b] = w;
      w[0] = 1.2 * a + 0.3 * b;
      w[1] = 0.7 * b;
    };
    const { t, sep } = pairSeparation(F, [1, 1], [0.6e-12, 0.8e-12], 200);
    const est = finiteTimeLyapunov(t, sep, { ceiling: 1e-3, skip: 10 });
    expect(est.end).toBe('saturated');
    // 1e-12 · 1.2^t reaches 1e-3 after ln(1e9)/ln 1.2 ≈ 114 steps.
    expect(est.saturatedAt).toBeGreaterThan(100);
    expect(est.saturatedAt).toBeLessThan(125);
    expect(Math.abs(est.exponent - Math.log(1.2))).toBeLessThan(1e-4);
  });

  it('tent map x ← 2 min(x, 1−x): |F′| = 2 everywhere, so λ = ln 2', () => {
    const F = (w: Float64Array) => {
      w[0] = 2 * Math.min(w[0], 1 - w[0]);
    };
    const { t, sep } = pairSeparation(F, [0.1234567], [1e-12], 60);
    const est = finiteTimeLyapunov(t, sep, { ceiling: 1e-3 });
    expect(est.end).toBe('saturated');
    expect(est.points).toBeGreaterThan(25);
    expect(Math.abs(est.exponent - Math.LN2)).toBeLessThan(1e-3);
  });

  it('contraction w ← w/2: λ = −ln 2, and the window runs to the horizon', () => {
    const { t, sep } = pairSeparation((w) => w.forEach((x, j) => (w[j] = x / 2)), [1, -2, 3], [1e-12, 0, 0], 40);
    const est = finiteTimeLyapunov(t, sep, { ceiling: 1e-3 });
    expect(est.end).toBe('horizon');
    expect(est.saturatedAt).toBeUndefined();
    expect(est.to).toBe(40);
    expect(Math.abs(est.exponent + Math.LN2)).toBeLessThan(1e-9);
  });

  it('a per-point ceiling stops the window at the first point that reaches it; merged trajectories stop it too', () => {
    const t = [0, 1, 2, 3, 4];
    const sep = [1, Math.E, Math.E ** 2, 1e9, 1e9];
    const est = finiteTimeLyapunov(t, sep, { ceiling: [10, 10, 10, 10, 1e10] });
    expect([est.from, est.to, est.points, est.saturatedAt, est.end, est.grew]).toEqual([0, 2, 3, 3, 'saturated', false]);
    expect(est.exponent).toBeCloseTo(1, 12);
    const merged = finiteTimeLyapunov(t, [4, 2, 1, 0, 0], { ceiling: 10 });
    expect([merged.to, merged.end]).toEqual([2, 'merged']);
    expect(merged.exponent).toBeCloseTo(-Math.LN2, 12);
    const blown = finiteTimeLyapunov(t, [1, 2, 4, NaN, 8], { ceiling: 1e9 });
    expect([blown.to, blown.end]).toEqual([2, 'nonfinite']);
    expect(() => finiteTimeLyapunov(t, [1, 100, 100, 100, 100], { ceiling: 10 })).toThrow(/1 point/);
  });

  it('a dormant perturbation that then grows in a burst: the slope measures the burst, from its onset', () => {
    const t = Array.from({ length: 100 }, (_, i) => i);
    const sep = t.map((i) => (i < 50 ? 1e-12 * (1 + 0.01 * Math.sin(i)) : 1e-12 * Math.exp(i - 49)));
    const est = finiteTimeLyapunov(t, sep, { ceiling: 1e-3 });
    // 1e-12·e^{t−49} ≥ 1e-3 first at t = 49 + ⌈ln 1e9⌉ = 70; the last point ≤ 10× the first is t = 51 (e² < 10 < e³).
    expect([est.from, est.to, est.saturatedAt, est.grew]).toEqual([51, 69, 70, true]);
    expect(est.exponent).toBeCloseTo(1, 10);
  });

  it('separations is the Euclidean distance per recorded point', () => {
    expect(separations([Float64Array.of(0, 0), Float64Array.of(1, 1)], [Float64Array.of(3, 4), Float64Array.of(1, 1)])).toEqual([5, 0]);
  });
});
