// A run's key: SHA-256 of the canonical JSON of {gdlab version, spec without its name, data folder} — what determines the run's numbers, nothing else.
import { createHash } from 'node:crypto';
import type { RunSpec } from '../run/run-spec.js';
import { canonicalJson } from './canonical-json.js';
import { gdlabVersion } from './version.js';

/** The name is a label only, so two sweeps naming the same run differently share it; baseDir is kept because relative data paths depend on it. */
export function runKey(spec: RunSpec, baseDir?: string, version: string = gdlabVersion()): string {
  const { name: _name, ...rest } = spec;
  const material = canonicalJson({ gdlab: version, spec: rest, ...(baseDir !== undefined ? { baseDir } : {}) });
  return createHash('sha256').update(material).digest('hex');
}
