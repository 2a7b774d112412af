// A loss f(w) = L(m(b_1; w), …, m(b_n; w); y) seen through its value and its derivative in the model outputs.
export interface Loss {
  readonly name: string;
  /** f as a function of the outputs m (n·M) and targets y. */
  value(m: Float64Array, y: Float64Array): number;
  /** out[i] = ∂f/∂m_i. */
  dvalue(m: Float64Array, y: Float64Array, out: Float64Array): void;
  /** out[i] = ∂²f/∂m_i² — the Hessian of f in m is diagonal for both losses (hand-written HVPs use it). */
  curvature(m: Float64Array, y: Float64Array, out: Float64Array): void;
}
