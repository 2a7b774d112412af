// A model written as an autodiff expression m(X; w) (n×M outputs from the parameter tensors and the data X): its pullback is a reverse-mode VJP.
import { constant, layout, type Layout, type Var, vjpFnFlat } from '../autodiff/index.js';
import type { Dataset } from '../data/dataset.js';
import type { Matrix } from '../kernels/matrix.js';
import { toF64 } from '../kernels/matrix.js';
import { wrap } from '../tensor/index.js';
import type { Model } from './model.js';

/** A model that also exposes its expression, so second-order quantities (HVPs, Jacobians, NTK) can be built from it. */
export interface DifferentiableModel extends Model {
  readonly layout: Layout;
  /** Outputs as an autodiff expression: params in layout order, X the n×d data (a constant). Returns [n, M] (or [n]). */
  expr(params: readonly Var[], X: Var): Var;
  /** The data matrix as an autodiff constant (float64, cached per matrix). */
  input(data: Dataset): Var;
}

export interface AutodiffModelSpec {
  readonly name: string;
  readonly shapes: readonly (readonly number[])[];
  readonly outputs: number;
  readonly homogeneity: number;
  expr(params: readonly Var[], X: Var): Var;
}

const inputs = new WeakMap<Matrix, Var>();

function inputOf(data: Dataset): Var {
  let v = inputs.get(data.X);
  if (v === undefined) {
    const x = data.X.data instanceof Float64Array && data.X.scale === 1 ? data.X.data : toF64(data.X);
    v = constant(wrap([data.X.rows, data.X.cols], x));
    inputs.set(data.X, v);
  }
  return v;
}

type Cache = ReturnType<typeof vjpFnFlat>;

export function autodiffModel(spec: AutodiffModelSpec): DifferentiableModel {
  const lay = layout(spec.shapes);
  const tape = (w: Float64Array, data: Dataset): Cache => {
    const X = inputOf(data);
    // The tape keeps views of its parameters: give it a copy, as algorithms update w in place.
    return vjpFnFlat((...p) => spec.expr(p, X), lay, Float64Array.from(w));
  };
  return {
    name: spec.name,
    numParams: lay.size,
    outputs: spec.outputs,
    homogeneity: spec.homogeneity,
    layout: lay,
    expr: spec.expr,
    input: inputOf,
    forward(w, data, out) {
      const c = tape(w, data);
      out.set(c.value.data);
      return c;
    },
    pullback(w, data, coef, out, cache) {
      const c = (cache as Cache | undefined) ?? tape(w, data);
      c.pullback(coef, out);
    },
  };
}
