// Dense symmetric eigen-decomposition A = Q diag(λ) Qᵀ: Householder tridiagonalisation + implicit QL (EISPACK tred2/tql2, Golub & Van Loan §8.3).
import { fieldError } from '../core/errors.js';
import { householderTridiagonal } from './householder-tridiagonal.js';
import { tridiagonalEigen } from './tridiagonal-ql.js';

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /**
   * Eigenvectors, n×n row-major with column j = unit eigenvector for values[j]:
   * component i of eigenvector j is vectors[i * n + j]. Signs are arbitrary.
   */
  vectors: Float64Array;
}

/**
 * Eigenvalues and orthonormal eigenvectors of the symmetric n×n matrix `a` (row-major, not modified).
 * The matrix is symmetrised as (A + Aᵀ)/2 first, so a slightly asymmetric input (a Hessian from
 * finite differences) is treated as its symmetric part. Backward stable: ‖A q − λ q‖ ≈ n·ε·‖A‖.
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const v = symmetricCopy(a, n);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonal(v, n, d, e, true);
  // QL rotates rows of z = Vᵀ (contiguous); transpose back to the documented column layout afterwards.
  const z = transpose(v, n);
  tridiagonalEigen(d, e, z, n);
  return { values: d, vectors: transpose(z, n) };
}

/** Eigenvalues only (ascending) of the symmetric n×n matrix `a`; about 4× cheaper than symmetricEigen. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const v = symmetricCopy(a, n);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonal(v, n, d, e, false);
  tridiagonalEigen(d, e, null, n);
  return d;
}

function symmetricCopy(a: Float64Array, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw fieldError('n', n, 'must be a non-negative integer');
  if (a.length !== n * n) throw fieldError('a.length', a.length, `must be n² = ${n * n}`);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = 0.5 * (a[i * n + j] + a[j * n + i]);
      if (!Number.isFinite(x)) throw fieldError(`a[${i}, ${j}]`, x, 'matrix entries must be finite');
      v[i * n + j] = x;
      v[j * n + i] = x;
    }
  }
  return v;
}

function transpose(x: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = x[i * n + j];
  return t;
}
