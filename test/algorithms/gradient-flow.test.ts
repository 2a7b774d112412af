import { describe, expect, it } from 'vitest';
import { type GradientFlowState, gradientFlow } from '../../src/algorithms/gradient-flow.js';
import type { Oracle } from '../../src/algorithms/algorithm.js';
import type { Dataset } from '../../src/data/dataset.js';
import { gaussianRegression } from '../../src/data/synthetic/gaussian-regression.js';
import { symmetricEigen } from '../../src/linalg/index.js';
import type { Loss } from '../../src/losses/loss.js';
import { squaredLoss } from '../../src/losses/squared.js';
import { ntkMatrix } from '../../src/metrics/ntk.js';
import { mlpModel } from '../../src/models/mlp.js';
import type { Model } from '../../src/models/model.js';
import { key, normal } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { runLoop } from '../../src/run/loop.js';
import { parseRunSpec } from '../../src/run/run-spec.js';

/** θ(t) = θ₀ − Q diag(φ(λ_j t)·t) Qᵀ g₀ for θ' = −(Aθ − b), A = XᵀX, b = Xᵀy, g₀ = Aθ₀ − b, φ(z) = (1 − e^{−z})/z: the matrix exponential in A's eigenbasis. */
function leastSquaresFlow(data: Dataset, theta0: Float64Array, t: number): Float64Array {
  const { rows: n, cols: d } = data.X;
  const X = data.X.data as Float64Array;
  const A = new Float64Array(d * d);
  const g0 = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let r = -data.y[i];
    for (let j = 0; j < d; j++) r += X[i * d + j] * theta0[j];
    for (let j = 0; j < d; j++) {
      g0[j] += X[i * d + j] * r;
      for (let k = 0; k < d; k++) A[j * d + k] += X[i * d + j] * X[i * d + k];
    }
  }
  const { values, vectors } = symmetricEigen(A, d);
  const out = Float64Array.from(theta0);
  for (let j = 0; j < d; j++) {
    let c = 0;
    for (let i = 0; i < d; i++) c += vectors[i * d + j] * g0[i];
    const z = values[j] * t;
    const phiT = Math.abs(z) < 1e-12 ? t : -Math.expm1(-z) / values[j];
    for (let i = 0; i < d; i++) out[i] -= vectors[i * d + j] * phiT * c;
  }
  return out;
}

function oracleFor(model: Model, data: Dataset, state: { w: Float64Array }): Oracle {
  const outputs = new Float64Array(data.X.rows * model.outputs);
  return {
    data, model, outputs,
    pullback: (coef, out) => model.pullback(state.w, data, coef, out),
    outputsAt: (w, out) => void model.forward(w, data, out),
  };
}

function steps(alg: ReturnType<typeof gradientFlow>, s: GradientFlowState, model: Model, data: Dataset, k: number): void {
  const oracle = oracleFor(model, data, s);
  for (let i = 0; i < k; i++) alg.step(s, oracle, key(0));
}

