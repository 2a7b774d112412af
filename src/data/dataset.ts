// A data set: n samples b_i ∈ R^d as the rows of a matrix, with labels y_i ∈ {−1, +1} (or n×M real targets).
import type { Matrix } from '../kernels/matrix.js';

export interface Dataset {
  readonly name: string;
  /** Samples as rows: X is n×d. */
  readonly X: Matrix;
  /** Labels ±1 for classification (length n), or real targets n×outputs row-major for regression. */
  readonly y: Float64Array;
  /** Outputs per sample M (1 for binary classification). */
  readonly outputs: number;
  /** Channel, height, width when the samples are images flattened channel-major. */
  readonly imageShape?: readonly [number, number, number];
}

export function numSamples(ds: Dataset): number {
  return ds.X.rows;
}

export function dim(ds: Dataset): number {
  return ds.X.cols;
}
