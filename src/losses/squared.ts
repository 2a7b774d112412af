// Squared loss (P2): f = ½ Σ_{i,o} (m_{io} − y_{io})² — a sum over samples and outputs, not a mean.
import type { Loss } from './loss.js';

export const squaredLoss: Loss = {
  name: 'squared',
  value(m, y) {
    let s = 0;
    for (let i = 0; i < m.length; i++) {
      const r = m[i] - y[i];
      s += r * r;
    }
    return 0.5 * s;
  },
  dvalue(m, y, out) {
    for (let i = 0; i < m.length; i++) out[i] = m[i] - y[i];
  },
  curvature(m, _y, out) {
    out.fill(1, 0, m.length);
  },
};
