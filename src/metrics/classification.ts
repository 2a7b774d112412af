// Classification metrics from outputs m_i and labels y_i: #misclassified (y_i m_i ≤ 0), accuracy, min_i y_i m_i.
export interface ClassificationMetrics {
  misclassified: number;
  accuracy: number;
  /** min_i y_i m(b_i; w): positive exactly when every sample is classified correctly. */
  minMargin: number;
}

export function classification(m: Float64Array, y: Float64Array): ClassificationMetrics {
  let wrong = 0;
  let min = Infinity;
  for (let i = 0; i < m.length; i++) {
    const z = y[i] * m[i];
    if (z <= 0) wrong++;
    if (z < min) min = z;
  }
  return { misclassified: wrong, accuracy: m.length === 0 ? 1 : 1 - wrong / m.length, minMargin: min };
}

/** True when y_i m_i > 0 for every i ("solved" in P0/P1). */
export function separates(m: Float64Array, y: Float64Array): boolean {
  for (let i = 0; i < m.length; i++) if (!(y[i] * m[i] > 0)) return false;
  return true;
}
