// The quadratic perceptron's step θ + (γ/n)Σ_{S_t} A_iθ against explicit matrices A_i = y_i[[0, B_iᵀ],[B_i, 0]], B_i = [b_i, Pb_i, …]; noise and its guards.
import { describe, expect, it } from 'vitest';
import type { Algorithm, AlgorithmState } from '../../src/algorithms/algorithm.js';
import { quadraticPerceptron } from '../../src/algorithms/quadratic-perceptron.js';
import type { Dataset } from '../../src/data/dataset.js';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import { mCvModel } from '../../src/models/m-cv.js';
import type { Model } from '../../src/models/model.js';
import { twoLayerModel } from '../../src/models/two-layer.js';
import { key, normal } from '../../src/rng/index.js';
import { runLoop } from '../../src/run/loop.js';

const n = 6, d = 5;
const X = normal(key(1), n * d);
const data = labelled('rand', X, [1, -1, 1, -1, -1, 1], d);

function steps<S extends AlgorithmState>(alg: Algorithm<S>, model: Model, ds: Dataset, w0: Float64Array, t: number): Float64Array[] {
  return runLoop(alg, model, ds, w0, {
    loss: logisticLoss, stop: { maxIter: t, whenSeparated: false }, record: { every: 1 }, recordWeights: true, key: key(9), classify: true,
  }).trajectory.weights;
}

/** Dense A_i ((k+d)×(k+d), row-major) for m_cv with w = (c, v): (P^j b)_r = b_{r−j}. */
function explicitA(i: number, k: number): Float64Array {
  const p = k + d;
  const A = new Float64Array(p * p);
  const y = data.y[i];
  for (let j = 0; j < k; j++) for (let r = 0; r < d; r++) {
    const B = X[i * d + (((r - j) % d) + d) % d];
    A[j * p + (k + r)] = y * B; // top-right block B_iᵀ
    A[(k + r) * p + j] = y * B; // bottom-left block B_i
  }
  return A;
}

function explicitStep(theta: Float64Array, k: number, gamma: number, identity: boolean): Float64Array {
  const p = k + d;
  const As = Array.from({ length: n }, (_, i) => explicitA(i, k));
  const quad = As.map((A) => { let s = 0; for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) s += theta[a] * A[a * p + b] * theta[b]; return s; });
  const out = identity ? Float64Array.from(theta) : new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (quad[i] > 0) continue; // S_t = {θᵀA_iθ ≤ 0}
    for (let a = 0; a < p; a++) { let s = 0; for (let b = 0; b < p; b++) s += As[i][a * p + b] * theta[b]; out[a] += (gamma / n) * s; }
  }
  return out;
}

describe('quadratic perceptron', () => {
  for (const k of [1, 2, 3]) {
    for (const identity of [true, false]) {
      it(`k = ${k}, ${identity ? 'θ + M_tθ' : 'M_tθ'}: three steps equal the explicit-matrix steps`, () => {
        const model = mCvModel(d, k);
        const w = steps(quadraticPerceptron({ step: 0.8, identity }), model, data, normal(key(2 + k), k + d), 3);
        for (let t = 0; t < 3; t++) {
          const e = explicitStep(w[t], k, 0.8, identity);
          w[t + 1].forEach((x, j) => expect(x).toBeCloseTo(e[j], 12));
        }
      });
    }
  }

  it('noise: "always" adds size·N(0, I) from the step key; "stuck" only when the step vanishes (θ = 0)', () => {
    const model = mCvModel(d, 2);
    const w0 = normal(key(7), 2 + d);
    const plain = steps(quadraticPerceptron({ step: 0.5 }), model, data, w0, 1)[1];
    const noisy = steps(quadraticPerceptron({ step: 0.5, noise: { size: 0.1, when: 'always' } }), model, data, w0, 1)[1];
    const diff = Float64Array.from(noisy, (x, j) => (x - plain[j]) / 0.1);
    expect(Math.max(...diff.map(Math.abs))).toBeGreaterThan(0.05);
    const again = steps(quadraticPerceptron({ step: 0.5, noise: { size: 0.1, when: 'always' } }), model, data, w0, 1)[1];
    expect(Array.from(again)).toEqual(Array.from(noisy));
    const stuckRule = quadraticPerceptron({ step: 0.5, noise: { size: 0.1, when: 'stuck' } });
    expect(Array.from(steps(stuckRule, model, data, w0, 1)[1])).toEqual(Array.from(plain));
    const fromZero = steps(stuckRule, model, data, new Float64Array(2 + d), 1)[1];
    expect(fromZero.some((x) => x !== 0)).toBe(true);
  });

  it('refuses a model that is not 2-homogeneous', () => {
    const relu = twoLayerModel({ d, width: 3, activation: 'relu', secondLayer: 'fixed' });
    expect(() => steps(quadraticPerceptron({ step: 1 }), relu, data, normal(key(1), relu.numParams), 1)).toThrow(/^algorithm: the quadratic perceptron needs a 2-homogeneous model/);
  });
});
