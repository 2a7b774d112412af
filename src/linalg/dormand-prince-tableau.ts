// Dormand–Prince 5(4) Butcher tableau and its 4th-order continuous extension (Dormand & Prince 1980; dense output of Hairer, Nørsett & Wanner, Solving ODEs I, §II.6, code DOPRI5).

/** Nodes c_s. */
export const DP_C: readonly number[] = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];

/** Stage coefficients a_{s,j}, j < s. Row 6 equals the 5th-order weights: the last stage is f(t + h, y_new) (FSAL). */
export const DP_A: readonly (readonly number[])[] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];

/** 5th-order weights (the propagated solution: local extrapolation). */
export const DP_B5: readonly number[] = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];

/** Embedded 4th-order weights. */
export const DP_B4: readonly number[] = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];

/** Error weights b5 − b4, as exact fractions: the local error estimate is h Σ e_s k_s. */
export const DP_E: readonly number[] = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];

/** Coefficients d_s of the dense-output correction term (Shampine 1986 / DOPRI5's CONTD5). */
export const DP_D: readonly number[] = [
  -12715105075 / 11282082432,
  0,
  87487479700 / 32700410799,
  -10690763975 / 1880347072,
  701980252875 / 199316789632,
  -1453857185 / 822651844,
  69997945 / 29380423,
];

/**
 * y(t_old + θh) for θ ∈ [0, 1] from one accepted step (y0 at t_old, y1 at t_old + h, stage derivatives
 * k[0..6], k[6] = f(t_old + h, y1)), written into `out`:
 *   y0 + θ(Δ + (1−θ)(h k1 − Δ + θ(Δ − h k7 − (h k1 − Δ) + (1−θ) h Σ d_s k_s))),  Δ = y1 − y0.
 * A 4th-order interpolant that matches y0, y1, k1 and k7 at the ends (so it is C¹ across steps).
 */
export function dormandPrinceDense(out: Float64Array, theta: number, h: number, y0: Float64Array, y1: Float64Array, k: readonly Float64Array[]): void {
  const theta1 = 1 - theta;
  const [k1, , k3, k4, k5, k6, k7] = k;
  for (let i = 0; i < out.length; i++) {
    const diff = y1[i] - y0[i];
    const bspl = h * k1[i] - diff;
    const r4 = diff - h * k7[i] - bspl;
    const r5 = h * (DP_D[0] * k1[i] + DP_D[2] * k3[i] + DP_D[3] * k4[i] + DP_D[4] * k5[i] + DP_D[5] * k6[i] + DP_D[6] * k7[i]);
    out[i] = y0[i] + theta * (diff + theta1 * (bspl + theta * (r4 + theta1 * r5)));
  }
}
