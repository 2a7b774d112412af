import { describe, expect, it } from 'vitest';
import { progressLine, progressReporter } from '../../src/cli/progress.js';
import type { Progress } from '../../src/store/run-many.js';

const at = (o: Partial<Progress>): Progress => ({ total: 10, cached: 2, done: 2, running: 0, iterations: 0, elapsed: 0, finished: false, ...o });

function sink(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  return { stream: { isTTY, columns: 140, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream, text: () => out };
}

describe('progress', () => {
  it('ETA from the pace of computed runs only; iterations per second', () => {
    // 4 runs computed in 8 s → 2 s per run, 4 runs left → 8 s; 12000 iterations in 8 s → 1.50k it/s.
    expect(progressLine('sweep s', at({ done: 6, running: 2, iterations: 12_000, elapsed: 8 }))).toBe('sweep s: 6/10 runs (2 from the store, 2 running) · 1.50k it/s · ETA 0:08');
    expect(progressLine('c2', at({ elapsed: 3 }))).toBe('c2: 2/10 runs (2 from the store, 0 running) · 0 it/s · ETA ?');
    expect(progressLine('c2', at({ done: 10, iterations: 3.6e6, elapsed: 3725, finished: true }))).toBe('c2: 10/10 runs (2 from the store, 0 running) · 966 it/s · done in 1:02:05');
  });

  it('not a terminal: plain lines, the first, then at most one per 10 s, then the last', () => {
    const s = sink(false);
    const report = progressReporter('x', s.stream);
    report(at({}));
    report(at({ done: 5 }));
    report(at({ done: 10, finished: true, elapsed: 1 }));
    expect(s.text().split('\n')).toEqual(['x: 2/10 runs (2 from the store, 0 running) · 0 it/s · ETA ?', 'x: 10/10 runs (2 from the store, 0 running) · 0 it/s · done in 0:01', '']);
  });

  it('a terminal: one line redrawn in place with a bar, a newline at the end', () => {
    const s = sink(true);
    const report = progressReporter('x', s.stream);
    report(at({ done: 5 }));
    report(at({ done: 10, finished: true }));
    const frames = s.text().split('\r\x1b[2K').slice(1);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatch(/^\[#{15}\.{15}\] x: 5\/10 runs/);
    expect(frames[1]).toMatch(/^\[#{30}\] x: 10\/10 runs .*done in 0:00\n$/);
  });
});
