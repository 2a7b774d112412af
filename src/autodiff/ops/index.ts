// The closed set of primitives: each file holds one forward and its VJP, the VJP written with these same primitives.
export { add } from './add.js';
export { sub } from './sub.js';
export { mul } from './mul.js';
export { div } from './div.js';
export { scale } from './scale.js';
export { matmul } from './matmul.js';
export { reshape } from './reshape.js';
export { gather } from './gather.js';
export { scatterAdd } from './scatter-add.js';
export { exp } from './exp.js';
export { log } from './log.js';
export { tanh } from './tanh.js';
export { sigmoid } from './sigmoid.js';
export { softplus } from './softplus.js';
export { square } from './square.js';
export { step } from './step.js';
