// The gdlab command end to end, through the compiled bin (built by the global setup).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/gdlab.js', import.meta.url));

function gdlab(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gdlab CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gdlab-cli-'));

  it('--help lists the commands, and every command has --help', () => {
    const h = gdlab(['--help'], dir);
    expect(h.code).toBe(0);
    for (const c of ['run', 'reproduce', 'main', 'list', 'data']) expect(h.out).toMatch(new RegExp(`^  ${c} `, 'm'));
    for (const c of ['run', 'reproduce', 'main', 'list', 'data']) {
      const r = gdlab([c, '--help'], dir);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: gdlab ${c}`));
    }
  });

  it('run writes manifest, trajectory and weights, and the CSV data path is relative to the spec', () => {
    writeFileSync(join(dir, 'two.csv'), 'x,y,label\n1,-1,1\n-1,-4,-1\n');
    writeFileSync(join(dir, 'spec.yaml'), [
      'name: two-points-bp',
      'seed: 3',
      'data: {source: csv, path: two.csv}',
      'algorithm: {name: batch-perceptron}',
      'record: {every: 1, weights: true}',
    ].join('\n'));
    const r = gdlab(['run', 'spec.yaml', '--out', 'res/bp'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('two-points-bp: separated after 2 iterations');
    const m = JSON.parse(readFileSync(join(dir, 'res/bp/manifest.json'), 'utf8'));
    expect(m.status).toBe('separated');
    expect(m.iterations).toBe(2);
    expect(m.seed).toBe(3);
    expect(m.spec.algorithm.name).toBe('batch-perceptron');
    expect(readFileSync(join(dir, 'res/bp/weights.csv'), 'utf8')).toBe('iter,w0,w1\n0,0,0\n1,0.5,0.75\n2,1,0.25\n');
    const tr = readFileSync(join(dir, 'res/bp/trajectory.csv'), 'utf8').trim().split('\n');
    expect(tr[0]).toBe('iter,loss,accuracy,misclassified,gradNorm,margin,minMargin,wNorm');
    expect(tr).toHaveLength(4);
    expect(readdirSync(join(dir, 'res')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it.each([
    ['malformed spec', 'data: [\n', /^gdlab: bad\.yaml:\d+:\d+: malformed spec/],
    ['unknown algorithm', 'data: {source: p0-two-points}\nalgorithm: {name: sgd, step: 1}\n', /^gdlab: algorithm\.name: unknown name \(got "sgd"\)/],
    ['negative step', 'data: {source: p0-two-points}\nalgorithm: {name: lr-gd, step: -0.5}\n', /^gdlab: algorithm\.step: must be a finite number > 0 \(got -0\.5\)$/],
    ['NaN step', 'data: {source: p0-two-points}\nalgorithm: {name: lr-gd, step: .nan}\n', /^gdlab: algorithm\.step: must be a finite number > 0 \(got NaN\)$/],
    ['wrong shape', 'data: {source: p0-two-points}\nalgorithm: {name: lr-gd, step: 1}\ninit: {kind: vector, values: [1]}\n', /^gdlab: init\.values: the model has 2 parameters/],
    ['bad CSV row', 'data: {source: csv, path: bad.csv}\nalgorithm: {name: lr-gd, step: 1}\n', /bad\.csv:2: column 1 is not a finite number \(got "oops"\)$/],
    ['missing CSV', 'data: {source: csv, path: none.csv}\nalgorithm: {name: lr-gd, step: 1}\n', /none\.csv: cannot read the CSV data file \(ENOENT\)$/],
  ])('%s: one line, exit code 2, nothing written', (_name, text, pattern) => {
    writeFileSync(join(dir, 'bad.csv'), '1,2,1\noops,2,-1\n');
    writeFileSync(join(dir, 'bad.yaml'), text);
    const r = gdlab(['run', 'bad.yaml', '--out', 'res/bad'], dir);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toMatch(pattern);
    expect(r.out).toBe('');
    expect(existsSync(join(dir, 'res/bad'))).toBe(false);
  });

  it('unknown command, unknown option, unknown claim and missing file: one line, exit 2', () => {
    for (const args of [['frobnicate'], ['run', 'x.yaml', '--bogus'], ['reproduce', 'c99'], ['run', 'missing.yaml']]) {
      const r = gdlab(args, dir);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
    }
  });

  it('every example spec in examples/ runs (the docs\' worked example among them)', () => {
    const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
    const specs = readdirSync(examples).filter((f) => f.endsWith('.yaml'));
    expect(specs.length).toBeGreaterThan(0);
    for (const f of specs) {
      const r = gdlab(['run', join(examples, f), '--out', join(dir, 'examples', f)], dir);
      expect(r.err, f).toBe('');
      expect(r.code, f).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'examples', f, 'manifest.json'), 'utf8')).status, f).toMatch(/separated|converged|max-iter/);
    }
    const w = readFileSync(join(dir, 'examples', 'two-points.yaml', 'weights.csv'), 'utf8');
    expect(w).toBe('iter,w0,w1\n0,0,0\n1,50,75\n2,99.9999999993056,25.0000000006944\n');
  });

  it('every example sweep in examples/sweeps/ runs all its grid into the store', () => {
    const folder = fileURLToPath(new URL('../../examples/sweeps/', import.meta.url));
    const sweeps = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
    expect(sweeps.length).toBeGreaterThan(0);
    for (const f of sweeps) {
      const planned = gdlab(['sweep', join(folder, f), '--dry-run'], dir);
      const total = Number(/: (\d+) runs over/.exec(planned.out)?.[1]);
      expect(total, f).toBeGreaterThan(1);
      const r = gdlab(['sweep', join(folder, f), '-r', join(dir, 'example-sweeps'), '--no-report', '-w', '0'], dir);
      expect(r.code, `${f}: ${r.err}`).toBe(0);
      expect(r.out, f).toContain(`computed ${total}, from the store 0`);
    }
  });

  it('reproduce --budget gives every run of a budgeted claim that many iterations, stored as its own variant; bad values are one line', () => {
    const r = gdlab(['reproduce', 'c7', '--quick', '--budget', '7', '-w', '0', '--out', 'budget-claims', '-r', 'budget-results'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('(budgets: m_cv 7, CNN 7)');
    const table = readFileSync(join(dir, 'budget-claims/c7/table-1.csv'), 'utf8');
    expect(table).toMatch(/>7/); // some run is censored at the given budget, none reports more iterations
    expect(r.out).toMatch(/report: .*c7-quick-budget-7\.html/);
    for (const [args, line] of [
      [['reproduce', 'c5', '--budget', '0'], 'gdlab: --budget: must be an integer ≥ 1 (got "0")\n'],
      [['reproduce', 'c5', '--budget', '2.5'], 'gdlab: --budget: must be an integer ≥ 1 (got "2.5")\n'],
      [['reproduce', 'c4', '--budget', '10'], 'gdlab: --budget: claim c4 has no iteration budget (got --budget 10); only c5, c6, c7 have one\n'],
    ] as const) {
      const bad = gdlab([...args], dir);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe(line);
    }
  });

  it('reproduce c1 prints its table and checks and writes its results folder', () => {
    const r = gdlab(['reproduce', 'c1', '--out', 'claims'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('θ₂/γ [0]');
    expect(r.out).not.toContain('FAILS');
    const s = JSON.parse(readFileSync(join(dir, 'claims/c1/summary.json'), 'utf8'));
    expect(s.checks.every((c: { holds: boolean }) => c.holds)).toBe(true);
    expect(existsSync(join(dir, 'claims/c1/series-perceptron-gap.csv'))).toBe(true);
  });
});
