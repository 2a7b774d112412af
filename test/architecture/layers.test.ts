// Layers import only downward (docs/design.md): core → rng, kernels, linalg → tensor → autodiff → models, … → run, store → claims, report → cli.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const RANK: Record<string, number> = {
  core: 0,
  rng: 1, kernels: 1, linalg: 1,
  tensor: 2,
  autodiff: 3,
  data: 4, models: 4, losses: 4, metrics: 4, algorithms: 4, spec: 4,
  run: 5, store: 5,
  claims: 6, report: 6,
  cli: 7, bench: 7,
  'index.ts': 8,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const area = (file: string): string => relative(SRC, file).split('/')[0];

describe('layering', () => {
  it('every import in src/ points to the same or a lower layer', () => {
    const bad: string[] = [];
    for (const f of files(SRC)) {
      const from = area(f);
      for (const m of readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
        const target = area(join(f, '..', m[1]));
        if (RANK[target] > RANK[from]) bad.push(`${relative(SRC, f)} → ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no source file uses Math.random', () => {
    const users = files(SRC).filter((f) => /Math\.random\s*\(/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => relative(SRC, f))).toEqual([]);
  });
});
