// ‖∇f(w)‖ with ∇f = Σ_i (∂f/∂m_i) ∇_w m(b_i; w): one loss derivative and one model pullback.
import type { Dataset } from '../data/dataset.js';
import type { Loss } from '../losses/loss.js';
import type { Model } from '../models/model.js';
import { norm2 } from './norm.js';

export function lossGradient(loss: Loss, model: Model, data: Dataset, w: Float64Array, m: Float64Array, cache?: unknown): Float64Array {
  const dm = new Float64Array(m.length);
  loss.dvalue(m, data.y, dm);
  const g = new Float64Array(model.numParams);
  model.pullback(w, data, dm, g, cache);
  return g;
}

export function gradNorm(loss: Loss, model: Model, data: Dataset, w: Float64Array, m: Float64Array, cache?: unknown): number {
  return norm2(lossGradient(loss, model, data, w, m, cache));
}
