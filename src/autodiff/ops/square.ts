// Elementwise x²; VJP: 2 g ⊙ x.
import type { Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { mul } from './mul.js';
import { scale } from './scale.js';

export function square(x: Tensor): Var {
  const v = asVar(x);
  const xd = v.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = xd[i] * xd[i];
  return record(v.shape, out, [v], [(g) => scale(mul(g, v), 2)]);
}
