// lanczos against known spectra Q diag(λ) Qᵀ (indefinite), symmetricEigen, a low-rank Gauss–Newton-like matrix, and a large diagonal operator.
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { lanczos, startVector, symmetricEigen } from '../../src/linalg/index.js';
import { frobenius, householderOrthogonal, matmul, matvec, norm, normals, sorted, transpose, withSpectrum } from './helpers.js';

const denseOperator = (a: Float64Array, n: number) => (v: Float64Array, out: Float64Array) => void matvec(a, n, n, v, out);

function expectRelative(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(rel * Math.abs(expected[i]));
}

describe('lanczos', () => {
  for (const [n, seed] of [[50, 3], [200, 4]]) {
    it(`indefinite ${n}×${n} with known spectrum: top-5 and bottom-5 to 1e-8 relative, true residuals as reported`, () => {
      const lambda = normals(seed + 50, n); // about half negative: indefinite, like a Hessian
      const a = withSpectrum(householderOrthogonal(n, seed), lambda, n);
      const exact = sorted(lambda);
      const dense = symmetricEigen(a, n).values;
      const res = lanczos(denseOperator(a, n), n, 5, { which: 'both', vectors: true });
      expect(res.converged).toBe(true);
      const top = Float64Array.from({ length: 5 }, (_, i) => exact[n - 1 - i]);
      const bottom = exact.slice(0, 5);
      expectRelative(res.largest!.values, top, 1e-8);
      expectRelative(res.smallest!.values, bottom, 1e-8);
      expectRelative(res.largest!.values, Float64Array.from({ length: 5 }, (_, i) => dense[n - 1 - i]), 1e-8);
      expectRelative(res.smallest!.values, dense.slice(0, 5), 1e-8);
      // The reported residual |β s| is the true ‖A y − θ y‖ (full reorthogonalisation), and y is a unit vector.
      for (const pairs of [res.largest!, res.smallest!]) {
        pairs.vectors!.forEach((y, i) => {
          expect(Math.abs(norm(y) - 1)).toBeLessThan(1e-12);
          const r = matvec(a, n, n, y);
          for (let p = 0; p < n; p++) r[p] -= pairs.values[i] * y[p];
          expect(norm(r)).toBeLessThanOrEqual(pairs.residuals[i] + 1e-12 * frobenius(a));
          expect(pairs.residuals[i]).toBeLessThanOrEqual(1e-10 * res.norm);
        });
      }
      expect(res.iterations).toBeLessThanOrEqual(Math.min(n, 100));
    });
  }

  it('low-rank PSD J Jᵀ (a Gauss–Newton matrix): top values and λ_min = 0; a multiple eigenvalue is found once', () => {
    const n = 80;
    const r = 6;
    const j = normals(41, n * r);
    const g = matmul(j, transpose(j, n, r), n, r, n);
    const exact = symmetricEigen(g, n).values; // 74 zeros, then 6 positive values
    const res = lanczos(denseOperator(g, n), n, 3, { which: 'both' });
    expect(res.converged).toBe(true);
    expectRelative(res.largest!.values, [exact[n - 1], exact[n - 2], exact[n - 3]], 1e-8);
    // One start vector sees each distinct eigenvalue once: 0, then the two smallest positive ones.
    expect(Math.abs(res.smallest!.values[0])).toBeLessThanOrEqual(1e-10 * exact[n - 1]);
    expectRelative(res.smallest!.values.subarray(1), [exact[n - r], exact[n - r + 1]], 1e-8);
    expect(res.iterations).toBe(r + 1); // the Krylov space is range(G) plus one null direction
  });

  it('start vector inside an invariant subspace: restarts and is exact with iterations = n', () => {
    const n = 12;
    const diag = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : -i));
    const op = (v: Float64Array, out: Float64Array) => v.forEach((x, i) => (out[i] = diag[i] * x));
    const e0 = new Float64Array(n);
    e0[0] = 1; // A e0 = 0·e0: breakdown at the first step
    const res = lanczos(op, n, 4, { start: e0, iterations: n, which: 'both' });
    expect(res.converged).toBe(true);
    const exact = sorted(diag);
    expectRelative(res.largest!.values, [exact[11], exact[10], exact[9], exact[8]], 1e-12);
    expectRelative(res.smallest!.values, exact.slice(0, 4), 1e-12);
  });

  it('a large matrix-free operator (n = 20000 diagonal, separated top): top-3 from few matvecs', () => {
    const n = 20000;
    const diag = new Float64Array(n);
    for (let i = 0; i < n; i++) diag[i] = Math.sin(i) * 0.9; // bulk in [−0.9, 0.9]
    diag[17] = 3;
    diag[5000] = -2.5;
    diag[12345] = 2;
    diag[19999] = 1.5;
    const res = lanczos((v, out) => v.forEach((x, i) => (out[i] = diag[i] * x)), n, 3, { which: 'largest' });
    expect(res.converged).toBe(true);
    expectRelative(res.largest!.values, [3, 2, 1.5], 1e-8);
    expect(res.iterations).toBeLessThan(100);
    const low = lanczos((v, out) => v.forEach((x, i) => (out[i] = diag[i] * x)), n, 1, { which: 'smallest' });
    expectRelative(low.smallest!.values, [-2.5], 1e-8);
  });

  it('deterministic: identical output for identical input; a supplied start vector is used', () => {
    const n = 40;
    const a = withSpectrum(householderOrthogonal(n, 8), normals(9, n), n);
    const r1 = lanczos(denseOperator(a, n), n, 2, { iterations: 10 });
    const r2 = lanczos(denseOperator(a, n), n, 2, { iterations: 10 });
    expect(Array.from(r2.largest!.values)).toEqual(Array.from(r1.largest!.values));
    const r3 = lanczos(denseOperator(a, n), n, 2, { iterations: 10, start: startVector(n, 0) });
    expect(Array.from(r3.largest!.values)).toEqual(Array.from(r1.largest!.values));
    const r4 = lanczos(denseOperator(a, n), n, 2, { iterations: 10, start: startVector(n, 1) });
    expect(Array.from(r4.largest!.values)).not.toEqual(Array.from(r1.largest!.values));
    expect(r1.converged).toBe(false); // 10 of 40 dimensions is not enough at tol 1e-10
    expect(r1.iterations).toBe(10);
  });

  it('rejects bad input and a non-finite matvec', () => {
    const op = (v: Float64Array, out: Float64Array) => out.set(v);
    expect(() => lanczos(op, 5, 0)).toThrow(GdlabError);
    expect(() => lanczos(op, 5, 6)).toThrow(GdlabError);
    expect(() => lanczos(op, 5, 2, { iterations: 1 })).toThrow(/iterations/);
    expect(() => lanczos(op, 5, 2, { start: new Float64Array(5) })).toThrow(/start/);
    expect(() => lanczos(op, 5, 2, { start: new Float64Array(4) })).toThrow(/start.length/);
    expect(() => lanczos(op, 5, 2, { tol: 0 })).toThrow(/tol/);
    expect(() => lanczos((_v, out) => out.fill(NaN), 5, 1)).toThrow(/matvec/);
  });
});
