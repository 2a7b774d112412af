// Blockwise fan-in scaling of a standard normal start (LeCun et al. 1998): entry j of block b becomes g_j/√fanIn_b, the blocks in parameter order.
import { z } from 'zod';
import { fieldError } from '../core/errors.js';
import { count } from '../spec/validate.js';

export interface FanInBlock {
  readonly size?: number;
  readonly fanIn?: number;
}

/** The spec's `init.blocks`: [{size, fanIn}, …]; the last block may omit its size (the rest), fanIn defaults to the block's size. */
export const fanInBlocks = z.array(z.strictObject({ size: count.optional(), fanIn: count.optional() })).min(1);

/** Divide g (N(0, I) draws) in place, block by block; the blocks must cover g exactly. */
export function scaleByFanIn(g: Float64Array, blocks: readonly FanInBlock[]): Float64Array {
  const open = blocks.findIndex((b) => b.size === undefined);
  if (open >= 0 && open < blocks.length - 1) throw fieldError(`init.blocks[${open}].size`, undefined, 'only the last block may leave its size out');
  const given = blocks.reduce((s, b) => s + (b.size ?? 0), 0);
  if (open < 0 ? given !== g.length : given >= g.length) {
    throw fieldError('init.blocks', `sizes summing to ${given}`, `the blocks must cover the model's ${g.length} parameters`);
  }
  let start = 0;
  for (const b of blocks) {
    const size = b.size ?? g.length - start;
    // Division by the square root (not multiplication by its inverse): the same bits as c ~ N(0, 1/k) written as g/√k.
    const r = Math.sqrt(b.fanIn ?? size);
    for (let j = start; j < start + size; j++) g[j] /= r;
    start += size;
  }
  return g;
}
