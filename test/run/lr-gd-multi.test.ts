import { afterAll, describe, expect, it } from 'vitest';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import type { Dataset } from '../../src/data/dataset.js';
import { type Kernels, kernels, nativeKernels, u8Matrix, useKernels, wasmKernels } from '../../src/kernels/index.js';
import { key, normal, uniform } from '../../src/rng/index.js';
import { linearFeatures, mCvFeatures, type FeatureModel } from '../../src/run/feature-model.js';
import { lrGdMulti } from '../../src/run/lr-gd-multi.js';
import { simpleRun } from '../../src/run/simple-run.js';

/** n×d uint8 "pixels" × 1/255 with labels from a noisy linear teacher (some runs separate, some do not). */
function pixels(n: number, d: number, seed: number): Dataset {
  const u = uniform(key(seed), n * d);
  const px = Uint8Array.from(u, (x) => Math.floor(x * 256));
  const teacher = normal(key(seed + 1), d);
  const noise = normal(key(seed + 2), n);
  const y = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += (px[i * d + c] - 127.5) * teacher[c];
    return s + 40 * noise[i] > 0 ? 1 : -1;
  });
  return { name: 'pixels', X: u8Matrix(n, d, px, 1 / 255), y, outputs: 1 };
}

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/** Every run of lrGdMulti equals its single run: status, iterations and the bits of w. */
function expectSingles(fm: FeatureModel, data: Dataset, steps: number[], w0: Float64Array, maxIter: number, whenSeparated: boolean): string[] {
  const multi = lrGdMulti(fm, data, { steps, w0, maxIter, whenSeparated });
  return steps.map((step, s) => {
    const single = simpleRun(lrGd({ step }), data, { model: fm.model, w0, maxIter, whenSeparated });
    expect(multi[s].status, `γ = ${step}`).toBe(single.status);
    expect(multi[s].iterations, `γ = ${step}`).toBe(single.iterations);
    expect(sameBits(multi[s].w, single.w), `γ = ${step}: w`).toBe(true);
    return `${single.status}@${single.iterations}`;
  });
}

describe('lrGdMulti = the single LR+GD runs, bit for bit', () => {
  const data = pixels(60, 40, 1);
  const steps = [0.003, 0.1, 1, 10, 100, 1e4, 1e307];

  it('linear model from 0: runs stop independently (separated, max-iter, diverged)', () => {
    const outcomes = expectSingles(linearFeatures(40), data, steps, new Float64Array(40), 150, true);
    // The test covers every way to stop: some runs separate at different t, some hit the budget, the huge step overflows.
    const kinds = new Set(outcomes.map((x) => x.split('@')[0]));
    expect(kinds).toEqual(new Set(['separated', 'max-iter', 'diverged']));
    expect(new Set(outcomes.filter((x) => x.startsWith('separated'))).size).toBeGreaterThan(1);
  });

  it('linear model without stopping at separation', () => {
    expectSingles(linearFeatures(40), data, steps.slice(0, 5), new Float64Array(40), 60, false);
  });

  it('m_cv (k = 1, 2, 3, d) from a random start', () => {
    for (const k of [1, 2, 3, 40]) {
      const w0 = normal(key(20 + k), k + 40).map((x) => x / 10);
      expectSingles(mCvFeatures(40, k), data, [0.01, 0.5, 5, 50], w0, 80, true);
    }
  });

  it('per-run budgets lowered from onFinish: cut runs equal single runs with that budget', () => {
    const fm = linearFeatures(40);
    const zero = new Float64Array(40);
    const caps = steps.map(() => 150);
    const multi = lrGdMulti(fm, data, {
      steps, w0: zero, maxIter: caps, whenSeparated: true,
      onFinish: (_s, r) => {
        if (r.status === 'separated') for (let j = 0; j < caps.length; j++) caps[j] = Math.min(caps[j], r.iterations + 5);
      },
    });
    const first = Math.min(...multi.filter((r) => r.status === 'separated').map((r) => r.iterations));
    steps.forEach((step, s) => {
      const single = simpleRun(lrGd({ step }), data, { model: fm.model, w0: zero, maxIter: caps[s], whenSeparated: true });
      expect(multi[s].status).toBe(single.status);
      expect(multi[s].iterations).toBe(single.iterations);
      expect(sameBits(multi[s].w, single.w)).toBe(true);
      expect(multi[s].iterations).toBeLessThanOrEqual(first + 5);
    });
  });
});

describe('worker-count invariance', () => {
  const before: Kernels = kernels();
  const wasm = [wasmKernels({ threads: 1, smallWork: 0 }), wasmKernels({ threads: 2, smallWork: 0, parallelWork: 0 })];
  afterAll(async () => {
    useKernels(before);
    await Promise.all(wasm.map((k) => k?.dispose()));
  });

  it('the same runs with 1 and 2 threads give identical bits (and the single runs\' bits)', () => {
    const data = pixels(90, 70, 7);
    const steps = [0.05, 2, 40];
    const w0 = normal(key(3), 72);
    const multi = (k: Kernels | undefined) => {
      if (k === undefined) throw new Error('kernels.wasm is not built (npm run build)');
      useKernels(k);
      return lrGdMulti(mCvFeatures(70, 2), data, { steps, w0, maxIter: 40, whenSeparated: false });
    };
    // The native addon exists only where a C compiler was at hand for npm run build (and the CPU has AVX2).
    const native = [nativeKernels({ threads: 1, smallWork: 0 }), nativeKernels({ threads: 2, smallWork: 0, parallelWork: 0 })].filter((k) => k !== undefined);
    const results = [...wasm, ...native].map(multi);
    useKernels(before);
    const singles = steps.map((step) => simpleRun(lrGd({ step }), data, { model: mCvFeatures(70, 2).model, w0, maxIter: 40, whenSeparated: false }));
    for (const r of results) r.forEach((run, s) => expect(sameBits(run.w, singles[s].w)).toBe(true));
  });
});
