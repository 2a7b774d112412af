// CIFAR-10 binary version (Krizhevsky 2009, cs.toronto.edu/~kriz/cifar.html): records of 1 label byte + 1024 R, 1024 G, 1024 B.
import { GdlabError } from '../core/errors.js';
import { readFileBytes } from './file-bytes.js';

export const CIFAR10_PIXELS = 3072;
export const CIFAR10_RECORD = 1 + CIFAR10_PIXELS;

/** The label names in id order, as in the official batches.meta.txt. */
export const CIFAR10_CLASSES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
] as const;

/** Splits the records of one file into images (n×3072, channel-major, each plane 32×32 row-major) and labels. */
export function parseCifar10(bytes: Uint8Array, file: string): { images: Uint8Array; labels: Uint8Array } {
  if (bytes.length === 0) throw new GdlabError(`${file}: empty file (CIFAR-10 records are ${CIFAR10_RECORD} bytes)`);
  if (bytes.length % CIFAR10_RECORD !== 0) {
    throw new GdlabError(`${file}: size ${bytes.length} is not a multiple of the CIFAR-10 record size ${CIFAR10_RECORD}`);
  }
  const n = bytes.length / CIFAR10_RECORD;
  const images = new Uint8Array(n * CIFAR10_PIXELS);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * CIFAR10_RECORD;
    const label = bytes[at];
    if (label > 9) throw new GdlabError(`${file}: label ${label} at record ${i} is out of range 0..9`);
    labels[i] = label;
    images.set(bytes.subarray(at + 1, at + CIFAR10_RECORD), i * CIFAR10_PIXELS);
  }
  return { images, labels };
}

export function readCifar10(file: string): { images: Uint8Array; labels: Uint8Array } {
  return parseCifar10(readFileBytes(file), file);
}
