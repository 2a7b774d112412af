// symmetricEigen against closed-form spectra: diagonal, 2×2, the (2,−1) tridiagonal, Q diag(λ) Qᵀ, repeated and rank-deficient cases.
import { describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { symmetricEigen, symmetricEigenvalues } from '../../src/linalg/index.js';
import {
  column,
  frobenius,
  householderOrthogonal,
  matmul,
  maxResidual,
  normals,
  orthonormalityError,
  sorted,
  transpose,
  withSpectrum,
} from './helpers.js';

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  expect(x.length).toBe(y.length);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

/** Full check of a decomposition: residuals, orthonormality, and values against a known spectrum. */
function checkDecomposition(a: Float64Array, n: number, spectrum: ArrayLike<number>, valueTol: number): void {
  const { values, vectors } = symmetricEigen(a, n);
  const scale = frobenius(a);
  expect(maxAbsDiff(values, sorted(spectrum))).toBeLessThanOrEqual(valueTol * scale);
  expect(maxResidual(a, n, values, vectors)).toBeLessThanOrEqual(1e-10 * scale);
  expect(orthonormalityError(vectors, n)).toBeLessThanOrEqual(1e-12);
  for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
}

describe('symmetricEigen', () => {
  it('diagonal: sorted diagonal, unit-vector eigenvectors', () => {
    const diag = [3, -1, 7, 0, 2.5];
    const n = diag.length;
    const a = new Float64Array(n * n);
    diag.forEach((x, i) => (a[i * n + i] = x));
    const { values, vectors } = symmetricEigen(a, n);
    expect(Array.from(values)).toEqual([-1, 0, 2.5, 3, 7]);
    // Eigenvector for the value at sorted position j is ± e_{original index}.
    values.forEach((lambda, j) => {
      const q = column(vectors, n, j);
      const k = diag.indexOf(lambda);
      q.forEach((x, i) => expect(Math.abs(x)).toBe(i === k ? 1 : 0));
    });
  });

  it('2×2 closed form λ = (a+c)/2 ∓ √(((a−c)/2)² + b²)', () => {
    for (const [p, b, c] of [[1, 2, 3], [0, 1e-9, 0], [5, -3, -5], [1e6, 1, 1e6 + 2]]) {
      const mid = (p + c) / 2;
      const rad = Math.hypot((p - c) / 2, b);
      const a = Float64Array.of(p, b, b, c);
      const { values, vectors } = symmetricEigen(a, 2);
      expect(Math.abs(values[0] - (mid - rad))).toBeLessThanOrEqual(1e-15 * (Math.abs(mid) + rad));
      expect(Math.abs(values[1] - (mid + rad))).toBeLessThanOrEqual(1e-15 * (Math.abs(mid) + rad));
      expect(maxResidual(a, 2, values, vectors)).toBeLessThanOrEqual(1e-15 * frobenius(a));
    }
  });

  it('tridiagonal (2, −1): λ_k = 2 − 2cos(kπ/(n+1)), v_k ∝ sin(ikπ/(n+1))', () => {
    const n = 60;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const exact = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    checkDecomposition(a, n, exact, 1e-14);
    // Distinct eigenvalues: each eigenvector is the sine mode up to sign.
    const { vectors } = symmetricEigen(a, n);
    const c = Math.sqrt(2 / (n + 1));
    for (let k = 0; k < n; k++) {
      const q = column(vectors, n, k);
      const sign = Math.sign(q[0]);
      for (let i = 0; i < n; i++) expect(Math.abs(sign * q[i] - c * Math.sin(((i + 1) * (k + 1) * Math.PI) / (n + 1)))).toBeLessThan(1e-12);
    }
  });

  it('random symmetric matrices with a known spectrum Q diag(λ) Qᵀ (n = 50, 200)', () => {
    for (const [n, seed] of [[50, 1], [200, 2]]) {
      const lambda = normals(seed + 100, n);
      const a = withSpectrum(householderOrthogonal(n, seed), lambda, n);
      checkDecomposition(a, n, lambda, 1e-14);
    }
  });

  it('a plain random symmetric matrix: residual, orthonormality, trace and Frobenius invariants', () => {
    const n = 120;
    const g = normals(7, n * n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = g[i * n + j] + g[j * n + i];
    const { values, vectors } = symmetricEigen(a, n);
    const scale = frobenius(a);
    expect(maxResidual(a, n, values, vectors)).toBeLessThanOrEqual(1e-10 * scale);
    expect(orthonormalityError(vectors, n)).toBeLessThanOrEqual(1e-12);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    expect(Math.abs(values.reduce((s, x) => s + x, 0) - trace)).toBeLessThanOrEqual(1e-12 * scale);
    expect(Math.abs(frobenius(values) - scale)).toBeLessThanOrEqual(1e-13 * scale);
  });

  it('repeated eigenvalues: exact multiplicities and an orthonormal basis of each eigenspace', () => {
    const n = 40;
    const lambda = Array.from({ length: n }, (_, i) => [-2, 1, 1, 3][i % 4]); // −2 ×10, 1 ×20, 3 ×10
    const a = withSpectrum(householderOrthogonal(n, 11), lambda, n);
    checkDecomposition(a, n, lambda, 1e-14);
    // The identity is the extreme case: every vector is an eigenvector.
    const eye = withSpectrum(householderOrthogonal(5, 12), [4, 4, 4, 4, 4], 5);
    checkDecomposition(eye, 5, [4, 4, 4, 4, 4], 1e-15);
  });

  it('rank-deficient PSD J Jᵀ: n − r zero eigenvalues, the rest equal to the spectrum of JᵀJ', () => {
    const n = 30;
    const r = 7;
    const j = normals(21, n * r); // n×r
    const jt = transpose(j, n, r);
    const g = matmul(j, jt, n, r, n); // n×n, rank r
    const small = matmul(jt, j, r, n, r); // r×r, same non-zero spectrum
    const big = symmetricEigen(g, n);
    const scale = frobenius(g);
    expect(maxResidual(g, n, big.values, big.vectors)).toBeLessThanOrEqual(1e-10 * scale);
    for (let i = 0; i < n - r; i++) expect(Math.abs(big.values[i])).toBeLessThanOrEqual(1e-13 * scale);
    expect(maxAbsDiff(big.values.subarray(n - r), symmetricEigen(small, r).values)).toBeLessThanOrEqual(1e-13 * scale);
  });

  it('symmetricEigenvalues matches the full decomposition; the symmetric part of an asymmetric input is used', () => {
    const n = 80;
    const g = normals(31, n * n);
    const values = symmetricEigenvalues(g, n);
    const sym = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) sym[i * n + k] = 0.5 * (g[i * n + k] + g[k * n + i]);
    const full = symmetricEigen(sym, n);
    expect(maxAbsDiff(values, full.values)).toBeLessThanOrEqual(1e-13 * frobenius(sym));
    expect(maxResidual(sym, n, full.values, full.vectors)).toBeLessThanOrEqual(1e-10 * frobenius(sym));
  });

  it('edge sizes and bad input', () => {
    expect(symmetricEigen(new Float64Array(0), 0).values.length).toBe(0);
    const one = symmetricEigen(Float64Array.of(-3.5), 1);
    expect(Array.from(one.values)).toEqual([-3.5]);
    expect(Array.from(one.vectors)).toEqual([1]);
    expect(Array.from(symmetricEigen(new Float64Array(9), 3).values)).toEqual([0, 0, 0]);
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(GdlabError);
    expect(() => symmetricEigen(Float64Array.of(1, NaN, NaN, 1), 2)).toThrow(/a\[1, 0\]/);
    expect(() => symmetricEigenvalues(new Float64Array(4), 2.5)).toThrow(GdlabError);
  });
});
