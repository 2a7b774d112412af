// Reverse accumulation: topologically sort the taped nodes reachable from the output, then one pass from the output down.
import { zeros } from '../tensor/index.js';
import { add } from './ops/add.js';
import { constant, withRecording, type Var } from './var.js';

/** Nodes that need a gradient and lead to `root`, parents before children (iterative DFS post-order). */
export function topoSort(root: Var): Var[] {
  const order: Var[] = [];
  if (!root.requiresGrad) return order;
  const seen = new Set<Var>([root]);
  const stack: [Var, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, next] = top;
    if (next < node.parents.length) {
      top[1] = next + 1;
      const p = node.parents[next];
      if (p.requiresGrad && !seen.has(p)) {
        seen.add(p);
        stack.push([p, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

/**
 * Cotangents of `wrt` for the output `root` seeded with `seed` (same shape as root).
 * With `createGraph` the pass is itself recorded, so the results can be differentiated again.
 */
export function backward(root: Var, seed: Var, wrt: readonly Var[], createGraph: boolean): Var[] {
  const order = topoSort(root);
  const keep = new Set(wrt);
  const grads = new Map<Var, Var>([[root, seed]]);
  withRecording(createGraph, () => {
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      const g = grads.get(node);
      if (g === undefined) continue;
      if (!keep.has(node)) grads.delete(node);
      for (let j = 0; j < node.parents.length; j++) {
        const p = node.parents[j];
        if (!p.requiresGrad) continue;
        const gp = node.vjps[j](g, node);
        const acc = grads.get(p);
        grads.set(p, acc === undefined ? gp : add(acc, gp));
      }
    }
  });
  return wrt.map((w) => grads.get(w) ?? constant(zeros(w.shape)));
}
