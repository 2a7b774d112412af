// A run spec: data, model, algorithm, init, seed, loss, stopping and recording — validated once, at the edge, into a RunSpec.
import { z } from 'zod';
import { GdlabError, show } from '../core/errors.js';
import { CURVATURE_METRICS } from '../metrics/curvature-metrics.js';
import { count, index, nonNegative, parseWith } from '../spec/validate.js';
import { algorithms, dataSources, inits, models } from './components.js';
import { perturbOptions } from './perturb.js';
import { type Component, check } from './registry.js';
import type { RecordSchedule } from './schedule.js';

export interface RunSpec {
  readonly name: string;
  readonly seed: number;
  readonly data: Component;
  readonly model: Component;
  readonly algorithm: Component;
  readonly init: Component;
  readonly loss: 'logistic' | 'squared';
  readonly stop: { readonly maxIter: number; readonly whenSeparated: boolean; readonly lossBelow?: number };
  /** weights: w_t at every recorded row, or 'last' (only w at the last iteration); gradNorm: false leaves ‖∇f‖ out (NaN), present only then. */
  readonly record: { readonly schedule: RecordSchedule; readonly weights: boolean | 'last'; readonly gradNorm?: false; readonly metricsAt?: readonly number[] };
  /** Extra trajectory columns by name (src/metrics/curvature-metrics.ts), e.g. sharpness, ntk-min. */
  readonly metrics: readonly string[];
}

const top = z.strictObject({
  name: z.string().min(1).optional(),
  seed: index.optional(),
  data: z.unknown(),
  model: z.unknown().optional(),
  algorithm: z.unknown(),
  init: z.unknown().optional(),
  loss: z.enum(['logistic', 'squared']).optional(),
  stop: z
    .strictObject({ maxIter: index.optional(), whenSeparated: z.boolean().optional(), lossBelow: nonNegative.optional() })
    .optional(),
  record: z
    .strictObject({
      every: count.optional(),
      logSpaced: count.optional(),
      at: z.array(index).optional(),
      weights: z.union([z.boolean(), z.literal('last')]).optional(),
      gradNorm: z.boolean().optional(),
      metricsAt: z.array(index).optional(),
    })
    .optional(),
  metrics: z.array(z.string()).optional(),
});

export const DEFAULT_MAX_ITER = 100_000;

/** Validate a parsed spec value; every problem is one GdlabError naming the field and the value. */
export function parseRunSpec(raw: unknown): RunSpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GdlabError(`spec: must be a mapping with data, algorithm, … (got ${show(raw)})`);
  }
  for (const field of ['data', 'algorithm']) {
    if ((raw as Record<string, unknown>)[field] === undefined) throw new GdlabError(`${field}: required (got undefined)`);
  }
  const s = parseWith(top, raw);
  const rec = s.record ?? {};
  const chosen = (['every', 'logSpaced', 'at'] as const).filter((k) => rec[k] !== undefined);
  if (chosen.length > 1) throw new GdlabError(`record: choose one of every, logSpaced, at (got ${chosen.join(' and ')})`);
  const schedule: RecordSchedule =
    rec.every !== undefined ? { every: rec.every } : rec.logSpaced !== undefined ? { logSpaced: rec.logSpaced } : rec.at !== undefined ? { at: rec.at } : { logSpaced: 20 };
  const loss = s.loss ?? 'logistic';
  const metrics = s.metrics ?? [];
  metrics.forEach((m, i) => {
    if (!Object.hasOwn(CURVATURE_METRICS, m)) throw new GdlabError(`metrics[${i}]: unknown metric (got ${show(m)}); expected one of ${Object.keys(CURVATURE_METRICS).join(', ')}`);
    if (metrics.indexOf(m) !== i) throw new GdlabError(`metrics[${i}]: listed twice (got ${show(m)})`);
  });
  if (rec.metricsAt !== undefined && metrics.length === 0) throw new GdlabError(`record.metricsAt: only with metrics (got ${show(rec.metricsAt)})`);
  const algorithm = check(algorithms, s.algorithm, 'algorithm', 'name');
  // Algorithms with their own loss option (gd, gradient-flow) minimise the spec's loss unless told otherwise; a different one is an error.
  if (Object.hasOwn(algorithms[algorithm.name].options.shape, 'loss')) {
    const own = algorithm.options.loss;
    if (own !== undefined && own !== loss) throw new GdlabError(`algorithm.loss: must match the spec's loss ${show(loss)} (got ${show(own)})`);
    algorithm.options.loss = loss;
  }
  return {
    name: s.name ?? 'run',
    seed: s.seed ?? 0,
    data: check(dataSources, s.data, 'data', 'source'),
    model: check(models, s.model ?? 'linear', 'model', 'kind'),
    algorithm,
    init: checkInit(s.init ?? 'zeros'),
    loss,
    stop: {
      maxIter: s.stop?.maxIter ?? DEFAULT_MAX_ITER,
      whenSeparated: s.stop?.whenSeparated ?? loss === 'logistic',
      ...(s.stop?.lossBelow !== undefined ? { lossBelow: s.stop.lossBelow } : {}),
    },
    record: {
      schedule, weights: rec.weights ?? false, ...(rec.gradNorm === false ? { gradNorm: false as const } : {}),
      ...(rec.metricsAt !== undefined ? { metricsAt: rec.metricsAt } : {}),
    },
    metrics,
  };
}

/** An init from the registry, plus `perturb: {size, stream}` (any kind; src/run/perturb.ts), kept in its options only when given. */
function checkInit(raw: unknown): Component {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !Object.hasOwn(raw, 'perturb')) return check(inits, raw, 'init', 'kind');
  const { perturb, ...rest } = raw as Record<string, unknown>;
  const p = parseWith(perturbOptions, perturb, 'init.perturb');
  const c = check(inits, rest, 'init', 'kind');
  return { name: c.name, options: { ...c.options, perturb: { size: p.size, stream: p.stream ?? 0 } } };
}
