// The benchmark's real images: the first 2 500 airplanes (y = +1) then the first 2 500 automobiles (y = −1) of the CIFAR-10 training file, as uint8 pixels (5 000×3 072).
import { loadSplit } from '../data/sources.js';

export const PER_CLASS = 2500;

export interface CifarPair {
  readonly pixels: Uint8Array;
  readonly y: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly files: readonly string[];
}

export function cifarPair(): CifarPair {
  const split = loadSplit('cifar10', 'train');
  const cols = split.images.length / split.count;
  const rows = 2 * PER_CLASS;
  const pixels = new Uint8Array(rows * cols);
  const y = new Float64Array(rows);
  let row = 0;
  for (const [label, sign] of [[0, 1], [1, -1]] as const) {
    for (let i = 0, taken = 0; i < split.count && taken < PER_CLASS; i++) {
      if (split.labels[i] !== label) continue;
      pixels.set(split.images.subarray(i * cols, (i + 1) * cols), row * cols);
      y[row++] = sign;
      taken++;
    }
  }
  if (row !== rows) throw new Error(`bench: ${split.files.join(', ')} has fewer than ${PER_CLASS} images of class 0 or 1`);
  return { pixels, y, rows, cols, files: split.files };
}
