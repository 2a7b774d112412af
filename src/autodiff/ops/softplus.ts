// softplus(x) = log(1+eˣ) = max(x,0) + log1p(exp(−|x|)): finite for |x| up to 1e300 and beyond; VJP: g ⊙ σ(x).
import type { Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { mul } from './mul.js';
import { sigmoid } from './sigmoid.js';

export function softplus(x: Tensor): Var {
  const v = asVar(x);
  const xd = v.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) {
    const z = xd[i];
    out[i] = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return record(v.shape, out, [v], [(g) => mul(g, sigmoid(v))]);
}
