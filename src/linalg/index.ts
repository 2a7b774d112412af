// Numerical linear algebra and ODE integration over Float64Array: dense symmetric eigen, Lanczos, Dormand–Prince 5(4).
export { symmetricEigen, symmetricEigenvalues } from './symmetric-eigen.js';
export type { SymmetricEigen } from './symmetric-eigen.js';
export { householderTridiagonal } from './householder-tridiagonal.js';
export { tridiagonalEigen } from './tridiagonal-ql.js';
export { lanczos, startVector } from './lanczos.js';
export type { LanczosOptions, LanczosResult, LanczosWhich, RitzPairs } from './lanczos.js';
export { dormandPrince, dormandPrinceAdvance, dormandPrinceCheckpoint, dormandPrinceInit, dormandPrinceResume } from './dormand-prince.js';
export type { DormandPrinceCheckpoint, DormandPrinceState, OdeResult, OdeRhs, OdeStatus } from './dormand-prince.js';
export type { OdeOptions } from './ode-options.js';
export { DP_A, DP_B4, DP_B5, DP_C, DP_D, DP_E, dormandPrinceDense } from './dormand-prince-tableau.js';
