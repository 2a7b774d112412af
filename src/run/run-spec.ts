// A run spec: data, model, algorithm, init, seed, loss, stopping and recording — validated once, at the edge, into a RunSpec.
import { z } from 'zod';
import { GdlabError, show } from '../core/errors.js';
import { count, index, nonNegative, parseWith } from '../spec/validate.js';
import { algorithms, dataSources, inits, models } from './components.js';
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
  readonly record: { readonly schedule: RecordSchedule; readonly weights: boolean };
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
    .strictObject({ every: count.optional(), logSpaced: count.optional(), at: z.array(index).optional(), weights: z.boolean().optional() })
    .optional(),
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
  return {
    name: s.name ?? 'run',
    seed: s.seed ?? 0,
    data: check(dataSources, s.data, 'data', 'source'),
    model: check(models, s.model ?? 'linear', 'model', 'kind'),
    algorithm: check(algorithms, s.algorithm, 'algorithm', 'name'),
    init: check(inits, s.init ?? 'zeros', 'init', 'kind'),
    loss,
    stop: {
      maxIter: s.stop?.maxIter ?? DEFAULT_MAX_ITER,
      whenSeparated: s.stop?.whenSeparated ?? loss === 'logistic',
      ...(s.stop?.lossBelow !== undefined ? { lossBelow: s.stop.lossBelow } : {}),
    },
    record: { schedule, weights: rec.weights ?? false },
  };
}
