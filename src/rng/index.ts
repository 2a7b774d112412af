// The seeded, splittable RNG (JAX's PRNG design on Threefry-2x32): randomness is a value, a key.
export { threefry2x32 } from './threefry.js';
export { type Key, key, split, foldIn } from './key.js';
export { bits } from './bits.js';
export { uniform, unit53 } from './uniform.js';
export { normal } from './normal.js';
export { randint, drawBelow } from './randint.js';
export { permutation, choice } from './permutation.js';
