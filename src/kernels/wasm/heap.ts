// A first-fit allocator (free list with coalescing) over a WebAssembly memory, growing it on demand; typed views onto it.
import { PAGE, type WasmMemory } from './module.js';

const ALIGN = 64;
const align = (x: number): number => Math.ceil(x / ALIGN) * ALIGN;
/** wasm32 addresses stop at 4 GiB. */
const LIMIT = 2 ** 32;

export interface Heap {
  /** A 64-byte aligned block of at least `bytes`, or undefined when the memory cannot grow that far. */
  alloc(bytes: number): number | undefined;
  free(ptr: number): void;
  f64(ptr: number, length: number): Float64Array;
  u8(ptr: number, length: number): Uint8Array;
  i32(ptr: number, length: number): Int32Array;
}

export function createHeap(memory: WasmMemory, base: number): Heap {
  let top = align(base);
  /** Free blocks below `top`, sorted by address, never adjacent (they are merged). */
  const free: { start: number; size: number }[] = [];
  const sizes = new Map<number, number>();

  const grow = (end: number): boolean => {
    const have = memory.buffer.byteLength;
    if (end <= have) return true;
    if (end > LIMIT) return false;
    try {
      memory.grow(Math.ceil((end - have) / PAGE));
      return true;
    } catch {
      return false;
    }
  };

  return {
    alloc(bytes) {
      const size = align(Math.max(bytes, 1));
      const i = free.findIndex((b) => b.size >= size);
      let ptr: number;
      if (i >= 0) {
        const b = free[i];
        ptr = b.start;
        if (b.size === size) free.splice(i, 1);
        else free[i] = { start: b.start + size, size: b.size - size };
      } else {
        if (!grow(top + size)) return undefined;
        ptr = top;
        top += size;
      }
      sizes.set(ptr, size);
      return ptr;
    },
    free(ptr) {
      const size = sizes.get(ptr);
      if (size === undefined) return;
      sizes.delete(ptr);
      let i = free.findIndex((b) => b.start > ptr);
      if (i < 0) i = free.length;
      free.splice(i, 0, { start: ptr, size });
      // Merge with the following, then the preceding block; a block ending at `top` gives its space back.
      if (i + 1 < free.length && free[i].start + free[i].size === free[i + 1].start) {
        free[i].size += free[i + 1].size;
        free.splice(i + 1, 1);
      }
      if (i > 0 && free[i - 1].start + free[i - 1].size === free[i].start) {
        free[i - 1].size += free[i].size;
        free.splice(i, 1);
        i--;
      }
      if (free[i].start + free[i].size === top) {
        top = free[i].start;
        free.splice(i, 1);
      }
    },
    f64: (ptr, length) => new Float64Array(memory.buffer, ptr, length),
    u8: (ptr, length) => new Uint8Array(memory.buffer, ptr, length),
    i32: (ptr, length) => new Int32Array(memory.buffer, ptr, length),
  };
}
