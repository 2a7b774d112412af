// Build a ±1-labelled float64 Dataset from rows b_i and labels y_i.
import { f64Matrix } from '../../kernels/matrix.js';
import type { Dataset } from '../dataset.js';

export function labelled(name: string, rows: readonly (readonly number[])[] | Float64Array, y: readonly number[] | Float64Array, d?: number): Dataset {
  const n = y.length;
  const cols = d ?? (rows as readonly (readonly number[])[])[0].length;
  const data = rows instanceof Float64Array ? rows : Float64Array.from((rows as readonly (readonly number[])[]).flat());
  return { name, X: f64Matrix(n, cols, data), y: Float64Array.from(y), outputs: 1 };
}
