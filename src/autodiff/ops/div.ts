// Elementwise quotient a / b (broadcast first); VJP: (g / b, −g ⊙ (a/b) / b).
import { operands, type Operand } from '../compose/broadcast.js';
import { record, type Var } from '../var.js';
import { mul } from './mul.js';
import { scale } from './scale.js';

export function div(a: Operand, b: Operand): Var {
  const [x, y] = operands('div', a, b);
  const xd = x.data;
  const yd = y.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = xd[i] / yd[i];
  return record(x.shape, out, [x, y], [(g) => div(g, y), (g, out) => scale(div(mul(g, out), y), -1)]);
}
