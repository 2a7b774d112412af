// claims/c4.ts `sweepSteps` with every γ of the grid run at once (lrGdMulti): the same counts, because run j's cap — the best robust window among the runs above it — is known by the time run j reaches it.
import type { Count } from '../claims/c4.js';
import type { Dataset } from '../data/dataset.js';
import type { FeatureModel } from '../run/feature-model.js';
import { lrGdMulti } from '../run/lr-gd-multi.js';

/**
 * sweepSteps walks the grid from the largest γ down and caps run j at min(cap, window(c)) over the windows
 * (γ_{c−1}, γ_c, γ_{c+1}) with c ≥ j + 2, a window being worth the largest of its three counts (∞ unless all
 * three separated). In lockstep, a window worth w ≤ t is complete at t, and one not complete at t is worth
 * more than t; so "t ≥ cap of run j" is decided at t exactly as sweepSteps decides it, and lrGdMulti checks
 * budgets after the separations of the same t.
 */
export function batchedSweep(fm: FeatureModel, data: Dataset, w0: Float64Array, gammas: readonly number[], cap: number): Count[] {
  const S = gammas.length;
  const counts: (Count | undefined)[] = new Array<Count | undefined>(S);
  const caps = new Array<number>(S).fill(cap);
  const value = (c: Count | undefined): number => (c !== undefined && c.status === 'separated' ? c.iterations : Infinity);
  lrGdMulti(fm, data, {
    steps: gammas,
    w0,
    maxIter: caps,
    whenSeparated: true,
    onFinish(s, r) {
      counts[s] = { iterations: r.iterations, status: r.status };
      if (r.status !== 'separated') return;
      let bound = cap;
      for (let j = S - 1; j >= 0; j--) {
        caps[j] = bound;
        // window(j + 1) joins the bound of run j − 1 (the centre is at least two above it).
        if (j >= 1 && j + 2 < S) bound = Math.min(bound, Math.max(value(counts[j]), value(counts[j + 1]), value(counts[j + 2])));
      }
    },
  });
  return counts as Count[];
}
