// Logistic loss (P0/P1): f = (1/n) Σ log(1 + exp(−y_i m_i)), ∂f/∂m_i = −(1/n) y_i σ(−y_i m_i), ∂²f/∂m_i² = (1/n) y_i² σ(y_i m_i) σ(−y_i m_i).
import { sigmoid, softplus } from '../core/logistic-math.js';
import type { Loss } from './loss.js';

export const logisticLoss: Loss = {
  name: 'logistic',
  value(m, y) {
    const n = m.length;
    let s = 0;
    // Summing ℓ_i / n (not Σℓ_i then / n) keeps the mean finite for margins near −1e308.
    for (let i = 0; i < n; i++) s += softplus(-y[i] * m[i]) / n;
    return s;
  },
  dvalue(m, y, out) {
    const n = m.length;
    for (let i = 0; i < n; i++) out[i] = (-y[i] * sigmoid(-y[i] * m[i])) / n;
  },
  curvature(m, y, out) {
    const n = m.length;
    for (let i = 0; i < n; i++) {
      const z = y[i] * m[i];
      out[i] = (y[i] * y[i] * sigmoid(z) * sigmoid(-z)) / n;
    }
  },
};
