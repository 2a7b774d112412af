// Loss curves predicted from λ_min(G) along a path (P2's linear-convergence claim, our labels P0–P4 of gradient-flow.md): L₀e^{−2λ₀t}, L₀e^{−2 min λ t}, L₀e^{−2∫λ}, and measured rates.

export interface RatePredictions {
  /** P0: L₀·exp(−2 λ_min(G(θ₀)) t). */
  readonly p0: number[];
  /** P1: L₀·exp(−2 min_{s ≤ t} λ_min(G(θ(s))) t) — the minimum over the sampled points. */
  readonly p1: number[];
  /** P2: L₀·exp(−2 ∫₀ᵗ λ_min(G(θ(s))) ds). */
  readonly p2: number[];
}

/**
 * `lmin[k]` is λ_min(G) at time t[k] (t[0] = 0). The integral of P2 is the left rule Σ_{j<k} λ_j (t_{j+1} − t_j)
 * — for GD at t = kη exactly η Σ_{j<k} λ_min(G(θ_j)) — or the trapezoid rule for a sampled flow.
 */
export function ratePredictions(t: readonly number[], L0: number, lmin: readonly number[], rule: 'left' | 'trapezoid'): RatePredictions {
  const p0: number[] = [];
  const p1: number[] = [];
  const p2: number[] = [];
  let worst = Infinity;
  let integral = 0;
  for (let k = 0; k < t.length; k++) {
    if (k > 0) {
      const dt = t[k] - t[k - 1];
      integral += rule === 'left' ? lmin[k - 1] * dt : 0.5 * (lmin[k - 1] + lmin[k]) * dt;
    }
    worst = Math.min(worst, lmin[k]);
    p0.push(L0 * Math.exp(-2 * lmin[0] * t[k]));
    p1.push(L0 * Math.exp(-2 * worst * t[k]));
    p2.push(L0 * Math.exp(-2 * integral));
  }
  return { p0, p1, p2 };
}

/**
 * max_k L_k / bound_k over the samples with L_k ≥ floor: ≤ 1 when the bound held there (NaN losses count as
 * a violation). The floor keeps out losses at the level of rounding and integrator error, where L stalls
 * while an exponential bound keeps falling.
 */
export function worstRatio(L: readonly number[], bound: readonly number[], floor = 0): number {
  let worst = 0;
  for (let k = 0; k < L.length; k++) {
    if (L[k] < floor) continue;
    const r = L[k] / bound[k];
    worst = Number.isNaN(r) ? Infinity : Math.max(worst, r);
  }
  return worst;
}

/** λ_fit = −½ · slope of the least-squares line through (t_k, log L_k) for t_k ≥ from·t_last and L_k ≥ floor (> 0): the rate P4 compares with λ. */
export function fittedRate(t: readonly number[], L: readonly number[], from = 0.5, floor = 0): number {
  const tEnd = t[t.length - 1];
  let n = 0;
  let st = 0;
  let sy = 0;
  let stt = 0;
  let sty = 0;
  for (let k = 0; k < t.length; k++) {
    if (t[k] < from * tEnd || !(L[k] > 0) || L[k] < floor) continue;
    const y = Math.log(L[k]);
    n++;
    st += t[k];
    sy += y;
    stt += t[k] * t[k];
    sty += t[k] * y;
  }
  if (n < 2) return NaN;
  return -0.5 * (n * sty - st * sy) / (n * stt - st * st);
}

/** P3 for GD: |log(L_{k+1}/L_k)/η + 2ρ_k| / (2ρ_k) per step — zero for the flow's identity d log L/dt = −2ρ. */
export function instantaneousGaps(L: readonly number[], rho: readonly number[], eta: number): number[] {
  const gaps: number[] = [];
  for (let k = 0; k + 1 < L.length; k++) gaps.push(Math.abs(Math.log(L[k + 1] / L[k]) / eta + 2 * rho[k]) / (2 * rho[k]));
  return gaps;
}
