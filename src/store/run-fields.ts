// A run spec as flat user-facing fields ("algorithm.name", "algorithm.step", "data.d", "seed", …): what `gdlab runs` filters on and `gdlab export` writes.
import type { RunSpec } from '../run/run-spec.js';
import { COMPONENTS, type ParamValue } from '../run/sweep-grid.js';

export type Fields = Record<string, ParamValue>;

function flatten(prefix: string, v: unknown, out: Fields): void {
  if (v === undefined) return;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(prefix === '' ? k : `${prefix}.${k}`, x, out);
  } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    out[prefix] = v;
  } else {
    out[prefix] = JSON.stringify(v);
  }
}

export function runFields(spec: RunSpec): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(spec)) {
    const component = COMPONENTS[k];
    if (k === 'record') {
      // Back to the spec file's shape: record.every / record.logSpaced / record.at beside record.weights (and gradNorm, metricsAt when given).
      const { schedule, ...rest } = spec.record;
      flatten(k, { ...schedule, ...rest }, out);
    } else if (component !== undefined && v !== null && typeof v === 'object' && 'options' in v) {
      const c = v as { name: string; options: Record<string, unknown> };
      flatten(k, { [component.discriminator]: c.name, ...c.options }, out);
    } else {
      flatten(k, v, out);
    }
  }
  return out;
}
