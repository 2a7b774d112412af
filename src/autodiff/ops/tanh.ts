// Elementwise tanh(x); VJP: g ⊙ (1 − tanh²(x)), from the output.
import type { Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { mul } from './mul.js';
import { square } from './square.js';
import { sub } from './sub.js';

export function tanh(x: Tensor): Var {
  const v = asVar(x);
  const xd = v.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.tanh(xd[i]);
  return record(v.shape, out, [v], [(g, out) => mul(g, sub(1, square(out)))]);
}
