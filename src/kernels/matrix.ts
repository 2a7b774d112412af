// A dense row-major matrix whose entries are data[i] * scale: float64, or uint8 pixels with a scale (8x less traffic).
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /**
   * Row-major entries; the value of entry (r, c) is data[r * cols + c] * scale. They must not change once the
   * Matrix has been given to a kernel: the fast backends keep a copy (wasm) or a fact (native: all entries
   * finite) per data array, checked against 32 sampled entries on each use. To change entries, make a new array.
   */
  readonly data: Float64Array | Uint8Array;
  readonly scale: number;
  /**
   * True when whoever made the matrix knows every entry is finite (e.g. φ(H) after a check of H): the fast backends
   * then skip their scan of the entries. Set it only when known: a non-finite entry would then not go to the reference.
   */
  readonly finite?: boolean;
}

export function f64Matrix(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols), finite?: true): Matrix {
  if (data.length !== rows * cols) throw new Error(`f64Matrix: ${data.length} entries for ${rows}x${cols}`);
  return finite === true ? { rows, cols, data, scale: 1, finite } : { rows, cols, data, scale: 1 };
}

export function u8Matrix(rows: number, cols: number, data: Uint8Array, scale: number): Matrix {
  if (data.length !== rows * cols) throw new Error(`u8Matrix: ${data.length} entries for ${rows}x${cols}`);
  return { rows, cols, data, scale };
}

/** Entry (r, c) as a float64. Not for hot loops. */
export function entry(a: Matrix, r: number, c: number): number {
  return a.data[r * a.cols + c] * a.scale;
}

/** A float64 copy of the matrix (for code that needs plain entries). */
export function toF64(a: Matrix): Float64Array {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] * a.scale;
  return out;
}
