// Scatter-add out[index[i]] += x[i] (skipped where index[i] = −1) into zeros of the given shape; VJP: gather g through the same index.
import { GdlabError } from '../../core/errors.js';
import { showShape, size, type Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { gather } from './gather.js';

/** The adjoint of gather: sums over broadcast axes, col2im, and any other many-to-one linear map. */
export function scatterAdd(x: Tensor, index: Int32Array, shape: readonly number[]): Var {
  const v = asVar(x);
  const xd = v.data;
  if (index.length !== xd.length) {
    throw new GdlabError(`scatterAdd: ${index.length} indices for an input of shape ${showShape(v.shape)}`);
  }
  const out = new Float64Array(size(shape));
  for (let i = 0; i < xd.length; i++) {
    const j = index[i];
    if (j >= out.length || j < -1) throw new GdlabError(`scatterAdd: index ${j} outside an output of ${out.length} entries`);
    if (j >= 0) out[j] += xd[i];
  }
  return record(shape.slice(), out, [v], [(g) => gather(g, index, v.shape)]);
}
