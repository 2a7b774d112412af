// Eigen-decomposition of a symmetric tridiagonal matrix by implicit QL with Wilkinson-type shifts (EISPACK tql2; Bowdler, Martin, Reinsch & Wilkinson 1968; as in JAMA).

/** Per-eigenvalue cap on QL sweeps; convergence is cubic in practice, so this is only a guard against a hang. */
const MAX_SWEEPS = 60;

/**
 * Diagonalises the symmetric tridiagonal T with diagonal `d` (length n) and sub-diagonal
 * e[i] = T[i, i−1] for i = 1..n−1 (e[0] is ignored). Both arrays are overwritten: `d` receives the
 * eigenvalues in ascending order, `e` is scratch.
 *
 * `z` (n×w, row-major, w = z.length / n) holds basis vectors as ROWS: on entry row i is the i-th
 * basis vector of the frame T is expressed in (the identity for T itself, Vᵀ after a Householder
 * reduction A = V T Vᵀ); on return row i is the unit eigenvector for d[i]. The rotations act on each
 * column independently, so w = 1 with z = e_{n−1} yields just the last component of every
 * eigenvector (what Lanczos needs for its residuals) at O(n²) cost. Pass null to skip vectors.
 * Rows rather than columns so the plane rotations run over contiguous memory.
 */
export function tridiagonalEigen(d: Float64Array, e: Float64Array, z: Float64Array | null, n: number): void {
  if (n === 0) return;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;

  const w = z === null ? 0 : z.length / n;
  const eps = Number.EPSILON;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    // Find the first negligible sub-diagonal element at or after l: T splits there.
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;

    if (m > l) {
      let sweeps = 0;
      do {
        if (++sweeps > MAX_SWEEPS) throw new Error(`tridiagonalEigen: QL did not converge for eigenvalue ${l} of ${n}`);
        // Shift: the eigenvalue of the leading 2×2 block closest to d[l].
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;

        // Implicit QL sweep: chase the bulge from m up to l with Givens rotations.
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (z !== null) {
            const a = i * w;
            const b = (i + 1) * w;
            for (let k = 0; k < w; k++) {
              const zb = z[b + k];
              z[b + k] = s * z[a + k] + c * zb;
              z[a + k] = c * z[a + k] - s * zb;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }

  // Selection sort into ascending order, carrying the vector rows along.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    for (let j = i + 1; j < n; j++) if (d[j] < d[k]) k = j;
    if (k === i) continue;
    const t = d[k];
    d[k] = d[i];
    d[i] = t;
    if (z !== null) {
      for (let j = 0; j < w; j++) {
        const zt = z[i * w + j];
        z[i * w + j] = z[k * w + j];
        z[k * w + j] = zt;
      }
    }
  }
}
