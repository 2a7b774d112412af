// Reshape (same row-major entries, shared buffer, new shape); VJP: reshape g back to the input shape.
import { GdlabError } from '../../core/errors.js';
import { showShape, size, type Tensor } from '../../tensor/index.js';
import { asVar, record, type Var } from '../var.js';

export function reshape(x: Tensor, shape: readonly number[]): Var {
  const v = asVar(x);
  if (size(shape) !== v.data.length || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new GdlabError(`reshape: cannot view ${showShape(v.shape)} as ${showShape(shape)}`);
  }
  return record(shape.slice(), v.data, [v], [(g) => reshape(g, v.shape)]);
}
