// The claims gdlab reproduces, by id: each a function from options to tables, checks and figure series.
import { reproduceC1 } from './c1.js';
import { reproduceC2 } from './c2.js';
import { reproduceC3 } from './c3.js';
import { reproduceC4 } from './c4.js';
import { reproduceC5 } from './c5.js';
import { reproduceC6 } from './c6.js';
import { reproduceC7 } from './c7.js';
import { reproduceC8 } from './c8.js';
import type { ClaimOptions, ClaimResult } from './claim.js';

export interface ClaimEntry {
  readonly summary: string;
  readonly run: (opts: ClaimOptions) => ClaimResult | Promise<ClaimResult>;
  /** Its runs stop at an iteration budget that ClaimOptions.budget (`--budget`) overrides. */
  readonly budgeted?: boolean;
}

export const claims: Record<string, ClaimEntry> = {
  c1: { summary: 'P0 Thm 4.1: large-γ LR+GD follows the batch perceptron', run: reproduceC1 },
  c2: { summary: 'P0 Thm 5.1 / Table 1: the batch perceptron needs Ω(n) steps', run: reproduceC2 },
  c3: { summary: 'P1: GD on nonlinear models reduces to (generalized) perceptron steps as the scale grows', run: reproduceC3 },
  c4: { summary: 'P1 headline: two-layer Õ(√d) vs linear Ω(d) iterations on a minimal pair', run: reproduceC4 },
  c5: { summary: 'P1 Fig. 1: CIFAR-10 airplane vs automobile, linear LR+GD vs m_cv (k=2): iterations to 100 %, chaos of the loss', run: reproduceC5, budgeted: true },
  c6: { summary: 'P0/P1: linear vs m_cv on MNIST and Fashion-MNIST (1k/5k/10k), LR+GD vs the batch perceptron', run: reproduceC6, budgeted: true },
  c7: { summary: 'P1: kernel size (m_cv, small CNN) and constant vs adaptive steps: speed and test accuracy', run: reproduceC7, budgeted: true },
  c8: { summary: 'P2: gradient flow on the squared loss converges linearly once P ≥ nM (tested: flow, GD, λ_min(G))', run: reproduceC8 },
};
