// Elementwise exp(x); VJP: g ⊙ exp(x) (the output itself).
import type { Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { mul } from './mul.js';

export function exp(x: Tensor): Var {
  const v = asVar(x);
  const xd = v.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(xd[i]);
  return record(v.shape, out, [v], [(g, out) => mul(g, out)]);
}
