// The Filippov gradient flow of filippov-flow.ts as an Algorithm: iteration k is θ(times[k−1]), its NTK metrics taken with the slopes in force there (sliding ones inside [α, 1]).
import { GdlabError, fieldError } from '../core/errors.js';
import type { Dataset } from '../data/dataset.js';
import type { Model } from '../models/model.js';
import type { TwoLayerLeaky } from '../models/two-layer-leaky.js';
import type { Algorithm, AlgorithmState } from './algorithm.js';
import { type FilippovResult, filippovFlow } from './filippov-flow.js';

export interface FilippovFlowOptions {
  /** Output times, increasing and > 0: iteration k is θ(times[k−1]) (iteration 0 is θ₀ at t = 0). */
  readonly times: readonly number[];
  /** Integrator tolerances; defaults 1e-8 and 1e-10 (as gradient-flow). */
  readonly rtol?: number;
  readonly atol?: number;
  /** Integrator step attempts and kink events allowed over the whole flow (filippovFlow's defaults 1e6 and 1e5). */
  readonly maxSteps?: number;
  readonly maxEvents?: number;
}

/** Trajectory columns the algorithm reports: kink events with t_e ≤ t, and the time in [0, t] with some entry sliding. */
export const FILIPPOV_COLUMNS = ['kink-events', 'sliding-time'] as const;

export interface FilippovFlowState extends AlgorithmState {
  /** The whole flow, integrated at the first step (the event-driven integrator runs to the last time in one go). */
  flow: FilippovResult | null;
  inForce?: Model;
  columns: Record<(typeof FILIPPOV_COLUMNS)[number], number>;
  /** Kink events counted so far. */
  events: number;
}

function isTwoLayerLeaky(model: Model): model is TwoLayerLeaky {
  const m = model as Partial<TwoLayerLeaky>;
  return typeof m.preActivations === 'function' && typeof m.outputsWith === 'function' && typeof m.pullbackWith === 'function' && typeof m.signal === 'function';
}

/** The net with its slopes frozen at `slopes` (n·h): the model the flow differentiates where it slides on kinks. */
export function withSlopes(net: TwoLayerLeaky, slopes: Float64Array): Model {
  const z = (w: Float64Array, data: Dataset): Float64Array => {
    const out = new Float64Array(data.X.rows * net.hidden);
    net.preActivations(w, data, out);
    return out;
  };
  return {
    name: `${net.name} (flow slopes)`,
    numParams: net.numParams,
    outputs: net.outputs,
    homogeneity: net.homogeneity,
    forward(w, data, out) {
      const zs = z(w, data);
      net.outputsWith(w, zs, slopes, out);
      return zs;
    },
    pullback(w, data, coef, out, cache) {
      net.pullbackWith(w, data, (cache as Float64Array | undefined) ?? z(w, data), slopes, coef, out);
    },
  };
}

export function filippovFlowAlgorithm(o: FilippovFlowOptions): Algorithm<FilippovFlowState> {
  o.times.forEach((t, i) => {
    if (!(Number.isFinite(t) && t > 0)) throw fieldError(`algorithm.times[${i}]`, t, 'must be a finite number > 0');
    if (i > 0 && !(t > o.times[i - 1])) throw fieldError(`algorithm.times[${i}]`, t, `must be greater than times[${i - 1}] = ${o.times[i - 1]}`);
  });
  return {
    name: 'filippov-flow',
    init(w0, _data, model) {
      if (!isTwoLayerLeaky(model)) {
        throw new GdlabError(`algorithm.name: filippov-flow needs model {kind: mlp, widths: [h], activation: leaky-relu, implementation: hand-written} (got ${model.name})`);
      }
      return { w: Float64Array.from(w0), t: 0, flow: null, columns: { 'kink-events': 0, 'sliding-time': 0 }, events: 0 };
    },
    step(s, oracle) {
      const net = oracle.model as TwoLayerLeaky;
      s.flow ??= filippovFlow(net, oracle.data, s.w, o.times, { rtol: o.rtol ?? 1e-8, atol: o.atol ?? 1e-10, maxSteps: o.maxSteps, maxEvents: o.maxEvents });
      const f = s.flow;
      const k = s.t;
      if (k >= f.t.length) {
        s.failure = k >= o.times.length
          ? `filippov flow: no output time after t = ${o.times[o.times.length - 1]} (stop.maxIter must be at most the ${o.times.length} times)`
          : `filippov flow: ${f.status} before t = ${o.times[k]}`;
        return;
      }
      s.w.set(f.y[k]);
      s.t++;
      s.inForce = withSlopes(net, f.slopes[k]);
      while (s.events < f.eventTimes.length && f.eventTimes[s.events] <= f.t[k]) s.events++;
      s.columns = { 'kink-events': s.events, 'sliding-time': f.slidingUntil[k] };
    },
  };
}
