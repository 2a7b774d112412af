// Householder reduction of a symmetric matrix to tridiagonal form, A = V T Vᵀ (EISPACK tred2, as in JAMA / Numerical Recipes §11.2).

/**
 * Reduces the symmetric n×n matrix held row-major in `v` to tridiagonal form in place.
 *
 * On return `d` (length n) holds the diagonal of T and `e` (length n) its sub-diagonal in e[1..n-1]
 * (e[0] = 0). When `accumulate` is true, `v` is overwritten by the orthogonal V (row-major, column j
 * = j-th basis vector) with A = V T Vᵀ; otherwise `v` is left as scratch and only d, e are meaningful.
 * Only the lower triangle of `v` is read. Cost ≈ 4n³/3 flops, plus 4n³/3 to accumulate V.
 */
export function householderTridiagonal(v: Float64Array, n: number, d: Float64Array, e: Float64Array, accumulate: boolean): void {
  if (n === 0) return;
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];

  // Eliminate row i (from the bottom up) with the reflector H = I − u uᵀ / h, u stored in column i of v.
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      // Row already reduced: nothing to reflect.
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      // Scaling by the row's 1-norm avoids overflow/underflow in h = ‖row‖².
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g; // sign chosen so that f − g does not cancel
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;

      // p = A u / h (into e), using only the lower triangle of the active block.
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k < i; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      // q = p − (uᵀp / 2h) u, then A ← A − u qᵀ − q uᵀ on the active block.
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k < i; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }

  if (!accumulate) {
    // The reduction never touches the diagonal once its row is done: T's diagonal is v's diagonal.
    for (let j = 0; j < n; j++) d[j] = v[j * n + j];
    e[0] = 0;
    return;
  }

  // Accumulate V = H_{n-1} ⋯ H_1, applying the stored reflectors to the identity from the top-left.
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}
