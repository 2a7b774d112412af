// A dense float64 tensor: a shape and its row-major entries (entry (i₀,…,i_r) at Σ_k i_k·stride_k).
import { fieldError } from '../core/errors.js';
import { size } from './shape.js';

/** Immutable by convention: ops never write into a tensor they did not just create. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** A tensor over `data` without copying (the caller promises not to mutate it while in use). */
export function wrap(shape: readonly number[], data: Float64Array): Tensor {
  const n = checkedSize(shape);
  if (data.length !== n) throw fieldError('tensor.data', data.length, `length must equal the size ${n} of shape [${shape.join(', ')}]`);
  return { shape: shape.slice(), data };
}

/** size(shape), after checking every dimension is a non-negative integer. */
function checkedSize(shape: readonly number[]): number {
  if (!shape.every((n) => Number.isInteger(n) && n >= 0)) throw fieldError('tensor.shape', shape, 'dimensions must be non-negative integers');
  return size(shape);
}

/** A tensor holding a copy of `data`. */
export function fromArray(shape: readonly number[], data: ArrayLike<number>): Tensor {
  return wrap(shape, Float64Array.from(data));
}

export function zeros(shape: readonly number[]): Tensor {
  return wrap(shape, new Float64Array(checkedSize(shape)));
}

export function full(shape: readonly number[], value: number): Tensor {
  return wrap(shape, new Float64Array(checkedSize(shape)).fill(value));
}

/** A rank-0 tensor (shape []). */
export function scalar(value: number): Tensor {
  return { shape: [], data: Float64Array.of(value) };
}
