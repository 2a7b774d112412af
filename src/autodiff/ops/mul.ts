// Elementwise (Hadamard) product a ⊙ b (broadcast first); VJP: (g ⊙ b, g ⊙ a).
import { operands, type Operand } from '../compose/broadcast.js';
import { record, type Var } from '../var.js';

export function mul(a: Operand, b: Operand): Var {
  const [x, y] = operands('mul', a, b);
  const xd = x.data;
  const yd = y.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < out.length; i++) out[i] = xd[i] * yd[i];
  return record(x.shape, out, [x, y], [(g) => mul(g, y), (g) => mul(g, x)]);
}
