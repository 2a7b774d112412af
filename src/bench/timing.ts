// Benchmark timing: a few warm-up runs (JIT, caches), then the median wall-clock time of repeated runs (performance.now).

/** Median milliseconds over `reps` runs after `warmup` unmeasured runs, and the last run's result. */
export function timed<T>(fn: () => T, reps: number, warmup: number): { ms: number; result: T } {
  for (let i = 0; i < warmup; i++) fn();
  const times = new Float64Array(reps);
  let result = undefined as T;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = fn();
    times[i] = performance.now() - t0;
  }
  return { ms: median(times), result };
}

export function median(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}
