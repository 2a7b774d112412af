// CIFAR-10 binary loader: the real shared files (README counts, published pixels) and malformed files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { CIFAR10_CLASSES, parseCifar10, readCifar10 } from '../../src/data/cifar10.js';
import { dataRoot } from '../../src/data/sources.js';

const cifar = join(dataRoot(), 'cifar10');
const tmp = mkdtempSync(join(tmpdir(), 'gdlab-cifar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function counts(labels: Uint8Array): number[] {
  const c = new Array<number>(10).fill(0);
  for (const l of labels) c[l]++;
  return c;
}

describe('readCifar10 on the shared files', () => {
  it('train-airplane-automobile.bin: 10 000 records, 5000 airplanes then 5000 automobiles', () => {
    const { images, labels } = readCifar10(join(cifar, 'train-airplane-automobile.bin'));
    expect(labels.length).toBe(10_000);
    expect(images.length).toBe(10_000 * 3072);
    expect(labels.subarray(0, 5000).every((l) => l === 0)).toBe(true);
    expect(labels.subarray(5000).every((l) => l === 1)).toBe(true);
  });

  it('test_batch.bin: 1000 per class; domestic_cat_s_000907 (official test row 0) has the published pixels', () => {
    const { images, labels } = readCifar10(join(cifar, 'test_batch.bin'));
    expect(counts(labels)).toEqual(new Array(10).fill(1000));
    const names = readFileSync(join(cifar, 'test_batch.names.txt'), 'utf8').split('\n');
    const row = names.indexOf('cat/domestic_cat_s_000907.png');
    expect(row).toBeGreaterThan(0); // sorted by (label, name): not row 0 here
    expect(labels[row]).toBe(3);
    const img = images.subarray(row * 3072, (row + 1) * 3072);
    // R plane starts 158,159,165,166,160,156; the top-left pixel is RGB (158,112,49) as in keras' x_test[0,0,0].
    expect(Array.from(img.subarray(0, 6))).toEqual([158, 159, 165, 166, 160, 156]);
    expect([img[0], img[1024], img[2048]]).toEqual([158, 112, 49]);
  });

  it('class names equal batches.meta.txt', () => {
    const meta = readFileSync(join(cifar, 'batches.meta.txt'), 'utf8').split('\n').filter((s) => s !== '');
    expect([...CIFAR10_CLASSES]).toEqual(meta);
  });
});

describe('parseCifar10 on hand-built records', () => {
  it('splits label and channel-major pixels', () => {
    const bytes = new Uint8Array(2 * 3073);
    bytes[0] = 7;
    bytes[1] = 11; // record 0, R(0,0)
    bytes[1 + 1024] = 22; // record 0, G(0,0)
    bytes[3073] = 2;
    bytes[3073 + 3072] = 33; // record 1, B(31,31)
    const { images, labels } = parseCifar10(bytes, 'x.bin');
    expect(Array.from(labels)).toEqual([7, 2]);
    expect([images[0], images[1024], images[3072 + 3071]]).toEqual([11, 22, 33]);
  });

  const bad: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(0), /empty\.bin: empty file/],
    ['wrong-size', new Uint8Array(3073 + 5), /wrong-size\.bin: size 3078 is not a multiple of .* 3073/],
    ['label-range', Uint8Array.from({ length: 2 * 3073 }, (_, i) => (i === 3073 ? 10 : 0)), /label-range\.bin: label 10 at record 1 is out of range 0\.\.9/],
  ];
  for (const [name, bytes, message] of bad) {
    it(`rejects a file that is ${name}, naming it`, () => {
      const file = join(tmp, `${name}.bin`);
      writeFileSync(file, bytes);
      expect(() => readCifar10(file)).toThrow(GdlabError);
      expect(() => readCifar10(file)).toThrow(message);
    });
  }

  it('names a missing file', () => {
    expect(() => readCifar10(join(tmp, 'nope.bin'))).toThrow(/nope\.bin: cannot read \(ENOENT\)/);
  });
});
