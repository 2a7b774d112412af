// Progress of a batch of runs on stderr: a live bar (runs done, iterations/s, ETA) on a terminal, a plain line every 10 s and at the end otherwise (CI logs).
import type { Progress } from '../store/run-many.js';

function si(x: number): string {
  if (x < 1e3) return x.toFixed(0);
  const [d, s] = x < 1e6 ? [1e3, 'k'] : x < 1e9 ? [1e6, 'M'] : [1e9, 'G'];
  return `${(x / d).toPrecision(3)}${s}`;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s % 60).padStart(2, '0')}`;
}

/** ETA from the pace of the runs computed so far (cached runs cost nothing). */
export function progressLine(label: string, p: Progress): string {
  const computed = p.done - p.cached;
  const rate = p.elapsed > 0 ? p.iterations / p.elapsed : 0;
  const eta = p.finished ? `done in ${clock(p.elapsed)}` : computed > 0 ? `ETA ${clock(((p.total - p.done) * p.elapsed) / computed)}` : 'ETA ?';
  return `${label}: ${p.done}/${p.total} runs (${p.cached} from the store, ${p.running} running) · ${si(rate)} it/s · ${eta}`;
}

export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr): (p: Progress) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (stream.isTTY) {
      if (!p.finished && now - last < 100) return;
      last = now;
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 100));
      const filled = p.total === 0 ? width : Math.round((width * p.done) / p.total);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      stream.write(`\r\x1b[2K${bar} ${progressLine(label, p)}${p.finished ? '\n' : ''}`);
      return;
    }
    // Not a terminal: the first line, one every 10 s, and the last.
    if (!p.finished && now - last < 10_000) return;
    last = now;
    stream.write(`${progressLine(label, p)}\n`);
  };
}
