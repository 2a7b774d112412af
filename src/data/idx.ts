// IDX files (LeCun et al., yann.lecun.com/exdb/mnist): big-endian magic 0x0000TTNN (TT = 0x08 uint8, NN = dims), dims, data.
import { GdlabError } from '../core/errors.js';
import { readFileBytes } from './file-bytes.js';

const UINT8 = 0x08;

/** Labels: magic 0x00000801, n, then n bytes each in 0..classes−1. */
export function parseIdxLabels(bytes: Uint8Array, file: string, classes = 10): Uint8Array {
  const [n] = header(bytes, file, 1, 'labels');
  const labels = bytes.subarray(8, 8 + n);
  for (let i = 0; i < n; i++) {
    if (labels[i] >= classes) {
      throw new GdlabError(`${file}: label ${labels[i]} at record ${i} is out of range 0..${classes - 1}`);
    }
  }
  return labels;
}

/** Images: magic 0x00000803, n, rows, cols, then n·rows·cols pixel bytes, each image row-major. */
export function parseIdxImages(bytes: Uint8Array, file: string): { images: Uint8Array; count: number; rows: number; cols: number } {
  const [count, rows, cols] = header(bytes, file, 3, 'images');
  return { images: bytes.subarray(16), count, rows, cols };
}

/** Reads a labels file and an images file (each gzipped or not) that must describe the same samples. */
export function readIdxPair(
  imagesFile: string,
  labelsFile: string,
  classes = 10,
): { images: Uint8Array; labels: Uint8Array; count: number; rows: number; cols: number } {
  const labels = parseIdxLabels(readFileBytes(labelsFile), labelsFile, classes);
  const img = parseIdxImages(readFileBytes(imagesFile), imagesFile);
  if (img.count !== labels.length) {
    throw new GdlabError(`${imagesFile}: ${img.count} images but ${labelsFile} has ${labels.length} labels`);
  }
  return { ...img, labels };
}

/** Checks the magic and that the size equals what the header declares; returns the dims. */
function header(bytes: Uint8Array, file: string, ndims: number, what: string): number[] {
  const headerBytes = 4 + 4 * ndims;
  const expectedMagic = (UINT8 << 8) | ndims;
  if (bytes.length < 4) throw new GdlabError(`${file}: too short for an IDX header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    throw new GdlabError(`${file}: bad IDX magic ${hex(magic)} for ${what} (expected ${hex(expectedMagic)})`);
  }
  if (bytes.length < headerBytes) throw new GdlabError(`${file}: truncated IDX header (${bytes.length} bytes)`);
  const dims: number[] = [];
  let size = 1;
  for (let k = 0; k < ndims; k++) {
    dims.push(view.getUint32(4 + 4 * k, false));
    size *= dims[k];
  }
  const expected = headerBytes + size;
  if (bytes.length !== expected) {
    const why = bytes.length < expected ? 'truncated' : 'has trailing bytes';
    throw new GdlabError(`${file}: ${why}: header ${dims.join('x')} needs ${expected} bytes, file has ${bytes.length}`);
  }
  return dims;
}

function hex(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
