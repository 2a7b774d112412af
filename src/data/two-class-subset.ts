// A balanced two-class subset of a real data set: y = +1 / −1, pixels/255, per class a seeded permutation's prefix.
import { GdlabError, fieldError } from '../core/errors.js';
import { f64Matrix, u8Matrix, type Matrix } from '../kernels/matrix.js';
import { foldIn, permutation, type Key } from '../rng/index.js';
import type { Dataset } from './dataset.js';
import { loadSplit, type DataSource, type LabelledImages, type Split } from './sources.js';

export interface TwoClassOptions {
  /** The +1 class first, then the −1 class; each a class name (case-insensitive) or a label index. */
  readonly classes: readonly [string | number, string | number];
  readonly perClass: number;
  /** Default 'train' (or the split of the loaded data passed as source). */
  readonly split?: Split;
  readonly key: Key;
  /** Centre each pixel and divide by its standard deviation over the returned samples (float64 matrix). */
  readonly standardize?: boolean;
  /** 'image' sets imageShape; 'flat' leaves the same channel-major rows as plain vectors. */
  readonly layout?: 'flat' | 'image';
  /** Data root (overrides $GDLAB_DATA_DIR and ../shared/data). */
  readonly dir?: string;
}

/**
 * Class c's samples are its records in file order, permuted by permutation(foldIn(key, c), count); the first perClass
 * are kept. Rows alternate: row 2i is the +1 class's i-th pick, row 2i+1 the −1 class's. So every even prefix is
 * balanced, a smaller perClass gives a prefix of a larger one, and a class's picks do not depend on its partner.
 */
export function twoClassSubset(source: string | LabelledImages, opts: TwoClassOptions): Dataset {
  const layout = opts.layout ?? 'flat';
  if (layout !== 'flat' && layout !== 'image') throw fieldError('layout', layout, "must be 'flat' or 'image'");
  const data = typeof source === 'string' ? loadSplit(source, opts.split ?? 'train', opts.dir) : source;
  if (opts.split !== undefined && opts.split !== data.split) throw fieldError('split', opts.split, `the loaded data are the ${data.split} split`);
  const { split } = data;
  const { perClass } = opts;
  if (!Number.isInteger(perClass) || perClass < 1) throw fieldError('perClass', perClass, 'must be a positive integer');
  const a = classIndex(data.source, opts.classes[0]);
  const b = classIndex(data.source, opts.classes[1]);
  if (a === b) throw fieldError('classes', opts.classes, 'the two classes must differ');

  const picks = [a, b].map((c) => {
    const members = indicesOf(data.labels, c);
    if (perClass > members.length) {
      throw new GdlabError(
        `perClass: ${perClass} asked but ${data.source.name} ${split} has ${members.length} samples of class ` +
          `${JSON.stringify(data.source.classNames[c])} (files: ${data.files.join(', ')})`,
      );
    }
    const order = permutation(foldIn(opts.key, c), members.length);
    const chosen = new Int32Array(perClass);
    for (let i = 0; i < perClass; i++) chosen[i] = members[order[i]];
    return chosen;
  });

  const [channels, height, width] = data.source.imageShape;
  const d = channels * height * width;
  const n = 2 * perClass;
  const pixels = new Uint8Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < perClass; i++) {
    for (let k = 0; k < 2; k++) {
      const row = 2 * i + k;
      const record = picks[k][i];
      pixels.set(data.images.subarray(record * d, (record + 1) * d), row * d);
      y[row] = k === 0 ? 1 : -1;
    }
  }

  const X: Matrix = opts.standardize === true ? standardized(pixels, n, d) : u8Matrix(n, d, pixels, 1 / 255);
  // Filename-safe: dots between parts, class names slugged ("T-shirt/top" → "t-shirt-top").
  const slug = (c: number) => data.source.classNames[c].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const name = `${data.source.name}.${slug(a)}-vs-${slug(b)}.${split}.${perClass}x2${opts.standardize === true ? '.std' : ''}`;
  return layout === 'image'
    ? { name, X, y, outputs: 1, imageShape: data.source.imageShape }
    : { name, X, y, outputs: 1 };
}

/** Name (case-insensitive) or integer index → label index. */
export function classIndex(source: DataSource, cls: string | number): number {
  const names = source.classNames;
  if (typeof cls === 'number') {
    if (Number.isInteger(cls) && cls >= 0 && cls < names.length) return cls;
    throw fieldError('classes', cls, `${source.name} class indices are 0..${names.length - 1}`);
  }
  const i = names.findIndex((nm) => nm.toLowerCase() === cls.toLowerCase());
  if (i < 0) throw fieldError('classes', cls, `unknown ${source.name} class; valid: ${names.map((nm) => JSON.stringify(nm)).join(', ')}`);
  return i;
}

function indicesOf(labels: Uint8Array, c: number): Int32Array {
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === c) count++;
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < labels.length; i++) if (labels[i] === c) out[j++] = i;
  return out;
}

/**
 * (x − mean_j) / std_j per column j over the n rows (the same for x/255). Statistics are taken on the bytes: the column
 * sum is an exact integer, so a constant column centres to exactly 0 and stays 0 (its std is 0).
 */
function standardized(pixels: Uint8Array, n: number, d: number): Matrix {
  const out = new Float64Array(n * d);
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += pixels[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const c = pixels[r * d + j] - mean[j];
      out[r * d + j] = c;
      sq[j] += c * c;
    }
  }
  const inv = new Float64Array(d);
  for (let j = 0; j < d; j++) inv[j] = sq[j] > 0 ? 1 / Math.sqrt(sq[j] / n) : 0;
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) out[r * d + j] *= inv[j];
  return f64Matrix(n, d, out);
}
