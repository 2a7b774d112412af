// Two-class subsets of the real data: labels, scaling, balance, seeded selection and its nesting, standardisation, errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import type { Dataset } from '../../src/data/dataset.js';
import { loadSplit, type LabelledImages } from '../../src/data/sources.js';
import { twoClassSubset } from '../../src/data/two-class-subset.js';
import { key } from '../../src/rng/index.js';

let cifarTrain: LabelledImages;
let cifarTest: LabelledImages;
let mnistTest: LabelledImages;
beforeAll(() => {
  cifarTrain = loadSplit('cifar10', 'train');
  cifarTest = loadSplit('cifar10', 'test');
  mnistTest = loadSplit('mnist', 'test');
});

/** The record index of every row, found by its bytes among all records of the split (rows must be exact copies). */
function recordsOf(ds: Dataset, data: LabelledImages): number[] {
  const d = ds.X.cols;
  const where = new Map<string, number>();
  for (let i = 0; i < data.count; i++) where.set(Buffer.from(data.images.subarray(i * d, (i + 1) * d)).toString('latin1'), i);
  const out: number[] = [];
  for (let r = 0; r < ds.X.rows; r++) {
    const i = where.get(Buffer.from(ds.X.data.subarray(r * d, (r + 1) * d) as Uint8Array).toString('latin1'));
    if (i === undefined) throw new Error(`row ${r} is not a record`);
    out.push(i);
  }
  return out;
}

describe('twoClassSubset on CIFAR-10', () => {
  it('airplane vs automobile: alternating +1/−1 rows, uint8 pixels with scale 1/255, distinct records of the right class', () => {
    const ds = twoClassSubset(cifarTrain, { classes: ['airplane', 'automobile'], perClass: 50, key: key(0) });
    expect([ds.X.rows, ds.X.cols, ds.outputs, ds.X.scale]).toEqual([100, 3072, 1, 1 / 255]);
    expect(ds.X.data).toBeInstanceOf(Uint8Array);
    expect(ds.imageShape).toBeUndefined();
    const recs = recordsOf(ds, cifarTrain);
    for (let r = 0; r < 100; r++) {
      expect(ds.y[r]).toBe(r % 2 === 0 ? 1 : -1);
      expect(cifarTrain.labels[recs[r]]).toBe(r % 2 === 0 ? 0 : 1);
    }
    expect(new Set(recs).size).toBe(100);
    // A seeded sample, not the first records: the airplane picks (records 0..4999) spread over the whole class.
    const planes = recs.filter((_, r) => r % 2 === 0);
    expect(Math.min(...planes)).toBeLessThan(1000);
    expect(Math.max(...planes)).toBeGreaterThan(4000);
  });

  it('is a function of the key; a smaller perClass is a prefix; a class ignores its partner', () => {
    const opts = { classes: ['airplane', 'automobile'] as const, perClass: 30, key: key(7) };
    const a = twoClassSubset(cifarTrain, opts);
    expect(Buffer.compare(a.X.data as Uint8Array, twoClassSubset(cifarTrain, opts).X.data as Uint8Array)).toBe(0);
    expect(Buffer.compare(a.X.data as Uint8Array, twoClassSubset(cifarTrain, { ...opts, key: key(8) }).X.data as Uint8Array)).not.toBe(0);
    const small = twoClassSubset(cifarTrain, { ...opts, perClass: 12 });
    expect(Buffer.compare(small.X.data as Uint8Array, (a.X.data as Uint8Array).subarray(0, 24 * 3072))).toBe(0);

    const vsCar = recordsOf(twoClassSubset(cifarTest, { classes: ['cat', 'automobile'], perClass: 20, split: 'test', key: key(3) }), cifarTest);
    const vsDog = recordsOf(twoClassSubset(cifarTest, { classes: [5, 3], perClass: 20, split: 'test', key: key(3) }), cifarTest);
    const cats = (recs: number[], parity: number) => recs.filter((_, r) => r % 2 === parity);
    expect(cats(vsCar, 0)).toEqual(cats(vsDog, 1));
  });

  it("layout 'image' sets imageShape [3, 32, 32]; the name says what was taken", () => {
    const ds = twoClassSubset('cifar10', { classes: ['ship', 'truck'], perClass: 5, split: 'test', key: key(1), layout: 'image' });
    expect(ds.imageShape).toEqual([3, 32, 32]);
    expect(ds.name).toBe('cifar10.ship-vs-truck.test.5x2');
  });

  it('explains a class the file does not hold and a perClass beyond the class size', () => {
    expect(() => twoClassSubset(cifarTrain, { classes: ['cat', 'airplane'], perClass: 1, key: key(0) })).toThrow(
      /perClass: 1 asked but cifar10 train has 0 samples of class "cat" \(files: .*train-airplane-automobile\.bin\)/,
    );
    expect(() => twoClassSubset(cifarTrain, { classes: ['airplane', 'automobile'], perClass: 5001, key: key(0) })).toThrow(/has 5000 samples of class "airplane"/);
  });
});

