// LR+GD (P0 §2) at S step sizes at once: per iteration one product X·[u₁ … u_S] and one Xᵀ·[coef₁ … coef_S] instead of S of each; runs stop independently and are bit for bit the single runs.
import { sigmoid } from '../core/logistic-math.js';
import type { Dataset } from '../data/dataset.js';
import { kernels } from '../kernels/index.js';
import type { FeatureModel } from './feature-model.js';
import type { RunStatus } from './loop.js';

export interface MultiRunResult {
  readonly status: RunStatus;
  /** The last t reached, as in runLoop: for 'separated', the iterations needed. */
  readonly iterations: number;
  readonly w: Float64Array;
}

export interface MultiRunOptions {
  /** One step size γ per run. */
  readonly steps: readonly number[];
  /** One start for every run, or one per run. */
  readonly w0: Float64Array | readonly Float64Array[];
  /** Iteration budget, for all runs or per run. An array is read at every iteration, so `onFinish` may lower the budgets of runs still going. */
  readonly maxIter: number | ArrayLike<number>;
  /** Stop a run at the first t where it classifies every sample correctly. */
  readonly whenSeparated: boolean;
  /** Called as each run stops (at each t, runs stopping by NaN/Inf or separation before runs reaching their budget). */
  readonly onFinish?: (run: number, result: MultiRunResult) => void;
}

/** Keeps columns `keep` (increasing) of the rows×S matrix A, packed into the first rows×keep.length entries. */
function keepColumns(A: Float64Array, rows: number, S: number, keep: readonly number[]): void {
  const T = keep.length;
  for (let r = 0; r < rows; r++) for (let b = 0; b < T; b++) A[r * T + b] = A[r * S + keep[b]];
}

// The per-entry loops live in small functions of their own, which the JIT optimises far better than
// loops inside the long-running body of lrGdMulti.

/** bad[b] = 1 if column b of M (n×S) or of W (P×S) has a NaN/Inf; wrong[b] = 1 if some y_i·M[i, b] ≤ 0 (or NaN). */
function screen(M: Float64Array, y: Float64Array, n: number, W: Float64Array, P: number, S: number, bad: Uint8Array, wrong: Uint8Array): void {
  bad.fill(0, 0, S);
  wrong.fill(0, 0, S);
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    for (let b = 0; b < S; b++) {
      const m = M[i * S + b];
      if (m - m !== 0) bad[b] = 1;
      if (!(yi * m > 0)) wrong[b] = 1;
    }
  }
  for (let p = 0; p < P; p++) {
    for (let b = 0; b < S; b++) {
      const w = W[p * S + b];
      if (w - w !== 0) bad[b] = 1;
    }
  }
}

/** C[i, b] = ((γ_b/n)·σ(−y_i M[i, b]))·y_i, as lr-gd.ts forms each coefficient. */
function coefficients(C: Float64Array, M: Float64Array, y: Float64Array, gamma: Float64Array, n: number, T: number): void {
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    for (let b = 0; b < T; b++) C[i * T + b] = ((gamma[b] / n) * sigmoid(-yi * M[i * T + b])) * yi;
  }
}

function addInto(W: Float64Array, dir: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) W[i] += dir[i];
}

/**
 * Run s equals `simpleRun(lrGd({ step: steps[s] }), data, { model: fm.model, w0, maxIter, whenSeparated })`:
 * the same status, iterations and final w, bit for bit. The batched products sum each column in the order
 * of the single mat-vecs (kernels.ts), every other entry is computed by the single run's operations, and the
 * stopping tests are runLoop's, in its order (NaN/Inf in m or w, then separation, then the budget).
 * Finished runs leave the products.
 */
export function lrGdMulti(fm: FeatureModel, data: Dataset, o: MultiRunOptions): MultiRunResult[] {
  const K = kernels();
  const { X, y } = data;
  const n = X.rows;
  const { d } = fm;
  const P = fm.model.numParams;
  const S0 = o.steps.length;
  const cap = (s: number): number => (typeof o.maxIter === 'number' ? o.maxIter : o.maxIter[s]);
  const results: MultiRunResult[] = new Array<MultiRunResult>(S0);

  // Column b of every matrix is run runs[b]; W holds the parameters (P×S).
  let runs = Array.from({ length: S0 }, (_, s) => s);
  const W = new Float64Array(P * S0);
  for (let s = 0; s < S0; s++) {
    const w0 = o.w0 instanceof Float64Array ? o.w0 : o.w0[s];
    if (w0.length !== P) throw new Error(`lrGdMulti: w0 has ${w0.length} entries, the model ${P}`);
    for (let p = 0; p < P; p++) W[p * S0 + s] = w0[p];
  }
  const U = new Float64Array(d * S0);
  const M = new Float64Array(n * S0);
  const C = new Float64Array(n * S0);
  const G = new Float64Array(d * S0);
  const D = new Float64Array(P * S0);
  const bad = new Uint8Array(S0);
  const wrong = new Uint8Array(S0);
  const gamma = new Float64Array(S0);

  let t = 0;
  K.gemm(M, X, fm.features(W, S0, U), S0);
  for (;;) {
    const S = runs.length;
    // runLoop's tests, per column: a NaN/Inf in m or in w, then some y_i m_i ≤ 0 (not separated).
    screen(M, y, n, W, P, S, bad, wrong);
    const finish = (b: number, status: RunStatus): void => {
      const s = runs[b];
      const w = new Float64Array(P);
      for (let p = 0; p < P; p++) w[p] = W[p * S + b];
      results[s] = { status, iterations: t, w };
      o.onFinish?.(s, results[s]);
    };
    let keep: number[] = [];
    for (let b = 0; b < S; b++) {
      if (bad[b]) finish(b, 'diverged');
      else if (o.whenSeparated && !wrong[b]) finish(b, 'separated');
      else keep.push(b);
    }
    // Budgets after the outcomes above (a budget may depend on them); a run cut here may lower others' budgets.
    for (let cut = true; cut;) {
      cut = false;
      keep = keep.filter((b) => {
        if (t < cap(runs[b])) return true;
        finish(b, 'max-iter');
        cut = true;
        return false;
      });
    }
    if (keep.length === 0) break;
    const T = keep.length;
    if (T < S) {
      keepColumns(W, P, S, keep);
      keepColumns(M, n, S, keep);
      runs = keep.map((b) => runs[b]);
    }

    // One LR+GD step for every run still going: coef_i = ((γ/n)·σ(−y_i m_i))·y_i (lr-gd.ts), w ← w + J_uᵀXᵀcoef.
    for (let b = 0; b < T; b++) gamma[b] = o.steps[runs[b]];
    coefficients(C, M, y, gamma, n, T);
    K.gemmT(G, X, C, T);
    addInto(W, fm.pullback(W, G, T, D), P * T);
    t++;
    K.gemm(M, X, fm.features(W, T, U), T);
  }
  return results;
}
