// Gather out[i] = x[index[i]] (0 where index[i] = −1) into a tensor of the given shape; VJP: scatter-add g back through the same index.
import { GdlabError } from '../../core/errors.js';
import { showShape, size, type Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';
import { scatterAdd } from './scatter-add.js';

/** Covers broadcasting, transposes, rolls, slices, padding and im2col: any map where each output reads one input entry. */
export function gather(x: Tensor, index: Int32Array, shape: readonly number[]): Var {
  const v = asVar(x);
  const xd = v.data;
  if (index.length !== size(shape)) {
    throw new GdlabError(`gather: ${index.length} indices for output shape ${showShape(shape)}`);
  }
  const out = new Float64Array(index.length);
  for (let i = 0; i < out.length; i++) {
    const j = index[i];
    if (j >= xd.length || j < -1) throw new GdlabError(`gather: index ${j} outside a tensor of ${xd.length} entries`);
    if (j >= 0) out[i] = xd[j];
  }
  return record(shape.slice(), out, [v], [(g) => scatterAdd(g, index, v.shape)]);
}
