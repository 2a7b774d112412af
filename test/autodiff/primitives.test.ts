// Every primitive and composite: gradient vs central differences, and HVP (double backward through its VJP) vs differences of the gradient.
import { describe, it } from 'vitest';
import {
  add, conv2d, div, dot, exp, expand, gather, leakyRelu, log, matmul, mean, mul, permute, prelu, quadratic, reduceTo,
  relu, reshape, roll, scale, scatterAdd, sigmoid, softplus, square, sub, sum, tanh, transpose, type Var,
} from '../../src/autodiff/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { checkDerivatives, lcg, rand } from './helpers.js';

const r = lcg(12345);
const A = rand(r, [3, 4]);
const B = rand(r, [3, 4]);
const row = rand(r, [4]);
const col = rand(r, [3, 1]);
const s0 = rand(r, []);
const pos = rand(r, [3, 4], 0.5, 2);
const M43 = rand(r, [4, 3]);
const M25 = rand(r, [2, 5]);
const img = rand(r, [2, 5, 4, 2]);
const ker = rand(r, [3, 2, 2, 3]);
const idx = Int32Array.from([0, 5, 5, -1, 11, 2, 0, 7]);

/** Σ r⊙y + ½Σ y²: first derivatives see the op's VJP, second derivatives differentiate that VJP. */
function probe(y: Var): Var {
  const weights: Tensor = rand(lcg(y.data.length), y.shape);
  return add(dot(y, weights), scale(sum(square(y)), 0.5));
}

const cases: [string, Tensor[], (...p: Var[]) => Var][] = [
  ['add', [A, B], (a, b) => add(a, b)],
  ['add row broadcast', [A, row], (a, b) => add(a, b)],
  ['add column broadcast', [col, A], (a, b) => add(a, b)],
  ['add rank-0 broadcast', [A, s0], (a, b) => add(a, b)],
  ['add number', [A], (a) => add(2.5, a)],
  ['sub', [A, B], (a, b) => sub(a, b)],
  ['sub broadcast', [row, A], (a, b) => sub(a, b)],
  ['mul', [A, B], (a, b) => mul(a, b)],
  ['mul self', [A], (a) => mul(a, a)],
  ['mul broadcast', [A, col], (a, b) => mul(a, b)],
  ['div', [A, pos], (a, b) => div(a, b)],
  ['div broadcast', [row, pos], (a, b) => div(a, b)],
  ['scale', [A], (a) => scale(a, -1.7)],
  ['matmul', [A, M43], (a, b) => matmul(a, b)],
  ['matmul Aᵀ', [M43, rand(r, [4, 2])], (a, b) => matmul(a, b, true, false)],
  ['matmul Bᵀ', [A, B], (a, b) => matmul(a, b, false, true)],
  ['matmul AᵀBᵀ', [M43, A], (a, b) => matmul(a, b, true, true)],
  ['matmul self', [A], (a) => matmul(a, a, false, true)],
  ['reshape', [A], (a) => mul(reshape(a, [2, 6]), reshape(B, [2, 6]))],
  ['gather', [A], (a) => gather(a, idx, [2, 4])],
  ['scatterAdd', [rand(r, [2, 4])], (a) => scatterAdd(a, idx, [3, 4])],
  ['exp', [A], (a) => exp(a)],
  ['log', [pos], (a) => log(a)],
  ['tanh', [A], (a) => tanh(a)],
  ['sigmoid', [scale(A, 3)], (a) => sigmoid(a)],
  ['softplus', [scale(A, 3)], (a) => softplus(a)],
  ['square', [A], (a) => square(a)],
  ['sum', [A], (a) => mul(sum(a), sum(a))],
  ['sum axis 0', [A], (a) => sum(a, 0)],
  ['sum axis -1', [A], (a) => sum(a, -1)],
  ['mean', [A], (a) => mean(a, 1)],
  ['expand', [col], (a) => expand(a, [2, 3, 4])],
  ['reduceTo', [rand(r, [2, 3, 4])], (a) => reduceTo(a, [3, 1])],
  ['transpose', [A], (a) => mul(transpose(a), M43)],
  ['permute', [rand(r, [2, 3, 4])], (a) => permute(a, [2, 0, 1])],
  ['roll', [A], (a) => mul(roll(a, 1), B)],
  ['relu', [A], (a) => relu(a)],
  ['leakyRelu', [A], (a) => leakyRelu(a, 0.1)],
  ['prelu (input and slope)', [A, s0], (a, s) => prelu(a, s)],
  ['prelu per-column slope', [A, row], (a, s) => prelu(a, s)],
  ['quadratic', [A], (a) => quadratic(a)],
  ['conv2d', [img, ker], (x, k) => conv2d(x, k)],
  ['conv2d stride 2 padding 1', [img, ker], (x, k) => conv2d(x, k, { stride: 2, padding: 1 })],
  ['matmul AᵀM with A a parameter and M constant', [M25], (a) => matmul(a, M25, true, false)],
];

describe('primitive derivatives (first and second order) against finite differences', () => {
  for (const [name, params, op] of cases) {
    it(name, () => checkDerivatives((...p) => probe(op(...p)), params));
  }
});
