// Lanczos iteration with full reorthogonalisation for extreme eigenpairs of a symmetric operator given by matvec (Golub & Van Loan §10.1; Parlett, The Symmetric Eigenvalue Problem, ch. 13).
import { fieldError } from '../core/errors.js';
import { type Matrix, f64Matrix, kernels } from '../kernels/index.js';
import { tridiagonalEigen } from './tridiagonal-ql.js';

export type LanczosWhich = 'largest' | 'smallest' | 'both';

export interface LanczosOptions {
  /** Start vector (length n, non-zero); default startVector(n, 0), deterministic. */
  start?: Float64Array;
  /** Maximum Krylov dimension = number of matvecs; default min(n, max(100, 3k)). Memory: iterations·n floats. */
  iterations?: number;
  /** Stop once every wanted Ritz residual ‖A y − θ y‖ ≤ tol·‖T‖; default 1e-10. */
  tol?: number;
  /** Algebraically largest, smallest, or both ends; default 'largest'. */
  which?: LanczosWhich;
  /** Also return the Ritz vectors; default false. */
  vectors?: boolean;
}

export interface RitzPairs {
  /** 'largest': descending (λ_max first); 'smallest': ascending (λ_min first). */
  values: Float64Array;
  /** Ritz residual norms ‖A y_i − θ_i y_i‖ (= |β_m · s_{m,i}|, exact up to rounding with full reorthogonalisation). */
  residuals: Float64Array;
  /** Unit Ritz vectors y_i (same order as values), or null unless requested. */
  vectors: Float64Array[] | null;
}

export interface LanczosResult {
  largest: RitzPairs | null;
  smallest: RitzPairs | null;
  /** Every wanted residual met the tolerance (or the Krylov space became all of Rⁿ). */
  converged: boolean;
  /** Krylov dimension reached = number of matvec calls. */
  iterations: number;
  /** ‖T‖ = max |θ|, the scale the tolerance is relative to. */
  norm: number;
}

/**
 * The k extreme eigenvalues of the symmetric operator v ↦ A v. `matvec(v, out)` must write A v into
 * `out` without keeping either array. Each new Lanczos vector is orthogonalised against all previous
 * ones twice ("twice is enough", Kahan/Parlett), so no ghost copies appear and the residual estimate
 * is trustworthy. On breakdown (an invariant subspace, e.g. a low-rank Gauss–Newton matrix) the
 * iteration restarts with a fresh deterministic vector orthogonal to the basis, so with iterations = n
 * the result is exact for any start vector. Eigenvalues missing from the start vector's Krylov space
 * can still be missed: that is inherent to Krylov methods.
 */
export function lanczos(matvec: (v: Float64Array, out: Float64Array) => void, n: number, k: number, opts: LanczosOptions = {}): LanczosResult {
  if (!Number.isInteger(n) || n < 1) throw fieldError('n', n, 'must be a positive integer');
  if (!Number.isInteger(k) || k < 1 || k > n) throw fieldError('k', k, `must be an integer in [1, ${n}]`);
  const which = opts.which ?? 'largest';
  if (which !== 'largest' && which !== 'smallest' && which !== 'both') throw fieldError('which', which, "must be 'largest', 'smallest' or 'both'");
  const m = opts.iterations ?? Math.min(n, Math.max(100, 3 * k));
  if (!Number.isInteger(m) || m < k || m > n) throw fieldError('iterations', m, `must be an integer in [k, n] = [${k}, ${n}]`);
  const tol = opts.tol ?? 1e-10;
  if (!(tol > 0)) throw fieldError('tol', tol, 'must be > 0');
  const start = opts.start ?? startVector(n, 0);
  if (start.length !== n) throw fieldError('start.length', start.length, `must equal n = ${n}`);
  const startNorm = Math.sqrt(kernels().sumSq(start));
  if (!(startNorm > 0) || !Number.isFinite(startNorm)) throw fieldError('start', startNorm, 'norm must be finite and non-zero');

  const K = kernels();
  const store = basisStore(n);
  const basis = store.rows;
  const alpha = new Float64Array(m);
  const beta = new Float64Array(m); // beta[j] couples q_j to q_{j+1}; 0 marks a restart
  let q: Float64Array = Float64Array.from(start, (x) => x / startNorm);
  let ritz = ritzValues(alpha, beta, 0);
  let converged = false;
  for (let j = 0; j < m; j++) {
    store.push(q);
    const w = new Float64Array(n);
    matvec(q, w);
    alpha[j] = K.dot(q, w);
    if (!Number.isFinite(alpha[j])) throw fieldError('matvec', alpha[j], `returned a non-finite vector at iteration ${j}`);
    K.axpy(-alpha[j], q, w);
    if (j > 0) K.axpy(-beta[j - 1], basis[j - 1], w);
    orthogonalise(w, store);
    beta[j] = Math.sqrt(K.sumSq(w));

    ritz = ritzValues(alpha, beta, j + 1);
    if (j + 1 === n) {
      converged = true; // the basis spans Rⁿ: T is A in another basis
      break;
    }
    if (beta[j] <= 1e-12 * ritz.norm && j + 1 < m) {
      // Invariant subspace: its Ritz pairs are exact; carry on in its orthogonal complement.
      beta[j] = 0;
      const fresh = restartVector(store, n);
      if (fresh === null) break;
      q = fresh;
      continue;
    }
    if (j + 1 >= k && wanted(ritz, k, which).every((i) => ritz.residual[i] <= tol * ritz.norm)) {
      converged = true;
      break;
    }
    for (let i = 0; i < n; i++) w[i] /= beta[j];
    q = w;
  }

  const size = basis.length;
  const pairs = (indices: number[]): RitzPairs => ({
    values: Float64Array.from(indices, (i) => ritz.values[i]),
    residuals: Float64Array.from(indices, (i) => ritz.residual[i]),
    vectors: opts.vectors ? ritzVectors(alpha, beta, basis, indices, n) : null,
  });
  const top = Array.from({ length: k }, (_, i) => size - 1 - i);
  const bottom = Array.from({ length: k }, (_, i) => i);
  return {
    largest: which === 'smallest' ? null : pairs(top),
    smallest: which === 'largest' ? null : pairs(bottom),
    converged,
    iterations: size,
    norm: ritz.norm,
  };
}

