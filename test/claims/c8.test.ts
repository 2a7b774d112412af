import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/claims/claim.js';
import { C8_QUICK, type C8Config, c8Architectures, runC8 } from '../../src/claims/c8.js';
import { storedTwice } from './stored-twice.js';

const tiny: C8Config = {
  ...C8_QUICK,
  seeds: 2, n: [8], ratios: [1, 3], etas: [0.05, 2.5], flowSpan: 300, gdSpan: 20, grid: 30, probes: 3,
  logistic: { gammaTimesSharpness: [0.5, 20], iterations: 40, every: 20 },
};

describe('C8 (P2) on a tiny configuration', () => {
  it('picks widths whose parameter count P = h(N + 1 + M) + M is nearest ratio·nM', () => {
    const archs = c8Architectures({ ...tiny, n: [16], ratios: [0.5, 1, 8] });
    expect(archs.map((a) => a.width)).toEqual([1, 2, 18]); // P = 8, 15, 127 for goals 8, 16, 128
    expect(archs.map((a) => a.params)).toEqual([8, 15, 127]);
  });

  let r: ClaimResult;
  let pred: ClaimResult['series'][string];
  let computed: [number, number];
  let again: ClaimResult;
  beforeAll(async () => {
    ({ first: r, again, computed } = await storedTwice((platform) => runC8(tiny, platform)));
    pred = r.series.predictions;
  });
  const check = (prefix: string) => {
    const c = r.checks.find((x) => x.what.startsWith(prefix));
    if (c === undefined) throw new Error(`no check starting with ${prefix}`);
    return c;
  };

  it('runs its 12 flow and GD runs and 8 logistic runs through the store: all cached the second time, same result', () => {
    // 2 widths × 2 seeds × (flow + 2 step sizes), and 2 models × 2 steps × (until separated, full budget).
    expect(computed).toEqual([2 * 2 * (1 + 2) + 2 * 2 * 2, 0]);
    expect(again).toEqual(r);
  });

  it('reports tables, labelled predictions and figure series', () => {
    expect(r.id).toBe('c8');
    expect(r.tables.map((t) => t.rows.length)).toEqual([2, 4, 4]);
    expect(Object.keys(r.series)).toContain('flow-n8-h1-a0.1');
    const flow = r.series['flow-n8-h1-a0.1'];
    expect(Object.keys(flow)).toEqual(['t', 'loss', 'P0', 'P1', 'P2', 'lambdaMin', 'lambdaMax', 'rho']);
    expect(pred.seed.length).toBe(4);
    // λ(G₀) of the specs' start (dense eigenvalues before the runs) is what the flow run recorded at t = 0, and GD starts on the same G₀.
    expect(flow.lambdaMin[0]).toBe(pred.lambdaMin0[0]);
    expect(flow.lambdaMax[0]).toBe(pred.lambdaMax0[0]);
    expect(r.series['gd-n8-h1-a0.1-c0.05'].lambdaMin[0]).toBe(pred.lambdaMin0[0]);
  });

  it('computes its checks from the measured runs', () => {
    // P1 and P2: recomputed from the flow series of every architecture's first seed, and from the per-run worst ratios.
    for (const [name, s] of Object.entries(r.series).filter(([k]) => k.startsWith('flow-'))) {
      s.loss.forEach((L, k) => {
        if (L < 1e-10 * s.loss[0]) return;
        expect(L, `${name} t=${s.t[k]}`).toBeLessThanOrEqual(s.P2[k] * (1 + 1e-6));
        expect(L).toBeLessThanOrEqual(s.P1[k] * (1 + 1e-6));
        expect(s.P1[k]).toBeGreaterThanOrEqual(s.P2[k] * (1 - 1e-12)); // min λ ≤ mean λ
      });
    }
    const p1 = check('P1');
    expect(p1.holds).toBe(pred.worstP1.every((x) => x <= 1 + 1e-6));
    expect(p1.measured).toMatch(/held in \d+ of 4 flows/);
    const p0 = check('P0');
    const positive = pred.lambdaMin0.map((x, i) => x > 1e-10 * pred.lambdaMax0[i]);
    expect(p0.holds).toBe(pred.worstP0.every((x, i) => !positive[i] || x <= 1 + 1e-6));
    const ident = check('P3 for the flow');
    expect(ident.holds).toBe(pred.identityError.filter((x) => !Number.isNaN(x)).every((x) => x <= 1e-4));
    const threshold = check("P2's threshold");
    expect(threshold.holds).toBe(positive.every((p, i) => p || pred.params[i] < pred.n[i]));
    // The rescaling symmetry of each hidden unit: rank G₀ ≤ P − h, so P = nM with h ≥ 1 is singular.
    pred.rank0.forEach((rank, i) => expect(rank).toBeLessThanOrEqual(Math.min(pred.n[i], pred.params[i] - pred.width[i])));
    expect(pred.rank0[0]).toBeLessThan(8); // h = 1, P = nM = 8
    expect(threshold.holds).toBe(false);
  });

  it('measures GD against the flow: small steps track it, steps past 2/λ_max leave it', () => {
    const small = r.series['gd-n8-h3-a0.1-c0.05'];
    const big = r.series['gd-n8-h3-a0.1-c2.5'];
    expect(Math.max(...small.distanceToFlow)).toBeLessThan(0.05);
    expect(big.etaLambdaMax[0]).toBeCloseTo(2.5, 12);
    const track = check('GD at η = 0.05');
    expect(track.measured).toMatch(/within 5% in \d+ of 4 runs; median [\d.e-]+, max [\d.e-]+/);
  });
});
