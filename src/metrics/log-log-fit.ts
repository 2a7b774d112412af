// Least-squares fit log y = a + s·log x with a 95% confidence interval for the slope s (Student t, n−2 degrees of freedom).

// t_{0.975, ν} for ν = 1..30 (standard table); beyond 30 the normal 1.96 is within 2%.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export interface SlopeFit {
  readonly slope: number;
  readonly intercept: number;
  /** 95% confidence interval of the slope ([slope, slope] for two points, where it is undefined). */
  readonly ci: readonly [number, number];
  readonly points: number;
}

export function fitLogLog(x: readonly number[], y: readonly number[]): SlopeFit {
  const n = x.length;
  if (n < 2 || y.length !== n) throw new Error(`fitLogLog: need ≥ 2 matching points (got ${n}, ${y.length})`);
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  if (n === 2) return { slope, intercept, ci: [slope, slope], points: n };
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ly[i] - intercept - slope * lx[i]) ** 2;
  const se = Math.sqrt(rss / (n - 2) / sxx);
  const t = n - 2 <= 30 ? T975[n - 3] : 1.96;
  return { slope, intercept, ci: [slope - t * se, slope + t * se], points: n };
}
