// Euclidean norm ‖x‖₂, scaled to avoid overflow for entries near 1e300.
export function norm2(x: Float64Array): number {
  let big = 0;
  for (let i = 0; i < x.length; i++) big = Math.max(big, Math.abs(x[i]));
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i] / big;
    s += r * r;
  }
  return big * Math.sqrt(s);
}
