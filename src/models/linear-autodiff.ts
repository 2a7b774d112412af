// The linear model m(b; v) = vᵀb written as an autodiff expression X·v: the twin of linear.ts for second-order metrics (HVPs) that need an expression.
import { matmul, reshape } from '../autodiff/index.js';
import { autodiffModel, type DifferentiableModel } from './autodiff-model.js';

export function linearAutodiffModel(d: number): DifferentiableModel {
  return autodiffModel({
    name: 'linear',
    shapes: [[d]],
    outputs: 1,
    homogeneity: 1,
    expr: ([v], X) => matmul(X, reshape(v, [d, 1])),
  });
}
