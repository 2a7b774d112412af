// Recording schedules: every k-th iteration, log-spaced (the integers ⌈10^{j/p}⌉, p per decade), or explicit iterations; 0 and the last are always recorded.
export type RecordSchedule = { every: number } | { logSpaced: number } | { at: readonly number[] };

export function shouldRecord(s: RecordSchedule, t: number): boolean {
  if ('every' in s) return t % s.every === 0;
  if ('at' in s) return t === 0 || s.at.includes(t);
  if (t <= 1) return true;
  // t = ⌈10^{j/p}⌉ for some j  ⇔  10^{j/p} ∈ (t−1, t] with j = ⌊p·log10 t⌋ (a small slack absorbs rounding of exact powers).
  const p = s.logSpaced;
  const j = Math.floor(p * Math.log10(t) + 1e-9);
  return 10 ** (j / p) > t - 1 + 1e-9;
}
