// Validated 2-D product C = op(A)·op(B) (op = transpose when flagged), computed by kernels().matmul.
import { GdlabError } from '../core/errors.js';
import { kernels } from '../kernels/index.js';
import { showShape } from './shape.js';
import type { Tensor } from './tensor.js';

/** The [m, n] product of op(a) ([m, k]) and op(b) ([k, n]). */
export function matmul(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new GdlabError(`matmul: operands must be 2-D (got ${showShape(a.shape)} and ${showShape(b.shape)})`);
  }
  const [m, k] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kb, n] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== kb) {
    const ta = transA ? 'ᵀ' : '';
    const tb = transB ? 'ᵀ' : '';
    throw new GdlabError(`matmul: inner dimensions differ in A${ta}·B${tb} (A ${showShape(a.shape)}, B ${showShape(b.shape)})`);
  }
  const out = new Float64Array(m * n);
  kernels().matmul(out, a.data, b.data, m, k, n, transA, transB);
  return { shape: [m, n], data: out };
}
