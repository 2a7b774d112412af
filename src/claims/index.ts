// The claims gdlab reproduces, by id: each a function from options to tables, checks and figure series.
import { reproduceC1 } from './c1.js';
import { reproduceC2 } from './c2.js';
import type { ClaimOptions, ClaimResult } from './claim.js';

export interface ClaimEntry {
  readonly summary: string;
  readonly run: (opts: ClaimOptions) => ClaimResult;
}

export const claims: Record<string, ClaimEntry> = {
  c1: { summary: 'P0 Thm 4.1: large-γ LR+GD follows the batch perceptron', run: reproduceC1 },
  c2: { summary: 'P0 Thm 5.1 / Table 1: the batch perceptron needs Ω(n) steps', run: reproduceC2 },
};
