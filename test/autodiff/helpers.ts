// Test helpers: a tiny LCG (Numerical Recipes constants) for inputs, central finite differences, and closeness checks.
import { expect } from 'vitest';
import { constant, grad, hvp, type Fn } from '../../src/autodiff/index.js';
import { size, type Tensor } from '../../src/tensor/index.js';

/** Uniform numbers in [lo, hi) from a 32-bit LCG (x ← 1664525x + 1013904223 mod 2³²). */
export function lcg(seed: number): (lo?: number, hi?: number) => number {
  let s = seed >>> 0;
  return (lo = -1, hi = 1) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((hi - lo) * s) / 2 ** 32;
  };
}

export function rand(r: (lo?: number, hi?: number) => number, shape: readonly number[], lo = -1, hi = 1): Tensor {
  const data = new Float64Array(size(shape));
  for (let i = 0; i < data.length; i++) data[i] = r(lo, hi);
  return { shape, data };
}

/** f evaluated at params as plain numbers (nothing is taped). */
export function value(f: Fn, params: readonly Tensor[]): number {
  return f(...params.map(constant)).data[0];
}

/** Central differences (f(p + h e_i) − f(p − h e_i)) / 2h for every entry of every parameter. */
export function fdGrad(f: Fn, params: readonly Tensor[], h = 1e-6): Float64Array[] {
  const ps = params.map((p) => ({ shape: p.shape, data: p.data.slice() }));
  return ps.map((p) => {
    const g = new Float64Array(p.data.length);
    for (let i = 0; i < g.length; i++) {
      const x = p.data[i];
      p.data[i] = x + h;
      const up = value(f, ps);
      p.data[i] = x - h;
      const down = value(f, ps);
      p.data[i] = x;
      g[i] = (up - down) / (2 * h);
    }
    return g;
  });
}

/** Central differences of the exact gradient along v: (∇f(p + hv) − ∇f(p − hv)) / 2h ≈ H v. */
export function fdHvp(f: Fn, params: readonly Tensor[], v: readonly Float64Array[], h = 1e-5): Float64Array[] {
  const at = (t: number) => grad(f, params.map((p, k) => ({ shape: p.shape, data: p.data.map((x, i) => x + t * v[k][i]) }))).grads;
  const up = at(h);
  const down = at(-h);
  return up.map((u, k) => u.map((x, i) => (x - down[k][i]) / (2 * h)));
}

/** |a − b| ≤ atol + rtol·max(|a|, |b|) entrywise, with the first offending entry in the message. */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rtol = 1e-6, atol = 1e-9): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const ok = Math.abs(a[i] - b[i]) <= atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i]));
    if (!ok) expect.fail(`entry ${i}: ${a[i]} vs ${b[i]}`);
  }
}

export function expectAllClose(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[], rtol = 1e-6, atol = 1e-9): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, k) => expectClose(x, b[k], rtol, atol));
}

/** Checks grad against finite differences and HVP along a random direction against differences of the gradient. */
export function checkDerivatives(f: Fn, params: readonly Tensor[], seed = 7, rtol = 1e-6, atol = 1e-8): void {
  expectAllClose(grad(f, params).grads, fdGrad(f, params), rtol, atol);
  const r = lcg(seed);
  const v = params.map((p) => rand(r, p.shape).data);
  expectAllClose(hvp(f, params, v), fdHvp(f, params, v), rtol, atol);
}