/** Deterministic, generic start vector: a golden-ratio Weyl sequence frac((i+1)φ + s(√2−1)) − ½, normalised. */
export function startVector(n: number, seed: number): Float64Array {
  const phi = (Math.sqrt(5) - 1) / 2;
  const shift = seed * (Math.SQRT2 - 1);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i + 1) * phi + shift;
    v[i] = x - Math.floor(x) - 0.5;
  }
  const norm = Math.sqrt(kernels().sumSq(v));
  for (let i = 0; i < n; i++) v[i] /= norm;
  return v;
}

interface Ritz {
  values: Float64Array; // ascending
  residual: Float64Array; // |β_last · last component of the T-eigenvector|
  norm: number;
}

/** Eigenvalues of the leading size×size block of T and their Ritz residuals, in O(size²). */
function ritzValues(alpha: Float64Array, beta: Float64Array, size: number): Ritz {
  if (size === 0) return { values: new Float64Array(0), residual: new Float64Array(0), norm: 0 };
  const d = alpha.slice(0, size);
  const e = new Float64Array(size);
  for (let i = 1; i < size; i++) e[i] = beta[i - 1];
  const last = new Float64Array(size);
  last[size - 1] = 1;
  tridiagonalEigen(d, e, last, size);
  const b = Math.abs(beta[size - 1]);
  const residual = last.map((s) => b * Math.abs(s));
  return { values: d, residual, norm: Math.max(Math.abs(d[0]), Math.abs(d[size - 1])) };
}

function wanted(ritz: Ritz, k: number, which: LanczosWhich): number[] {
  const size = ritz.values.length;
  const out: number[] = [];
  if (which !== 'smallest') for (let i = 0; i < k; i++) out.push(size - 1 - i);
  if (which !== 'largest') for (let i = 0; i < k; i++) out.push(i);
  return out;
}

/** The Lanczos vectors as the rows of one buffer (grown by doubling), so that reorthogonalisation is two matrix–vector products. */
interface BasisStore {
  /** The vectors, as views of the buffer (renewed when it grows). */
  readonly rows: Float64Array[];
  push(q: Float64Array): void;
  /** The rows as one (rows × n) matrix. */
  matrix(): Matrix;
}

function basisStore(n: number): BasisStore {
  let data = new Float64Array(0);
  const rows: Float64Array[] = [];
  return {
    rows,
    push(q) {
      const need = (rows.length + 1) * n;
      if (need > data.length) {
        const grown = new Float64Array(Math.max(need, 2 * data.length, 8 * n));
        grown.set(data);
        data = grown;
        rows.forEach((_, i) => (rows[i] = data.subarray(i * n, (i + 1) * n)));
      }
      data.set(q, rows.length * n);
      rows.push(data.subarray(rows.length * n, (rows.length + 1) * n));
    },
    matrix: () => f64Matrix(rows.length, n, data.subarray(0, rows.length * n)),
  };
}

/**
 * Two passes of classical Gram–Schmidt against the whole basis ("twice is enough", Giraud et al. 2005): c = Qw, w −= Qᵀc.
 * As two matrix–vector products the j inner products run side by side (one dot product alone is a chain of dependent adds).
 */
function orthogonalise(w: Float64Array, basis: BasisStore): void {
  const k = basis.rows.length;
  if (k === 0) return;
  const K = kernels();
  const Q = basis.matrix();
  const c = new Float64Array(k);
  const t = new Float64Array(w.length);
  for (let pass = 0; pass < 2; pass++) {
    K.gemv(c, Q, w);
    K.gemvT(t, Q, c);
    for (let i = 0; i < w.length; i++) w[i] -= t[i];
  }
}

/** A unit vector orthogonal to the basis, from successive deterministic start vectors; null if none is found. */
function restartVector(basis: BasisStore, n: number): Float64Array | null {
  const K = kernels();
  for (let seed = basis.rows.length; seed < basis.rows.length + 8; seed++) {
    const v = startVector(n, seed);
    orthogonalise(v, basis);
    const norm = Math.sqrt(K.sumSq(v));
    // A unit vector keeping < 1 % of its length lies essentially in the span: try another.
    if (norm > 0.01) {
      for (let i = 0; i < n; i++) v[i] /= norm;
      return v;
    }
  }
  return null;
}

/** y_i = Σ_j s_{j,i} q_j for the selected eigenvectors s_i of T. */
function ritzVectors(alpha: Float64Array, beta: Float64Array, basis: Float64Array[], indices: number[], n: number): Float64Array[] {
  const size = basis.length;
  const d = alpha.slice(0, size);
  const e = new Float64Array(size);
  for (let i = 1; i < size; i++) e[i] = beta[i - 1];
  const z = new Float64Array(size * size);
  for (let i = 0; i < size; i++) z[i * size + i] = 1;
  tridiagonalEigen(d, e, z, size);
  const K = kernels();
  return indices.map((i) => {
    const y = new Float64Array(n);
    for (let j = 0; j < size; j++) K.axpy(z[i * size + j], basis[j], y);
    return y;
  });
}
