// Elementwise difference a − b (broadcast first); VJP: (g, −g).
import { operands, type Operand } from '../compose/broadcast.js';
import { record, type Var } from '../var.js';
import { scale } from './scale.js';

export function sub(a: Operand, b: Operand): Var {
  const [x, y] = operands('sub', a, b);
  const xd = x.data;
  const yd = y.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = xd[i] - yd[i];
  return record(x.shape, out, [x, y], [(g) => g, (g) => scale(g, -1)]);
}
