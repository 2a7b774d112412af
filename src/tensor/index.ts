// The tensor layer: dense float64 row-major tensors, shape checks, index maps, and kernel-backed products.
export type { Tensor } from './tensor.js';
export { wrap, fromArray, zeros, full, scalar } from './tensor.js';
export { size, sameShape, showShape, assertShape, broadcastShape } from './shape.js';
export { strides, broadcastIndex, permuteIndex, rollIndex } from './index-maps.js';
export { im2colIndex } from './im2col.js';
export type { Im2col } from './im2col.js';
export { matmul } from './matmul.js';
