import { describe, expect, it } from 'vitest';
import { batchPerceptron } from '../../src/algorithms/batch-perceptron.js';
import { reproduceC1 } from '../../src/claims/c1.js';
import { agreesWithClosedForm, slowPerceptronIterations, table1Row, table1Specs, TABLE1 } from '../../src/claims/c2.js';
import { p0SlowPerceptron } from '../../src/data/synthetic/p0-slow-perceptron.js';
import { simpleRun } from '../../src/run/simple-run.js';
import { runMany } from '../../src/store/run-many.js';

describe('C1', () => {
  it('every check of P0 Thm 4.1 holds', async () => {
    const c = await reproduceC1({ quick: true });
    for (const k of c.checks) expect(k.holds, `${k.what}: ${k.measured}`).toBe(true);
  });
});

describe('C2', () => {
  it('the batch perceptron needs exactly 1 + ⌊(3n−8)/10⌋ + 1 iterations on P0 Thm 5.1’s set (n = 2…300), up to float64 ties', () => {
    let ties = 0;
    for (let n = 2; n <= 300; n++) {
      const t = simpleRun(batchPerceptron(), p0SlowPerceptron(n)).iterations;
      if (n % 10 !== 6) expect(t, `n=${n}`).toBe(slowPerceptronIterations(n));
      else expect(agreesWithClosedForm(n, t), `n=${n}: ${t}`).toBe(true);
      if (t !== slowPerceptronIterations(n)) ties++;
    }
    expect(ties).toBeLessThan(30); // only at the 30 tie sizes n ≡ 6 mod 10
  });

  it('n = 1000 reproduces P0 Table 1 exactly: 157 / 16 / 2 / 2 and LR+GD 308', async () => {
    const r = table1Row(1000, await runMany(table1Specs(1000)));
    expect(r.normalized).toEqual([...TABLE1.normalized]);
    expect(r.lrGd100).toBe(TABLE1.lrGd100);
  });
});
