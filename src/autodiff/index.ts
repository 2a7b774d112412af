// Public API of gdlab's reverse-mode autodiff: primitives, composites, grad / vjp / hvp, and flat-vector wrappers.
export { Var, param, constant, asVar, withRecording } from './var.js';
export type { Vjp } from './var.js';
export { backward, topoSort } from './backward.js';
export * from './ops/index.js';
export { expand, reduceTo } from './compose/broadcast.js';
export type { Operand } from './compose/broadcast.js';
export { sum, mean, dot } from './compose/reduce.js';
export { permute, transpose, roll } from './compose/layout.js';
export { relu, leakyRelu, prelu, quadratic, identity, activations } from './compose/activations.js';
export { conv2d } from './compose/conv.js';
export type { ConvOptions } from './compose/conv.js';
export { grad, vjp, vjpFn, hvp, hvpFn } from './api.js';
export type { Fn, Gradient, Pullback, SecondOrder } from './api.js';
export { layout, unflatten, flatten, gradFlat, vjpFnFlat, hvpFnFlat, hvpFlat } from './flat.js';
export type { Layout } from './flat.js';
