// dormandPrince against closed forms (decay, least-squares gradient flow, oscillator, logistic), failure statuses, and bit-identical resumption.
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import {
  dormandPrince,
  dormandPrinceAdvance,
  dormandPrinceCheckpoint,
  dormandPrinceInit,
  dormandPrinceResume,
  symmetricEigen,
} from '../../src/linalg/index.js';
import type { OdeRhs } from '../../src/linalg/index.js';
import { matvec, normals, transpose } from './helpers.js';

const tight = { rtol: 1e-11, atol: 1e-13 };
const grid = (t1: number, count: number) => Array.from({ length: count + 1 }, (_, i) => (t1 * i) / count);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
}

/** Gradient flow θ' = −Xᵀ(Xθ − Y) for L(θ) = ½‖Xθ − Y‖², X m×d row-major. */
function leastSquaresFlow(x: Float64Array, yTarget: Float64Array, m: number, d: number): OdeRhs {
  const xt = transpose(x, m, d);
  const r = new Float64Array(m);
  return (_t, theta, dtheta) => {
    matvec(x, m, d, theta, r);
    for (let i = 0; i < m; i++) r[i] -= yTarget[i];
    matvec(xt, d, m, r, dtheta);
    for (let j = 0; j < d; j++) dtheta[j] = -dtheta[j];
  };
}

/** Q f(Λ) Qᵀ v for the symmetric d×d matrix with eigen-decomposition (values, vectors). */
function spectralApply(e: { values: Float64Array; vectors: Float64Array }, d: number, fn: (lambda: number) => number, v: Float64Array): Float64Array {
  const out = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let proj = 0;
    for (let i = 0; i < d; i++) proj += e.vectors[i * d + k] * v[i];
    const w = fn(e.values[k]) * proj;
    for (let i = 0; i < d; i++) out[i] += w * e.vectors[i * d + k];
  }
  return out;
}

