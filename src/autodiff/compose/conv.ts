// 2-D convolution (cross-correlation, channels last) as im2col gather then one matmul: out[n,y,x,o] = Σ_{ky,kx,c} x[n,y·s−p+ky,x·s−p+kx,c]·K[ky,kx,c,o].
import { GdlabError } from '../../core/errors.js';
import { im2colIndex, showShape, type Tensor } from '../../tensor/index.js';
import { gather } from '../ops/gather.js';
import { matmul } from '../ops/matmul.js';
import { reshape } from '../ops/reshape.js';
import type { Var } from '../var.js';

export interface ConvOptions {
  readonly stride?: number;
  readonly padding?: number;
}

/** x [batch, h, w, c] ⊛ kernel [kh, kw, c, o] → [batch, h', w', o]. Exact VJPs: the gather's is col2im (scatter-add). */
export function conv2d(x: Tensor, kernel: Tensor, opts: ConvOptions = {}): Var {
  if (kernel.shape.length !== 4 || x.shape.length !== 4 || kernel.shape[2] !== x.shape[3]) {
    throw new GdlabError(`conv2d: kernel ${showShape(kernel.shape)} must be [kh, kw, ${x.shape[3]}, out] for input ${showShape(x.shape)}`);
  }
  const [kh, kw, , o] = kernel.shape;
  const map = im2colIndex(x.shape, kh, kw, opts.stride ?? 1, opts.padding ?? 0);
  const cols = gather(x, map.index, [map.rows, map.cols]);
  const y = matmul(cols, reshape(kernel, [map.cols, o]));
  return reshape(y, [x.shape[0], map.outH, map.outW, o]);
}
