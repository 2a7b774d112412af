// Fidelity: gdlab's LR+GD against PyTorch float64 iterates (fixtures/lr-gd-torch.json, made by fixtures/make_lr_gd_torch.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lrGd } from '../../src/algorithms/lr-gd.js';
import { labelled } from '../../src/data/synthetic/labelled.js';
import { norm2 } from '../../src/metrics/norm.js';
import { simpleRun } from '../../src/run/simple-run.js';

interface Iterate { t: number; w: number[]; loss: number }
interface Fixture {
  provenance: Record<string, string>;
  n: number;
  d: number;
  X: number[][];
  y: number[];
  separator: number[];
  record_at: number[];
  runs: { step: number; iterates: Iterate[] }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/lr-gd-torch.json', import.meta.url), 'utf8')) as Fixture;
const data = labelled('lr-gd-torch', fixture.X, fixture.y);
const TOL = 1e-12;

function relDiff(a: Float64Array, b: readonly number[]): number {
  const diff = Float64Array.from(b, (v, j) => a[j] - v);
  return norm2(diff) / norm2(Float64Array.from(b));
}

describe('the fixture is what its provenance says', () => {
  it('has the documented shape and labels y_i = sign(cᵀx_i), so the data are separable', () => {
    expect([data.X.rows, data.X.cols]).toEqual([fixture.n, fixture.d]);
    expect(fixture.X.every((row) => row.length === fixture.d)).toBe(true);
    fixture.X.forEach((row, i) => {
      const s = row.reduce((acc, x, j) => acc + x * fixture.separator[j], 0);
      expect(Math.sign(s)).toBe(fixture.y[i]);
    });
  });

  it('records w_1 = (γ/2n) Xᵀy, the closed form of the first step from w = 0 (σ(0) = 1/2)', () => {
    for (const run of fixture.runs) {
      const w1 = run.iterates.find((it) => it.t === 1);
      expect(w1).toBeDefined();
      const expected = new Float64Array(fixture.d);
      fixture.X.forEach((row, i) => row.forEach((x, j) => (expected[j] += (run.step / (2 * fixture.n)) * fixture.y[i] * x)));
      expect(relDiff(expected, w1!.w)).toBeLessThan(1e-14);
    }
  });
});

describe('gdlab lrGd matches PyTorch float64 GD on the logistic loss', () => {
  for (const run of fixture.runs) {
    it(`γ = ${run.step}: every recorded w_t and loss within ${TOL} relative, t ≤ ${fixture.record_at.at(-1)}`, () => {
      const maxIter = Math.max(...fixture.record_at);
      const res = simpleRun(lrGd({ step: run.step }), data, { maxIter, whenSeparated: false, record: { at: fixture.record_at }, weights: true });
      expect(res.status).toBe('max-iter');
      const { iter, loss } = res.trajectory.columns;
      expect(iter).toEqual(run.iterates.map((it) => it.t));
      run.iterates.forEach((it, k) => {
        if (it.t === 0) {
          expect(Array.from(res.trajectory.weights[k])).toEqual(it.w);
        } else {
          expect(relDiff(res.trajectory.weights[k], it.w), `w_${it.t}`).toBeLessThanOrEqual(TOL);
        }
        expect(Math.abs(loss[k] - it.loss) / it.loss, `loss at t=${it.t}`).toBeLessThanOrEqual(TOL);
      });
    });
  }
});
