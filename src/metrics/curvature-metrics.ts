// Curvature metrics of an iterate by name, for trajectories (a run spec's `metrics: [...]`): sharpness λ_max(∇²L), λ_min/λ_max of the NTK G = J Jᵀ, and ρ = cᵀGc/cᵀc.
import { GdlabError } from '../core/errors.js';
import type { Dataset } from '../data/dataset.js';
import { kernels } from '../kernels/index.js';
import type { Loss } from '../losses/loss.js';
import type { Model } from '../models/model.js';
import { type NtkExtremes, ntkExtremes } from './ntk.js';
import { hessianTopK } from './sharpness.js';

export interface MetricContext {
  readonly data: Dataset;
  readonly model: Model;
  /** The outputs at w. */
  readonly outputs: Float64Array;
  readonly loss: Loss;
}

/** Structurally the run loop's ExtraMetric. */
export interface IterateMetric {
  readonly name: string;
  compute(w: Float64Array, ctx: MetricContext): number;
}

export const CURVATURE_METRICS: Readonly<Record<string, string>> = {
  sharpness: 'λ_max of the loss Hessian ∇²L (Lanczos on exact Hessian–vector products)',
  'ntk-min': 'λ_min of the empirical NTK G = J Jᵀ (nM × nM)',
  'ntk-max': 'λ_max of G (for the squared loss, the top eigenvalue of the Gauss–Newton part JᵀJ of ∇²L)',
  'ntk-rho': 'ρ = cᵀGc/cᵀc = ‖∇L‖²/‖c‖² with c = ∂L/∂m (= r for the squared loss: d log L/dt = −2ρ along the flow)',
};

/** ρ = ‖Jᵀc‖²/‖c‖², c = ∂L/∂m at the outputs m (one pullback). */
export function ntkRayleigh(model: Model, data: Dataset, loss: Loss, w: Float64Array, outputs: Float64Array): number {
  const c = new Float64Array(outputs.length);
  loss.dvalue(outputs, data.y, c);
  const g = new Float64Array(model.numParams);
  model.pullback(w, data, c, g);
  const K = kernels();
  return K.sumSq(g) / K.sumSq(c);
}

/** The metrics named, in order; ntk-min and ntk-max share one spectrum per iterate. Unknown names throw, listing the known ones. */
export function curvatureMetrics(names: readonly string[]): IterateMetric[] {
  let lastW: Float64Array | null = null;
  let lastNtk: NtkExtremes | null = null;
  const ntk = (w: Float64Array, ctx: MetricContext): NtkExtremes => {
    if (lastNtk === null || lastW === null || !sameEntries(lastW, w)) {
      lastNtk = ntkExtremes(ctx.model, ctx.data, w);
      lastW = Float64Array.from(w);
    }
    return lastNtk;
  };
  return names.map((name, i): IterateMetric => {
    switch (name) {
      case 'sharpness':
        return { name, compute: (w, ctx) => hessianTopK(ctx.model, ctx.data, ctx.loss, w).values[0] };
      case 'ntk-min':
        return { name, compute: (w, ctx) => ntk(w, ctx).min };
      case 'ntk-max':
        return { name, compute: (w, ctx) => ntk(w, ctx).max };
      case 'ntk-rho':
        return { name, compute: (w, ctx) => ntkRayleigh(ctx.model, ctx.data, ctx.loss, w, ctx.outputs) };
      default:
        throw new GdlabError(`metrics[${i}]: unknown metric (got ${JSON.stringify(name)}); expected one of ${Object.keys(CURVATURE_METRICS).join(', ')}`);
    }
  });
}

function sameEntries(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
