// The Jacobian J = ∂F/∂w (nM × P, row-major) of the stacked outputs F(w) = (m_o(b_i; w))_{i,o}: row i·M+o is the pullback of the one-hot cotangent e_{i·M+o}.
import type { Dataset } from '../data/dataset.js';
import type { Model } from '../models/model.js';

/** Works for any Model (one forward pass, nM pullbacks that reuse its cache). */
export function jacobian(model: Model, data: Dataset, w: Float64Array): Float64Array {
  const rows = data.X.rows * model.outputs;
  const p = model.numParams;
  const out = new Float64Array(rows);
  const cache = model.forward(w, data, out);
  const J = new Float64Array(rows * p);
  const e = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    e[i] = 1;
    model.pullback(w, data, e, J.subarray(i * p, (i + 1) * p), cache);
    e[i] = 0;
  }
  return J;
}
