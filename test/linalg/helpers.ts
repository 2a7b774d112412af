// Test fixtures for src/linalg: a seeded generator (mulberry32 + Box–Muller), Householder-built orthogonal matrices, dense products.

/** Deterministic standard normals from a 32-bit seed (mulberry32 uniforms, Box–Muller); test-only. */
export function normals(seed: number, count: number): Float64Array {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296; // in (0, 1)
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const phi = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(phi);
    if (i + 1 < count) out[i + 1] = r * Math.sin(phi);
  }
  return out;
}

/** Orthogonal n×n Q = H_1 ⋯ H_r, a product of r Householder reflections I − 2uuᵀ/uᵀu with Gaussian u. */
export function householderOrthogonal(n: number, seed: number, r = n): Float64Array {
  const q = identity(n);
  const g = normals(seed, n * r);
  for (let k = 0; k < r; k++) {
    const u = g.subarray(k * n, (k + 1) * n);
    let uu = 0;
    for (let i = 0; i < n; i++) uu += u[i] * u[i];
    // Q ← Q (I − 2uuᵀ/uᵀu): each row loses twice its component along u.
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let j = 0; j < n; j++) p += q[i * n + j] * u[j];
      const c = (2 * p) / uu;
      for (let j = 0; j < n; j++) q[i * n + j] -= c * u[j];
    }
  }
  return q;
}

/** Q diag(λ) Qᵀ (n×n, row-major), symmetric by construction. */
export function withSpectrum(q: Float64Array, lambda: ArrayLike<number>, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * lambda[k] * q[j * n + k];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return a;
}

export function identity(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = 1;
  return a;
}

/** out = A x for row-major m×n A. */
export function matvec(a: Float64Array, m: number, n: number, x: Float64Array, out: Float64Array = new Float64Array(m)): Float64Array {
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** C = A B for row-major A (m×k) and B (k×n). */
export function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
  return t;
}

export function frobenius(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

export function norm(x: Float64Array): number {
  return frobenius(x);
}

/** Column j of a row-major n×n matrix. */
export function column(a: Float64Array, n: number, j: number): Float64Array {
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = a[i * n + j];
  return c;
}

/** max |QᵀQ − I| over entries, for column-orthonormal n×n Q. */
export function orthonormalityError(q: Float64Array, n: number): number {
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += q[i * n + a] * q[i * n + b];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** max_j ‖A q_j − λ_j q_j‖ over the columns of the n×n eigenvector matrix. */
export function maxResidual(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): number {
  let worst = 0;
  for (let j = 0; j < n; j++) {
    const q = column(vectors, n, j);
    const aq = matvec(a, n, n, q);
    for (let i = 0; i < n; i++) aq[i] -= values[j] * q[i];
    worst = Math.max(worst, norm(aq));
  }
  return worst;
}

/** Ascending copy. */
export function sorted(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}
