// Memory bandwidth estimate in node: the best of several copies (TypedArray.set, a memcpy) and sums of Float64Arrays far larger than any cache.

export interface Bandwidth {
  /** (bytes read + bytes written) / time of the fastest copy, GB/s (1e9 bytes). */
  readonly copyGBs: number;
  /** Bytes read / time of the fastest 4-accumulator sum, GB/s. */
  readonly readGBs: number;
}

export function memoryBandwidth(mib = 128, reps = 5): Bandwidth {
  const len = (mib * 1024 * 1024) / 8;
  const a = new Float64Array(len).fill(1);
  const b = new Float64Array(len);
  let copy = Infinity;
  let read = Infinity;
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    let t0 = performance.now();
    b.set(a);
    copy = Math.min(copy, performance.now() - t0);
    t0 = performance.now();
    sink += sum4(b);
    read = Math.min(read, performance.now() - t0);
  }
  if (sink !== reps * len) throw new Error(`memoryBandwidth: copied sum ${sink}, expected ${reps * len}`);
  return { copyGBs: (2 * 8 * len) / (copy * 1e6), readGBs: (8 * len) / (read * 1e6) };
}

// Four independent accumulators so the loop is limited by loads, not by the latency of one chain of additions.
function sum4(x: Float64Array): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < x.length; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  return s0 + s1 + s2 + s3;
}
