// Elementwise natural log(x); VJP: g / x.
import type { Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { div } from './div.js';

export function log(x: Tensor): Var {
  const v = asVar(x);
  const xd = v.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.log(xd[i]);
  return record(v.shape, out, [v], [(g) => div(g, v)]);
}
