// A model's autodiff expression for second-order metrics: the model itself when it has one, the autodiff twin of the hand-written linear model, else an error.
import { GdlabError } from '../core/errors.js';
import type { DifferentiableModel } from '../models/autodiff-model.js';
import { linearAutodiffModel } from '../models/linear-autodiff.js';
import type { Model } from '../models/model.js';

export function isDifferentiable(model: Model): model is DifferentiableModel {
  return 'expr' in model && 'layout' in model && 'input' in model;
}

const twins = new WeakMap<Model, DifferentiableModel>();

/** `what` names the metric in the error, e.g. 'metrics.sharpness'. */
export function asDifferentiable(model: Model, d: number, what: string): DifferentiableModel {
  if (isDifferentiable(model)) return model;
  let twin = twins.get(model);
  if (twin === undefined) {
    if (model.name !== 'linear') throw new GdlabError(`${what}: model "${model.name}" has no autodiff expression (needed for exact Hessian–vector products); use linear or an autodiff model such as mlp`);
    twin = linearAutodiffModel(d);
    twins.set(model, twin);
  }
  return twin;
}
