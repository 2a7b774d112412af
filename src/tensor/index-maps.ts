// Linear index maps out[i] = x[map[i]] (−1 = zero): broadcasting, axis permutation, cyclic roll — gather/scatter-add turn them into exact ops.
import { GdlabError } from '../core/errors.js';
import { showShape, size } from './shape.js';

/** Row-major strides of `shape`. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    s[k] = acc;
    acc *= shape[k];
  }
  return s;
}

/**
 * For every entry of a tensor of shape `outShape`, the flat position of the entry it reads in a tensor
 * of shape `inShape`, where in[k] = out[k] with stride s_k, or any out[k] with stride 0 when that
 * axis of `inShape` is 1 (or missing: shapes align on the right, as in numpy).
 */
function stridedIndex(outShape: readonly number[], inStrides: readonly number[]): Int32Array {
  const n = size(outShape);
  const r = outShape.length;
  const map = new Int32Array(n);
  const counter = new Array<number>(r).fill(0);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    map[i] = pos;
    // odometer increment of the multi-index, tracking the input position incrementally
    for (let k = r - 1; k >= 0; k--) {
      counter[k]++;
      pos += inStrides[k];
      if (counter[k] < outShape[k]) break;
      pos -= inStrides[k] * counter[k];
      counter[k] = 0;
    }
  }
  return map;
}

// Models reuse a handful of shapes every step, so the maps are memoised (bounded, cleared when full).
const cache = new Map<string, Int32Array>();
function memo(key: string, build: () => Int32Array): Int32Array {
  let m = cache.get(key);
  if (m === undefined) {
    if (cache.size >= 512) cache.clear();
    m = build();
    cache.set(key, m);
  }
  return m;
}

/** Map that stretches a tensor of shape `from` to shape `to` (numpy broadcasting). */
export function broadcastIndex(from: readonly number[], to: readonly number[]): Int32Array {
  const off = to.length - from.length;
  const bad = off < 0 || from.some((d, k) => d !== 1 && d !== to[k + off]);
  if (bad) throw new GdlabError(`broadcast: shape ${showShape(from)} does not broadcast to ${showShape(to)}`);
  return memo(`b${from.join(',')}>${to.join(',')}`, () => {
    const s = strides(from);
    const inStrides = to.map((_, k) => (k < off || from[k - off] === 1 ? 0 : s[k - off]));
    return stridedIndex(to, inStrides);
  });
}

/** Map for out = x with axes permuted: out.shape[k] = shape[perm[k]]. */
export function permuteIndex(shape: readonly number[], perm: readonly number[]): Int32Array {
  const ok = perm.length === shape.length && perm.every((p, k) => Number.isInteger(p) && p >= 0 && p < shape.length && perm.indexOf(p) === k);
  if (!ok) throw new GdlabError(`permute: [${perm.join(', ')}] is not a permutation of the axes of ${showShape(shape)}`);
  return memo(`p${shape.join(',')}>${perm.join(',')}`, () => {
    const s = strides(shape);
    return stridedIndex(perm.map((p) => shape[p]), perm.map((p) => s[p]));
  });
}

/** Map for a cyclic shift along the last axis (torch.roll): out[…, (j + shift) mod L] = x[…, j]. */
export function rollIndex(shape: readonly number[], shift: number): Int32Array {
  if (shape.length === 0 || !Number.isInteger(shift)) {
    throw new GdlabError(`roll: needs an axis and an integer shift (shape ${showShape(shape)}, shift ${shift})`);
  }
  const len = shape[shape.length - 1];
  return memo(`r${shape.join(',')}>${shift}`, () => {
    const n = size(shape);
    const map = new Int32Array(n);
    const s = len === 0 ? 0 : ((shift % len) + len) % len;
    for (let o = 0; o < n; o += len) {
      for (let j = 0; j < len; j++) map[o + ((j + s) % len)] = o + j;
    }
    return map;
  });
}