describe('twoClassSubset on MNIST', () => {
  it('takes a whole class when perClass equals its size (892 fives in the test set), and not one more', () => {
    const ds = twoClassSubset(mnistTest, { classes: ['5', '9'], perClass: 892, split: 'test', key: key(2), layout: 'image' });
    expect(ds.imageShape).toEqual([1, 28, 28]);
    const fives = recordsOf(ds, mnistTest).filter((_, r) => r % 2 === 0);
    expect(new Set(fives).size).toBe(892);
    expect(() => twoClassSubset(mnistTest, { classes: ['5', '9'], perClass: 893, split: 'test', key: key(2) })).toThrow(/has 892 samples of class "5"/);
  });

  it('standardize: float64 (x − column mean)/column std over the subset; constant pixels become 0', () => {
    const opts = { classes: [0, 1] as const, perClass: 100, split: 'test' as const, key: key(4) };
    const raw = twoClassSubset(mnistTest, opts);
    const std = twoClassSubset(mnistTest, { ...opts, standardize: true });
    expect(std.X.data).toBeInstanceOf(Float64Array);
    expect(std.X.scale).toBe(1);
    expect(std.name).toBe('mnist.0-vs-1.test.100x2.std');
    expect(Array.from(std.y)).toEqual(Array.from(raw.y));
    const { rows: n, cols: d } = raw.X;
    let constant = 0;
    for (const j of [0, 150, 300, 406, 407, 500, 783]) {
      const col = Array.from({ length: n }, (_, r) => raw.X.data[r * d + j] / 255);
      const mean = col.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
      if (sd === 0) constant++;
      for (let r = 0; r < n; r++) {
        const want = sd === 0 ? 0 : (col[r] - mean) / sd;
        expect(std.X.data[r * d + j]).toBeCloseTo(want, 12);
        if (sd === 0) expect(std.X.data[r * d + j]).toBe(0);
      }
    }
    expect(constant).toBeGreaterThan(0); // the corner pixels of MNIST are blank
    expect(constant).toBeLessThan(7);
  });
});

describe('twoClassSubset on Fashion-MNIST', () => {
  it('knows the class names: T-shirt/top is label 0 (+1), Ankle boot label 9 (−1)', () => {
    const data = loadSplit('fashion-mnist', 'test');
    const ds = twoClassSubset(data, { classes: ['T-shirt/top', 'ankle boot'], perClass: 10, split: 'test', key: key(5) });
    expect(ds.name).toBe('fashion-mnist.t-shirt-top-vs-ankle-boot.test.10x2');
    recordsOf(ds, data).forEach((i, r) => expect([data.labels[i], ds.y[r]]).toEqual(r % 2 === 0 ? [0, 1] : [9, -1]));
  });
});

describe('twoClassSubset argument errors', () => {
  const base = { perClass: 2, key: key(0) };
  it('unknown class names list the valid ones; names match case-insensitively', () => {
    expect(() => twoClassSubset(cifarTrain, { ...base, classes: ['plane', 'automobile'] })).toThrow(GdlabError);
    expect(() => twoClassSubset(cifarTrain, { ...base, classes: ['plane', 'automobile'] })).toThrow(
      'classes: unknown cifar10 class; valid: "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck" (got "plane")',
    );
    const byName = twoClassSubset(cifarTrain, { ...base, classes: ['AIRPLANE', 'Automobile'] });
    const byIndex = twoClassSubset(cifarTrain, { ...base, classes: [0, 1] });
    expect(Buffer.compare(byName.X.data as Uint8Array, byIndex.X.data as Uint8Array)).toBe(0);
  });

  it('rejects bad perClass, equal classes, index out of range, and a split the loaded data are not', () => {
    expect(() => twoClassSubset(cifarTrain, { ...base, classes: [0, 1], perClass: 1.5 })).toThrow('perClass: must be a positive integer (got 1.5)');
    expect(() => twoClassSubset(cifarTrain, { ...base, classes: [0, 1], perClass: 0 })).toThrow(/perClass/);
    expect(() => twoClassSubset(cifarTrain, { ...base, classes: ['airplane', 0] })).toThrow(/the two classes must differ/);
    expect(() => twoClassSubset(cifarTrain, { ...base, classes: [0, 10] })).toThrow('classes: cifar10 class indices are 0..9 (got 10)');
    expect(() => twoClassSubset(cifarTrain, { ...base, classes: [0, 1], split: 'test' })).toThrow(/the loaded data are the train split/);
    expect(() => twoClassSubset('eurosat', { ...base, classes: [0, 1] })).toThrow(/EuroSAT is not implemented/);
  });
});
