// Matrix product C = op(A)·op(B) via kernels().matmul; VJP: for C = AB, dA = g·Bᵀ and dB = Aᵀ·g (the transposed cases permute these).
import { matmul as product, type Tensor } from '../../tensor/index.js';
import { asVar, record, type Var, type Vjp } from '../var.js';

export function matmul(a: Tensor, b: Tensor, transA = false, transB = false): Var {
  const x = asVar(a);
  const y = asVar(b);
  const c = product(x, y, transA, transB);
  // Each cotangent is again a product of g with the other factor, so second derivatives come for free.
  let da: Vjp;
  let db: Vjp;
  if (!transA && !transB) {
    da = (g) => matmul(g, y, false, true);
    db = (g) => matmul(x, g, true, false);
  } else if (transA && !transB) {
    da = (g) => matmul(y, g, false, true);
    db = (g) => matmul(x, g, false, false);
  } else if (!transA && transB) {
    da = (g) => matmul(g, y, false, false);
    db = (g) => matmul(g, x, true, false);
  } else {
    da = (g) => matmul(y, g, true, true);
    db = (g) => matmul(g, x, true, true);
  }
  return record(c.shape, c.data, [x, y], [da, db]);
}
