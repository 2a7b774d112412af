// Memory bandwidth measured in node on arrays far larger than any cache: the best of several copies (TypedArray.set, a memcpy) and of several WebAssembly SIMD read sweeps.
import { PAGE, instantiate, kernelsModule, sharedMemory } from '../kernels/wasm/module.js';

export interface Bandwidth {
  /** (bytes read + bytes written) / time of the fastest copy, GB/s (1e9 bytes). */
  readonly copyGBs: number;
  /** Bytes read / time of the fastest 8-accumulator SIMD sum (undefined when kernels.wasm is not built). */
  readonly readGBs: number | undefined;
}

export function memoryBandwidth(mib = 256, reps = 5): Bandwidth {
  const bytes = mib * 1024 * 1024;
  const len = bytes / 8;
  const a = new Float64Array(len).fill(1);
  const b = new Float64Array(len);
  let copy = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    b.set(a);
    copy = Math.min(copy, performance.now() - t0);
  }
  if (b[len - 1] !== 1) throw new Error('memoryBandwidth: the copy did not happen');
  return { copyGBs: (2 * bytes) / (copy * 1e6), readGBs: wasmRead(bytes, reps) };
}

function wasmRead(bytes: number, reps: number): number | undefined {
  const module = kernelsModule();
  if (module === undefined) return undefined;
  const memory = sharedMemory(Math.ceil(bytes / PAGE) + 2);
  const ex = instantiate(module, memory);
  const at = Math.ceil(ex.heapBase() / PAGE) * PAGE;
  const len = bytes / 8;
  new Float64Array(memory.buffer, at, len).fill(1);
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const s = ex.readSum(at, len);
    best = Math.min(best, performance.now() - t0);
    if (s !== len) throw new Error(`memoryBandwidth: read sum ${s}, expected ${len}`);
  }
  return bytes / (best * 1e6);
}