describe('dormandPrince', () => {
  it("y' = −λy: y0 e^{−λt} to 1e-8 at every requested time", () => {
    const lambda = [0.5, 2, 10];
    const y0 = Float64Array.of(1, -3, 2);
    const times = grid(5, 25);
    const res = dormandPrince((_t, y, dy) => y.forEach((v, i) => (dy[i] = -lambda[i] * v)), y0, 0, { times, ...tight });
    expect(res.status).toBe('ok');
    expect(res.t).toEqual(times);
    res.y.forEach((y, j) => expectClose(y, lambda.map((l, i) => y0[i] * Math.exp(-l * times[j])), 1e-8));
    expect(res.fEvals).toBe(6 * (res.steps + res.rejected) + 2); // FSAL: 6 per attempt, plus f(t0) and the h0 probe
  });

  it('gradient flow of least squares, X 6×4: θ(t) = θ* + Q e^{−Λt} Qᵀ(θ0 − θ*), with Λ, Q from symmetricEigen(XᵀX)', () => {
    const m = 6;
    const d = 4;
    const x = normals(61, m * d);
    const yTarget = normals(62, m);
    const theta0 = normals(63, d);
    const a = new Float64Array(d * d); // XᵀX
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let r = 0; r < m; r++) a[i * d + j] += x[r * d + i] * x[r * d + j];
    const eig = symmetricEigen(a, d);
    expect(eig.values[0]).toBeGreaterThan(1e-3); // full column rank: a unique minimiser
    const thetaStar = spectralApply(eig, d, (l) => 1 / l, matvec(transpose(x, m, d), d, m, yTarget)); // (XᵀX)⁻¹XᵀY
    const offset = theta0.map((v, i) => v - thetaStar[i]);
    const times = grid(3, 30);
    const res = dormandPrince(leastSquaresFlow(x, yTarget, m, d), theta0, 0, { times, ...tight });
    expect(res.status).toBe('ok');
    let previousLoss = Infinity;
    res.y.forEach((theta, j) => {
      const decay = spectralApply(eig, d, (l) => Math.exp(-l * times[j]), offset);
      expectClose(theta, thetaStar.map((v, i) => v + decay[i]), 1e-8);
      const r = matvec(x, m, d, theta).map((v, i) => v - yTarget[i]);
      const loss = 0.5 * r.reduce((s, v) => s + v * v, 0);
      expect(loss).toBeLessThan(previousLoss); // L decreases along the flow
      previousLoss = loss;
    });
  });

  it('rank-deficient least squares (X 6×4 of rank 3): θ(t) = θ0 − Q ((1 − e^{−Λt})/Λ) Qᵀ ∇L(θ0)', () => {
    const m = 6;
    const d = 4;
    const x = normals(71, m * d);
    for (let r = 0; r < m; r++) x[r * d + 3] = x[r * d + 0] - 2 * x[r * d + 1]; // column 3 depends on columns 0, 1
    const yTarget = normals(72, m);
    const theta0 = normals(73, d);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let r = 0; r < m; r++) a[i * d + j] += x[r * d + i] * x[r * d + j];
    const eig = symmetricEigen(a, d);
    const grad0 = new Float64Array(d);
    const flow = leastSquaresFlow(x, yTarget, m, d);
    flow(0, theta0, grad0); // grad0 = −∇L(θ0)
    const times = grid(4, 8);
    const res = dormandPrince(flow, theta0, 0, { times, ...tight });
    expect(res.status).toBe('ok');
    res.y.forEach((theta, j) => {
      const t = times[j];
      // (1 − e^{−λt})/λ → t as λ → 0, computed stably with expm1.
      const step = spectralApply(eig, d, (l) => (Math.abs(l * t) < 1e-12 ? t : -Math.expm1(-l * t) / l), grad0);
      expectClose(theta, theta0.map((v, i) => v + step[i]), 1e-8);
    });
  });

  it('harmonic oscillator: closed form to 1e-8 and energy conserved over 10 periods', () => {
    const w = 3;
    const times = grid(20, 200);
    const res = dormandPrince((_t, y, dy) => ((dy[0] = y[1]), (dy[1] = -w * w * y[0])), Float64Array.of(1, 0), 0, { times, ...tight });
    expect(res.status).toBe('ok');
    res.y.forEach((y, j) => {
      expectClose(y, [Math.cos(w * times[j]), -w * Math.sin(w * times[j])], 1e-8);
      expect(Math.abs(0.5 * y[1] ** 2 + 0.5 * w * w * y[0] ** 2 - 0.5 * w * w)).toBeLessThan(1e-8);
    });
  });

  it('dense output between steps matches the closed form, and requesting outputs does not change the steps', () => {
    const logistic: OdeRhs = (_t, y, dy) => void (dy[0] = y[0] * (1 - y[0]));
    const exact = (t: number) => 1 / (1 + 9 * Math.exp(-t)); // y0 = 0.1
    const times = grid(10, 400);
    const opts = { rtol: 1e-10, atol: 1e-12 };
    const dense = dormandPrince(logistic, Float64Array.of(0.1), 0, { times, ...opts });
    expect(dense.status).toBe('ok');
    expect(dense.steps).toBeLessThan(times.length / 2); // most outputs fall strictly inside a step
    dense.y.forEach((y, j) => expect(Math.abs(y[0] - exact(times[j]))).toBeLessThan(1e-9));
    const endOnly = dormandPrince(logistic, Float64Array.of(0.1), 0, { times: [10], ...opts });
    expect([endOnly.steps, endOnly.rejected, endOnly.fEvals]).toEqual([dense.steps, dense.rejected, dense.fEvals]);
    expect(endOnly.y[0][0]).toBe(dense.y[dense.y.length - 1][0]);
  });

  it("blow-up y' = y² (y0 = 1, singular at t = 1) fails quickly with a status, keeping the outputs it reached", () => {
    const started = performance.now();
    const res = dormandPrince((_t, y, dy) => void (dy[0] = y[0] * y[0]), Float64Array.of(1), 0, { times: [0.5, 0.9, 2], rtol: 1e-10, atol: 1e-12 });
    expect(['step-size-collapsed', 'non-finite']).toContain(res.status);
    expect(res.t).toEqual([0.5, 0.9]);
    expect(Math.abs(res.y[0][0] - 2)).toBeLessThan(1e-8);
    expect(Math.abs(res.y[1][0] - 10)).toBeLessThan(1e-7);
    expect(res.fEvals).toBeLessThan(50_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("a right-hand side that turns NaN gives 'non-finite'; a NaN at t0 gives it at once", () => {
    const res = dormandPrince((t, y, dy) => void (dy[0] = t > 0.5 ? NaN : -y[0]), Float64Array.of(1), 0, { times: [0.25, 1], ...tight });
    expect(res.status).toBe('non-finite');
    expect(res.t).toEqual([0.25]);
    expect(Math.abs(res.y[0][0] - Math.exp(-0.25))).toBeLessThan(1e-9);
    const atStart = dormandPrince((_t, _y, dy) => dy.fill(NaN), Float64Array.of(1), 0, { times: [1], ...tight });
    expect([atStart.status, atStart.fEvals, atStart.steps]).toEqual(['non-finite', 1, 0]);
  });

  it('an absolute tolerance too small for float64 (1e-200, 1e-300) ends at once with step-size-collapsed, not spinning to max-steps', () => {
    const decay: OdeRhs = (_t, y, dy) => ((dy[0] = -y[0]), (dy[1] = y[0]));
    for (const atol of [1e-150, 1e-200, 1e-300]) {
      const r = dormandPrince(decay, Float64Array.of(1, 0), 0, { times: [1], rtol: 0, atol });
      expect(r.status).toBe('step-size-collapsed');
      expect(r.steps + r.rejected).toBeLessThan(100);
    }
  });

  it("maxSteps gives 'max-steps'; only t0 requested gives y0", () => {
    const osc: OdeRhs = (_t, y, dy) => ((dy[0] = y[1]), (dy[1] = -y[0]));
    const res = dormandPrince(osc, Float64Array.of(1, 0), 0, { times: [100], ...tight, maxSteps: 5 });
    expect(res.status).toBe('max-steps');
    expect(res.steps + res.rejected).toBe(5);
    const trivial = dormandPrince(osc, Float64Array.of(1, 0), 2, { times: [2], ...tight });
    expect(trivial.status).toBe('ok');
    expect(Array.from(trivial.y[0])).toEqual([1, 0]);
  });

  it('resuming (chunks of steps, soft end times, or a stored checkpoint) is bit-identical to one run', () => {
    const vdp: OdeRhs = (_t, y, dy) => ((dy[0] = y[1]), (dy[1] = 2 * (1 - y[0] * y[0]) * y[1] - y[0])); // Van der Pol, μ = 2
    const times = grid(12, 60);
    const opts = { times, rtol: 1e-8, atol: 1e-10 };
    const y0 = Float64Array.of(2, 0);
    const whole = dormandPrince(vdp, y0, 0, opts);
    expect(whole.status).toBe('ok');
    const asArrays = (ys: Float64Array[]) => ys.map((y) => Array.from(y));

    const byChunks = dormandPrinceInit(vdp, y0, 0, opts);
    let calls = 0;
    while (dormandPrinceAdvance(byChunks, Infinity, 3) === 'running') calls++;
    expect(calls).toBeGreaterThan(5);
    const bySoftEnds = dormandPrinceInit(vdp, y0, 0, opts);
    for (const tEnd of [0.3, 2.71, 5, 9.99, Infinity]) dormandPrinceAdvance(bySoftEnds, tEnd);
    for (const s of [byChunks, bySoftEnds]) {
      expect([s.status, s.steps, s.rejected, s.fEvals]).toEqual(['ok', whole.steps, whole.rejected, whole.fEvals]);
      expect(s.outT).toEqual(whole.t);
      expect(asArrays(s.outY)).toEqual(asArrays(whole.y));
    }

    // A checkpoint taken mid-run and resumed in a fresh state produces the remaining outputs exactly.
    const first = dormandPrinceInit(vdp, y0, 0, opts);
    dormandPrinceAdvance(first, 4.2);
    const saved = dormandPrinceCheckpoint(first);
    const before = first.outT.length;
    const resumed = dormandPrinceResume(vdp, saved, opts);
    dormandPrinceAdvance(resumed);
    expect(resumed.outT).toEqual(whole.t.slice(before));
    expect(asArrays(resumed.outY)).toEqual(asArrays(whole.y.slice(before)));
    expect([resumed.steps, resumed.fEvals]).toEqual([whole.steps, whole.fEvals]);
  });

  it('calls onStep once per accepted step with increasing t', () => {
    const seen: number[] = [];
    const res = dormandPrince((_t, y, dy) => void (dy[0] = -y[0]), Float64Array.of(1), 0, { times: [3], ...tight, onStep: (t) => seen.push(t) });
    expect(seen.length).toBe(res.steps);
    expect(seen.every((t, i) => i === 0 || t > seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(3);
  });

  it('rejects bad options with a GdlabError naming the field', () => {
    const f: OdeRhs = (_t, y, dy) => dy.set(y);
    const y0 = Float64Array.of(1);
    const bad: [Parameters<typeof dormandPrince>[3], RegExp][] = [
      [{ times: [], ...tight }, /times/],
      [{ times: [1, 1], ...tight }, /times\[1\]/],
      [{ times: [-1, 1], ...tight }, /times\[0\]/],
      [{ times: [1], rtol: -1, atol: 1e-9 }, /rtol/],
      [{ times: [1], rtol: 1e-6, atol: 0 }, /atol/],
      [{ times: [1], ...tight, h0: 0 }, /h0/],
      [{ times: [1], ...tight, maxSteps: 0.5 }, /maxSteps/],
    ];
    for (const [opts, field] of bad) {
      expect(() => dormandPrince(f, y0, 0, opts)).toThrow(GdlabError);
      expect(() => dormandPrince(f, y0, 0, opts)).toThrow(field);
    }
    expect(() => dormandPrince(f, Float64Array.of(NaN), 0, { times: [1], ...tight })).toThrow(/y0\[0\]/);
  });
});
