// Multiplication by a constant c·x; VJP: c·g.
import type { Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';

export function scale(x: Tensor, c: number): Var {
  const v = asVar(x);
  const xd = v.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = c * xd[i];
  return record(v.shape, out, [v], [(g) => scale(g, c)]);
}
