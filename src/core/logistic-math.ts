// Stable scalar logistic functions: σ(z) = 1/(1+e^{−z}), softplus(z) = log(1+e^z), log σ(z) = −softplus(−z); finite for |z| up to 1e300.

/** σ(z), never NaN for finite z: the exponential is only taken of −|z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Logistic loss of a signed margin: ℓ(ym) = log(1 + e^{−ym}). */
export function logisticLoss(margin: number): number {
  return softplus(-margin);
}
