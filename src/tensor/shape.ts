// Shape utilities: size = Π shape, equality, numpy-style broadcasting (align right; 1 stretches).
import { GdlabError } from '../core/errors.js';

export function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Throws `what: shape [..] where [..] was expected` unless the shapes are equal. */
export function assertShape(what: string, actual: readonly number[], expected: readonly number[]): void {
  if (!sameShape(actual, expected)) {
    throw new GdlabError(`${what}: shape ${showShape(actual)} where ${showShape(expected)} was expected`);
  }
}

/** The shape both `a` and `b` broadcast to, or a thrown error naming `what`. */
export function broadcastShape(what: string, a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  const out = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const da = i < r - a.length ? 1 : a[i - (r - a.length)];
    const db = i < r - b.length ? 1 : b[i - (r - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new GdlabError(`${what}: shapes ${showShape(a)} and ${showShape(b)} do not broadcast`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}
