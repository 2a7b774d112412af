// Small CNN (conv → φ → linear head) on channel-major image rows: against conv2d on NHWC images (autodiff) and finite differences.
import { describe, expect, it } from 'vitest';
import { conv2d, matmul, reshape, relu, tanh, type Var } from '../../src/autodiff/index.js';
import type { Dataset } from '../../src/data/dataset.js';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { autodiffModel } from '../../src/models/autodiff-model.js';
import { cnnModel } from '../../src/models/cnn.js';
import { key, normal } from '../../src/rng/index.js';
import { wrap } from '../../src/tensor/index.js';
import { expectClose, expectPullbackMatchesFd, outputs, pullback } from './model-checks.js';

const [c, h, w] = [2, 5, 4];
const n = 3;
const d = c * h * w;
const rows = normal(key(1), n * d);
const data: Dataset = { ...labelled('img', rows, [1, -1, 1], d), imageShape: [c, h, w] };

/** The same images as [n, h, w, c], by the definition of channel-major rows: row[ch·h·w + y·w + x]. */
function nhwc(): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) {
    out[((i * h + y) * w + x) * c + ch] = rows[i * d + ch * h * w + y * w + x];
  }
  return out;
}

describe('CNN model', () => {
  const cases: [string, number, number, number, (x: Var) => Var, 'relu' | 'tanh'][] = [
    ['k=3, relu', 3, 1, 0, relu, 'relu'],
    ['k=2, stride 2, padding 1, tanh', 2, 2, 1, tanh, 'tanh'],
  ];
  for (const [label, k, stride, padding, phi, kind] of cases) {
    it(`${label}: outputs and pullback equal conv2d-on-NHWC autodiff and finite differences`, () => {
      const model = cnnModel({ imageShape: [c, h, w], kernelSize: k, channels: 3, stride, padding, activation: kind });
      const images = wrap([n, h, w, c], nhwc());
      const oh = Math.floor((h + 2 * padding - k) / stride) + 1;
      const ow = Math.floor((w + 2 * padding - k) / stride) + 1;
      const features = oh * ow * 3;
      expect(model.numParams).toBe(k * k * c * 3 + features);
      const reference = autodiffModel({
        name: 'ref', outputs: 1, homogeneity: 0, shapes: [[k, k, c, 3], [features]],
        expr: (p) => {
          const z = phi(conv2d(images, p[0], { stride, padding }));
          return matmul(reshape(z, [n, features]), reshape(p[1], [features, 1]));
        },
      });
      const wt = normal(key(2), model.numParams);
      const coef = Float64Array.from([0.7, 0, -1.3]); // a zero coefficient exercises the skipped sample
      expectClose(outputs(model, data, wt), outputs(reference, data, wt));
      expectClose(pullback(model, data, wt, coef), pullback(reference, data, wt, coef));
      // the model's own expression (used for HVPs/NTKs) agrees too
      const viaExpr = autodiffModel({ name: 'expr', outputs: 1, homogeneity: 0, shapes: model.layout.shapes, expr: model.expr });
      expectClose(outputs(viaExpr, data, wt), outputs(reference, data, wt));
      expectPullbackMatchesFd(model, data, wt, coef);
    });
  }

  it('refuses a zero kernel with ReLU, and a kernel that does not fit', () => {
    const model = cnnModel({ imageShape: [c, h, w], kernelSize: 3, activation: 'relu' });
    const w0 = new Float64Array(model.numParams).fill(1, 3 * 3 * c * 4);
    expect(() => model.checkInit?.(w0)).toThrow(/^init: K = 0 is a stationary point/);
    expect(() => cnnModel({ imageShape: [c, h, w], kernelSize: 6, activation: 'relu' })).toThrow(/conv2d: kernel 6x6/);
  });
});
