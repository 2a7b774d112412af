// fetchDataset end to end against a local server: MNIST IDX files and a CIFAR-10 tarball, then loaded; published md5s enforced.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchDataset, listDatasets } from '../../src/data/fetch-dataset.js';
import { loadSplit } from '../../src/data/sources.js';
import { startServer, type FixtureServer } from './http-fixture.js';

let server: FixtureServer;
let tmp: string;
beforeAll(async () => {
  server = await startServer();
  tmp = mkdtempSync(join(tmpdir(), 'gdlab-fetch-'));
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

/** Gzipped IDX written from the format description: magic 0x0000080N, big-endian dims, bytes. */
function idxGz(dims: number[], data: Uint8Array): Buffer {
  const head = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  head.setUint32(0, 0x800 | dims.length);
  dims.forEach((d, k) => head.setUint32(4 + 4 * k, d));
  return gzipSync(Buffer.concat([new Uint8Array(head.buffer), data]));
}

/** Serves the files under /<folder>/ and returns base URL and md5s. */
function serve(folder: string, files: Record<string, Uint8Array>) {
  for (const [name, body] of Object.entries(files)) server.files.set(`/${folder}/${name}`, { body });
  return { baseUrl: `${server.baseUrl}${folder}`, md5s: Object.fromEntries(Object.entries(files).map(([f, b]) => [f, md5(b)])) };
}

describe('fetchDataset', () => {
  it('mnist: downloads the four IDX files into <to>/mnist, which then loads as the data root', async () => {
    const pixels = (count: number, fill: number) => new Uint8Array(count * 784).fill(fill);
    const { baseUrl, md5s } = serve('mnist', {
      'train-images-idx3-ubyte.gz': idxGz([3, 28, 28], pixels(3, 200)),
      'train-labels-idx1-ubyte.gz': idxGz([3], Uint8Array.of(4, 0, 9)),
      't10k-images-idx3-ubyte.gz': idxGz([2, 28, 28], pixels(2, 17)),
      't10k-labels-idx1-ubyte.gz': idxGz([2], Uint8Array.of(7, 2)),
    });
    const to = join(tmp, 'root1');
    const r = await fetchDataset('mnist', to, { baseUrl, md5s });
    expect(r.dir).toBe(join(to, 'mnist'));
    expect(r.files.map((f) => f.status)).toEqual(['downloaded', 'downloaded', 'downloaded', 'downloaded']);
    expect(r.unverified).toEqual([]);
    const train = loadSplit('mnist', 'train', to);
    expect([train.count, Array.from(train.labels), train.images[0]]).toEqual([3, [4, 0, 9], 200]);
    expect(Array.from(loadSplit('mnist', 'test', to).labels)).toEqual([7, 2]);
    const again = await fetchDataset('mnist', to, { baseUrl, md5s });
    expect(again.files.map((f) => f.status)).toEqual(['present', 'present', 'present', 'present']);
  });

  it('checks the published md5 by default and leaves nothing at the final path', async () => {
    const { baseUrl } = serve('official', { 'train-images-idx3-ubyte.gz': idxGz([1, 28, 28], new Uint8Array(784)) });
    const to = join(tmp, 'root2');
    await expect(fetchDataset('mnist', to, { baseUrl })).rejects.toThrow(/train-images-idx3-ubyte\.gz: checksum mismatch .*expected md5 f68b3c2dcbeaaa9fbdd348bbdeb94873, got [0-9a-f]{32}/);
    expect(existsSync(join(to, 'mnist', 'train-images-idx3-ubyte.gz'))).toBe(false);
    expect(existsSync(join(to, 'mnist', 'train-images-idx3-ubyte.gz.part'))).toBe(false);
  });

  it('cifar10: downloads the tarball and unpacks cifar-10-batches-bin/ into <to>/cifar10, once', async () => {
    const src = join(tmp, 'cifar-src', 'cifar-10-batches-bin');
    mkdirSync(src, { recursive: true });
    const record = (label: number, fill: number) => {
      const r = new Uint8Array(3073).fill(fill);
      r[0] = label;
      return r;
    };
    for (let b = 1; b <= 5; b++) writeFileSync(join(src, `data_batch_${b}.bin`), record(b, b));
    writeFileSync(join(src, 'test_batch.bin'), Buffer.concat([record(9, 90), record(0, 1)]));
    writeFileSync(join(src, 'batches.meta.txt'), 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n');
    const tar = join(tmp, 'cifar.tar');
    execFileSync('tar', ['-cf', tar, '-C', join(tmp, 'cifar-src'), 'cifar-10-batches-bin']);
    const { baseUrl, md5s } = serve('kriz', { 'cifar-10-binary.tar.gz': gzipSync(readFileSync(tar)) });

    const to = join(tmp, 'root3');
    const r = await fetchDataset('cifar10', to, { baseUrl: baseUrl + '/', md5s });
    expect(r.extracted.map((f) => f.slice(join(to, 'cifar10').length + 1)).sort()).toEqual(
      ['batches.meta.txt', 'data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'],
    );
    expect(Array.from(loadSplit('cifar10', 'train', to).labels)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(loadSplit('cifar10', 'test', to).labels)).toEqual([9, 0]);
    expect((await fetchDataset('cifar10', to, { baseUrl, md5s })).extracted).toEqual([]);
  });

  it('eurosat: downloads without a checksum and says so', async () => {
    const zip = new TextEncoder().encode('PK fake zip');
    const { baseUrl } = serve('sentinel', { 'EuroSAT.zip': zip });
    const r = await fetchDataset('eurosat', join(tmp, 'root4'), { baseUrl });
    expect(r.unverified).toEqual(['EuroSAT.zip']);
    expect(r.files[0].md5).toBe(md5(zip));
  });

  it('names the valid data sets for an unknown one', async () => {
    await expect(fetchDataset('imagenet', tmp)).rejects.toThrow('data set "imagenet" cannot be fetched; valid names: cifar10, mnist, fashion-mnist, eurosat');
  });
});

describe('listDatasets', () => {
  it('lists the official URLs; only EuroSAT is unverified and not loadable', () => {
    const list = listDatasets();
    expect(list.map((d) => [d.name, d.verified, d.loadable])).toEqual([
      ['cifar10', true, true],
      ['mnist', true, true],
      ['fashion-mnist', true, true],
      ['eurosat', false, false],
    ]);
    expect(list[0].urls).toEqual(['https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz']);
    expect(list[1].urls[0]).toBe('https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz');
    expect(list[2].urls[3]).toBe('http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz');
    expect(list[3].urls).toEqual(['https://madm.dfki.de/files/sentinel/EuroSAT.zip']);
  });
});
