// im2col for channels-last images (Chellapilla et al. 2006): row (n,y,x) of the patch matrix holds x[n, y·s−p+ky, x·s−p+kx, c] over (ky,kx,c).
import { GdlabError } from '../core/errors.js';

export interface Im2col {
  /** Flat input position of each patch-matrix entry, −1 where the patch hangs over the zero padding. */
  readonly index: Int32Array;
  readonly outH: number;
  readonly outW: number;
  /** Patch-matrix shape [batch·outH·outW, kh·kw·channels]. */
  readonly rows: number;
  readonly cols: number;
}

/** Patch map of a [batch, h, w, channels] input for a kh×kw window moved by `stride`, zero-padded by `pad`. */
export function im2colIndex(
  input: readonly number[], kh: number, kw: number, stride = 1, pad = 0,
): Im2col {
  if (input.length !== 4) throw new GdlabError(`conv2d: input shape [${input.join(', ')}] must be [batch, height, width, channels]`);
  const [batch, h, w, ch] = input;
  const outH = Math.floor((h + 2 * pad - kh) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - kw) / stride) + 1;
  const ints = [kh, kw, stride].every((v) => Number.isInteger(v) && v >= 1) && Number.isInteger(pad) && pad >= 0;
  if (!ints || outH < 1 || outW < 1) {
    throw new GdlabError(`conv2d: kernel ${kh}x${kw}, stride ${stride}, padding ${pad} do not fit a ${h}x${w} image`);
  }
  const cols = kh * kw * ch;
  const rows = batch * outH * outW;
  const index = new Int32Array(rows * cols);
  let q = 0;
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * stride - pad + ky;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * stride - pad + kx;
            const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
            const base = ((n * h + iy) * w + ix) * ch;
            for (let c = 0; c < ch; c++) index[q++] = inside ? base + c : -1;
          }
        }
      }
    }
  }
  return { index, outH, outW, rows, cols };
}
