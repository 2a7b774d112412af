// The registry entries of issue 4 through run specs: two-layer, cnn, gd (step rules), quadratic-perceptron, and the scaled init with a Gaussian direction.
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.js';
import type { Dataset } from '../../src/data/dataset.js';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { key, normal } from '../../src/rng/index.js';
import { executeRun } from '../../src/run/execute.js';
import { parseRunSpec } from '../../src/run/run-spec.js';

const data = { source: 'gaussian-separable', n: 30, d: 4, margin: 0.3 };

describe('issue-4 registry entries', () => {
  it('a ReLU two-layer net trained by GD with the Armijo rule separates', () => {
    const spec = parseRunSpec({ data, model: { kind: 'two-layer', width: 6, activation: 'relu' }, algorithm: { name: 'gd', step: 10, rule: 'armijo' }, init: { kind: 'normal', scale: 0.5 }, stop: { maxIter: 3000 } });
    const r = executeRun(spec).result;
    expect(r.status).toBe('separated');
  });

  it('the quadratic perceptron runs on m_cv from a scaled Gaussian direction and refuses w₀ = 0', () => {
    const ok = executeRun(parseRunSpec({ data, model: { kind: 'm-cv', k: 2 }, algorithm: { name: 'quadratic-perceptron', step: 1 }, init: { kind: 'scaled', R: 1, direction: 'normal' }, stop: { maxIter: 5000 } }));
    expect(ok.result.status).toBe('separated');
    expect(Math.hypot(...ok.w0)).toBeCloseTo(1, 12);
    expect(errorOf(() => executeRun(parseRunSpec({ data, model: 'm-cv', algorithm: { name: 'quadratic-perceptron', step: 1 } })))).toMatch(/^init: w₀ = 0 is a saddle/);
  });

  it('scaled: ‖w₀‖ = R for a Gaussian direction, R·values for given values, exactly one of the two', () => {
    const base = { data, model: 'linear', algorithm: { name: 'lr-gd', step: 1 }, stop: { maxIter: 0 } };
    const w = executeRun(parseRunSpec({ ...base, init: { kind: 'scaled', R: 7, direction: 'normal' } })).w0;
    expect(Math.hypot(...w)).toBeCloseTo(7, 12);
    expect(Array.from(executeRun(parseRunSpec({ ...base, init: { kind: 'scaled', R: 2, values: [1, 0, -1, 3] } })).w0)).toEqual([2, 0, -2, 6]);
    expect(errorOf(() => executeRun(parseRunSpec({ ...base, init: { kind: 'scaled', R: 2 } })))).toMatch(/^init: give exactly one of values and direction/);
  });

  it('gd with the squared loss fits a regression target with the linear model', () => {
    const spec = parseRunSpec({ data: { source: 'gaussian-regression', n: 6, d: 8 }, loss: 'squared', model: 'linear', algorithm: { name: 'gd', step: 0.02, loss: 'squared' }, stop: { maxIter: 20000, lossBelow: 1e-12 } });
    expect(executeRun(spec).result.status).toBe('converged');
  });

  it('cnn needs image data, and runs on it', () => {
    expect(errorOf(() => executeRun(parseRunSpec({ data, model: { kind: 'cnn', kernelSize: 2 }, algorithm: { name: 'lr-gd', step: 1 }, init: 'normal' })))).toMatch(/^model\.kind: needs image data/);
    const images: Dataset = { ...labelled('img', normal(key(1), 8 * 2 * 4 * 4), [1, -1, 1, -1, 1, -1, 1, -1], 32), imageShape: [2, 4, 4] };
    const spec = parseRunSpec({ data, model: { kind: 'cnn', kernelSize: 3, channels: 2 }, algorithm: { name: 'gd', step: 1, rule: 'polyak' }, init: { kind: 'normal', scale: 0.3 }, stop: { maxIter: 2000 } });
    expect(executeRun(spec, { data: images }).result.status).toBe('separated');
  });
});