describe('gradient flow algorithm', () => {
  it('matches the closed-form least-squares flow through the registry (linear model, squared loss) to 1e-8', () => {
    for (const [n, d] of [[8, 3], [3, 6]]) {
      // n < d: A = XᵀX is singular, the flow keeps θ₀'s component in ker X.
      const spec = parseRunSpec({
        seed: 3,
        data: { source: 'gaussian-regression', n, d },
        model: 'linear',
        loss: 'squared',
        algorithm: { name: 'gradient-flow', dt: 0.25, rtol: 1e-12, atol: 1e-14 },
        init: { kind: 'normal' },
        stop: { maxIter: 40 },
        record: { every: 1, weights: true },
      });
      const { result, data, w0 } = executeRun(spec);
      expect(result.status).toBe('max-iter');
      expect(result.trajectory.weights.length).toBe(41);
      let worst = 0;
      result.trajectory.weights.forEach((w, k) => {
        const exact = leastSquaresFlow(data, w0, k * 0.25);
        for (let j = 0; j < d; j++) worst = Math.max(worst, Math.abs(w[j] - exact[j]) / (1 + Math.abs(exact[j])));
      });
      expect(worst).toBeLessThan(1e-8);
      // The flow made progress: the check is not passed by standing still.
      const c = result.trajectory.columns.loss;
      expect(c[40]).toBeLessThan(0.9 * c[0]);
    }
  });

  it('satisfies dL/dt = −rᵀGr along the flow of a leaky-ReLU MLP (central differences of L(θ(t)))', () => {
    const data = gaussianRegression(key(5), 6, 3, 2);
    const model = mlpModel({ inputs: 3, widths: [7], outputs: 2, activation: 'leaky-relu', slope: 0.1 });
    const h = 1e-3;
    const alg = gradientFlow({ dt: h, rtol: 1e-13, atol: 1e-15 });
    const s = alg.init(normal(key(6), model.numParams), data, model);
    const m = new Float64Array(12);
    const lossAt = (w: Float64Array): number => {
      model.forward(w, data, m);
      return squaredLoss.value(m, data.y);
    };
    const L: number[] = [lossAt(s.w)];
    const ws: Float64Array[] = [Float64Array.from(s.w)];
    for (let k = 0; k < 300; k++) {
      steps(alg, s, model, data, 1);
      L.push(lossAt(s.w));
      ws.push(Float64Array.from(s.w));
    }
    let worst = 0;
    for (const k of [2, 50, 150, 298]) {
      model.forward(ws[k], data, m);
      const r = m.map((x, i) => x - data.y[i]);
      const G = ntkMatrix(model, data, ws[k]);
      let rGr = 0;
      for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) rGr += r[i] * G[i * 12 + j] * r[j];
      // Five-point stencil, error O(h⁴·L⁽⁵⁾): ~1e-9 here, far below the tolerance.
      const dLdt = (L[k - 2] - 8 * L[k - 1] + 8 * L[k + 1] - L[k + 2]) / (12 * h);
      worst = Math.max(worst, Math.abs(dLdt + rGr) / rGr);
    }
    expect(worst).toBeLessThan(1e-7);
    expect(L[300]).toBeLessThan(L[0]);
  });

  it('resumes bit-identically from a structured clone of its state, across a chunk of output times', () => {
    const data = gaussianRegression(key(7), 5, 3, 1);
    const model = mlpModel({ inputs: 3, widths: [4], outputs: 1, activation: 'tanh' });
    const w0 = normal(key(8), model.numParams);
    // dt far below the integrator's step: most iterations come from queued dense outputs.
    const opts = { dt: 2e-3, rtol: 1e-8, atol: 1e-10 };
    const straight = gradientFlow(opts);
    const a = straight.init(w0, data, model);
    steps(straight, a, model, data, 1100);

    const first = gradientFlow(opts);
    const b = first.init(w0, data, model);
    steps(first, b, model, data, 517);
    expect(b.pending.length).toBeGreaterThan(0);
    const saved = structuredClone(b);
    const resumed = gradientFlow(opts);
    steps(resumed, saved, model, data, 1100 - 517);

    expect(saved.t).toBe(1100);
    expect(a.t).toBe(1100);
    expect(Buffer.from(saved.w.buffer).equals(Buffer.from(a.w.buffer))).toBe(true);
    expect(saved.ode?.steps).toBe(a.ode?.steps);
    expect(a.ode?.t).toBeGreaterThanOrEqual(1100 * 2e-3);
  });

  it('ends the run with status failed when the integrator step size collapses', () => {
    const data = gaussianRegression(key(9), 4, 2, 1);
    const model = mlpModel({ inputs: 2, widths: [3], outputs: 1, activation: 'tanh' });
    // A tolerance no float64 step can meet: every step is rejected until h falls below 16 ulps of the time scale.
    const r = runLoop(gradientFlow({ dt: 0.1, rtol: 0, atol: 1e-140 }), model, data, normal(key(10), model.numParams), {
      loss: squaredLoss, stop: { maxIter: 10, whenSeparated: false }, record: { every: 5 }, recordWeights: false, key: key(0), classify: false,
    });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatch(/step-size-collapsed/);
    expect(r.iterations).toBe(0);
    expect(r.trajectory.columns.iter).toEqual([0]);
  });

  it('reports a non-finite right-hand side as a failure, keeping the last good iterate', () => {
    const data = gaussianRegression(key(11), 3, 2, 1);
    const model = mlpModel({ inputs: 2, widths: [3], outputs: 1, activation: 'tanh' });
    // ∂L/∂m turns NaN once the loss falls below half its start: the flow cannot continue past that time.
    const w0 = normal(key(12), model.numParams);
    const m0 = new Float64Array(3);
    model.forward(w0, data, m0);
    const L0 = squaredLoss.value(m0, data.y);
    const poisoned: Loss = {
      ...squaredLoss,
      dvalue(m, y, out) {
        squaredLoss.dvalue(m, y, out);
        if (squaredLoss.value(m, y) < 0.5 * L0) out.fill(NaN);
      },
    };
    const r = runLoop(gradientFlow({ dt: 0.05, loss: poisoned }), model, data, w0, {
      loss: squaredLoss, stop: { maxIter: 100_000, whenSeparated: false }, record: { every: 1 }, recordWeights: false, key: key(0), classify: false,
    });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatch(/non-finite/);
    const L = r.trajectory.columns.loss;
    expect(L[L.length - 1]).toBeGreaterThanOrEqual(0.5 * L0 * (1 - 1e-6));
    expect(r.trajectory.columns.iter[L.length - 1]).toBe(r.iterations);
    expect(new Set(r.trajectory.columns.iter).size).toBe(L.length);
  });
});
