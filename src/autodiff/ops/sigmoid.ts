// Logistic σ(x) = 1/(1+e^{−x}), stable for any |x| (never exp of a positive number); VJP: g ⊙ σ(1−σ), from the output.
import type { Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

export function sigmoid(x: Tensor): Var {
  const v = asVar(x);
  const xd = v.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) {
    const z = xd[i];
    if (z >= 0) {
      out[i] = 1 / (1 + Math.exp(-z));
    } else {
      const e = Math.exp(z);
      out[i] = e / (1 + e);
    }
  }
  return record(v.shape, out, [v], [(g, out) => mul(g, mul(out, sub(1, out)))]);
}
