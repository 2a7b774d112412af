// WebAssembly SIMD kernels in AssemblyScript, compiled from this source by `npm run build` (src/kernels/wasm/build.ts).
//
// Bit for bit the reference kernels (src/kernels/js/reference.ts): every output element is summed in the
// reference's order — one sequential chain per element, starting from +0, the scale applied last — and the
// SIMD lanes, row blocks and tiles only run several such chains side by side. f64x2 mul then add (no fused
// multiply-add) rounds exactly as JavaScript's `s += a * b`. The JS side only calls these on finite inputs,
// where skipping a zero product is exact (a sum that starts at +0 never becomes −0), so the zero-skipping
// of the reference (zero coefficients, zero entries) and the full products here agree.
//
// Memory belongs to the JS side (heap.ts): every pointer is a byte offset into the shared memory, every
// matrix row-major. `u8` selects uint8 entries (converted exactly to f64) over float64 ones.

// ---------------------------------------------------------------------------------------------------------
// uint8 → float64

@inline function lo2(q: v128): v128 {
  return f64x2.convert_low_i32x4_u(q);
}

@inline function hi2(q: v128): v128 {
  return f64x2.convert_low_i32x4_u(v128.shuffle<u32>(q, q, 2, 3, 2, 3));
}

/** 1 if every entry of x[0..len) is finite (no NaN, no ±Inf), else 0. */
export function allFinite(x: usize, len: i32): i32 {
  // x − x is 0 for finite x and NaN otherwise; NaN poisons the accumulated sum.
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const v = v128.load(x + (<usize>i << 3));
    acc = f64x2.add(acc, f64x2.sub(v, v));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < len; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    s += v - v;
  }
  return s == 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// gemv: out[r] = (Σ_c a[r,c]·x[c])·scale for r in [r0, r1), c increasing. The two lanes of a vector are two
// rows, so each lane is one row's chain; four row pairs run side by side.

/** acc + [a[r, c], a[r', c]]·x[c] for the columns c of [c0, c1), in order (the tail of a row pair, scalar loads). */
@inline function pairTail<T>(acc: v128, p: usize, q: usize, x: usize, c0: i32, c1: i32): v128 {
  for (let c = c0; c < c1; c++) {
    const o = <usize>c * sizeof<T>();
    const v = f64x2.replace_lane(f64x2.splat(<f64>load<T>(p + o)), 1, <f64>load<T>(q + o));
    acc = f64x2.add(acc, f64x2.mul(v, v128.load64_splat(x + (<usize>c << 3))));
  }
  return acc;
}

@inline function storePair(out: usize, r: i32, acc: v128, scale: f64): void {
  store<f64>(out + (<usize>r << 3), f64x2.extract_lane(acc, 0) * scale);
  store<f64>(out + (<usize>r << 3), f64x2.extract_lane(acc, 1) * scale, 8);
}

/** Rows r, r + 1 of float64 entries, columns c, c + 1: the column vectors [a[r,c], a[r+1,c]] and [a[r,c+1], a[r+1,c+1]]. */
@inline function addPairF64(acc: v128, p: usize, stride: usize, o: usize, x0: v128, x1: v128): v128 {
  const u = v128.load(p + o), v = v128.load(p + stride + o);
  acc = f64x2.add(acc, f64x2.mul(v128.shuffle<f64>(u, v, 0, 2), x0));
  return f64x2.add(acc, f64x2.mul(v128.shuffle<f64>(u, v, 1, 3), x1));
}

/** Rows r, r + 1 of uint8 entries, 8 columns from o: the 8 column vectors, in column order. */
@inline function addPairU8(acc: v128, p: usize, stride: usize, o: usize, x: usize): v128 {
  const both = v128.load64_lane(p + stride + o, v128.load64_zero(p + o), 1);
  const t = i8x16.shuffle(both, both, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
  const w0 = i16x8.extend_low_i8x16_u(t);
  const w1 = i16x8.extend_high_i8x16_u(t);
  const q0 = i32x4.extend_low_i16x8_u(w0), q1 = i32x4.extend_high_i16x8_u(w0);
  const q2 = i32x4.extend_low_i16x8_u(w1), q3 = i32x4.extend_high_i16x8_u(w1);
  const xo = x + (o << 3);
  acc = f64x2.add(acc, f64x2.mul(lo2(q0), v128.load64_splat(xo, 0)));
  acc = f64x2.add(acc, f64x2.mul(hi2(q0), v128.load64_splat(xo, 8)));
  acc = f64x2.add(acc, f64x2.mul(lo2(q1), v128.load64_splat(xo, 16)));
  acc = f64x2.add(acc, f64x2.mul(hi2(q1), v128.load64_splat(xo, 24)));
  acc = f64x2.add(acc, f64x2.mul(lo2(q2), v128.load64_splat(xo, 32)));
  acc = f64x2.add(acc, f64x2.mul(hi2(q2), v128.load64_splat(xo, 40)));
  acc = f64x2.add(acc, f64x2.mul(lo2(q3), v128.load64_splat(xo, 48)));
  return f64x2.add(acc, f64x2.mul(hi2(q3), v128.load64_splat(xo, 56)));
}

function gemvF64(out: usize, a: usize, x: usize, cols: i32, scale: f64, r0: i32, r1: i32): void {
  const stride = <usize>cols << 3;
  const even = cols & ~1;
  let r = r0;
  for (; r + 8 <= r1; r += 8) {
    const p = a + <usize>r * stride;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
    for (let c = 0; c < even; c += 2) {
      const o = <usize>c << 3;
      const x0 = v128.load64_splat(x + o), x1 = v128.load64_splat(x + o, 8);
      s0 = addPairF64(s0, p, stride, o, x0, x1);
      s1 = addPairF64(s1, p + 2 * stride, stride, o, x0, x1);
      s2 = addPairF64(s2, p + 4 * stride, stride, o, x0, x1);
      s3 = addPairF64(s3, p + 6 * stride, stride, o, x0, x1);
    }
    storePair(out, r, pairTail<f64>(s0, p, p + stride, x, even, cols), scale);
    storePair(out, r + 2, pairTail<f64>(s1, p + 2 * stride, p + 3 * stride, x, even, cols), scale);
    storePair(out, r + 4, pairTail<f64>(s2, p + 4 * stride, p + 5 * stride, x, even, cols), scale);
    storePair(out, r + 6, pairTail<f64>(s3, p + 6 * stride, p + 7 * stride, x, even, cols), scale);
  }
  for (; r + 2 <= r1; r += 2) {
    const p = a + <usize>r * stride;
    storePair(out, r, pairTail<f64>(f64x2.splat(0), p, p + stride, x, 0, cols), scale);
  }
  if (r < r1) {
    const p = a + <usize>r * stride;
    let s: f64 = 0;
    for (let c = 0; c < cols; c++) s += load<f64>(p + (<usize>c << 3)) * load<f64>(x + (<usize>c << 3));
    store<f64>(out + (<usize>r << 3), s * scale);
  }
}

function gemvU8(out: usize, a: usize, x: usize, cols: i32, scale: f64, r0: i32, r1: i32): void {
  const stride = <usize>cols;
  const full = cols & ~7;
  let r = r0;
  for (; r + 8 <= r1; r += 8) {
    const p = a + <usize>r * stride;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
    for (let c = 0; c < full; c += 8) {
      const o = <usize>c;
      s0 = addPairU8(s0, p, stride, o, x);
      s1 = addPairU8(s1, p + 2 * stride, stride, o, x);
      s2 = addPairU8(s2, p + 4 * stride, stride, o, x);
      s3 = addPairU8(s3, p + 6 * stride, stride, o, x);
    }
    storePair(out, r, pairTail<u8>(s0, p, p + stride, x, full, cols), scale);
    storePair(out, r + 2, pairTail<u8>(s1, p + 2 * stride, p + 3 * stride, x, full, cols), scale);
    storePair(out, r + 4, pairTail<u8>(s2, p + 4 * stride, p + 5 * stride, x, full, cols), scale);
    storePair(out, r + 6, pairTail<u8>(s3, p + 6 * stride, p + 7 * stride, x, full, cols), scale);
  }
  for (; r + 2 <= r1; r += 2) {
    const p = a + <usize>r * stride;
    storePair(out, r, pairTail<u8>(f64x2.splat(0), p, p + stride, x, 0, cols), scale);
  }
  if (r < r1) {
    const p = a + <usize>r * stride;
    let s: f64 = 0;
    for (let c = 0; c < cols; c++) s += <f64>load<u8>(p + <usize>c) * load<f64>(x + (<usize>c << 3));
    store<f64>(out + (<usize>r << 3), s * scale);
  }
}

export function gemv(out: usize, a: usize, x: usize, cols: i32, scale: f64, u8: i32, r0: i32, r1: i32): void {
  if (u8) gemvU8(out, a, x, cols, scale, r0, r1);
  else gemvF64(out, a, x, cols, scale, r0, r1);
}

// ---------------------------------------------------------------------------------------------------------
// gemvT: out[c] = (Σ_r a[r,c]·x[r])·scale for c in [c0, c1), r increasing over the rows listed in idx
// (the rows with x[r] ≠ 0): four rows are added in turn to a block of out held in registers.

export function gemvT(out: usize, a: usize, x: usize, cols: i32, scale: f64, u8: i32, c0: i32, c1: i32, idx: usize, nidx: i32): void {
  memory.fill(out + (<usize>c0 << 3), 0, <usize>(c1 - c0) << 3);
  const es: usize = u8 ? 1 : 8;
  const stride = <usize>cols * es;
  let k = 0;
  for (; k + 4 <= nidx; k += 4) {
    const r0 = load<i32>(idx + (<usize>k << 2), 0);
    const r1 = load<i32>(idx + (<usize>k << 2), 4);
    const r2 = load<i32>(idx + (<usize>k << 2), 8);
    const r3 = load<i32>(idx + (<usize>k << 2), 12);
    const p0 = a + <usize>r0 * stride, p1 = a + <usize>r1 * stride, p2 = a + <usize>r2 * stride, p3 = a + <usize>r3 * stride;
    const x0 = load<f64>(x + (<usize>r0 << 3)), x1 = load<f64>(x + (<usize>r1 << 3));
    const x2 = load<f64>(x + (<usize>r2 << 3)), x3 = load<f64>(x + (<usize>r3 << 3));
    if (u8) axpy4u8(out, p0, p1, p2, p3, x0, x1, x2, x3, c0, c1);
    else axpy4f64(out, p0, p1, p2, p3, x0, x1, x2, x3, c0, c1);
  }
  for (; k < nidx; k++) {
    const r = load<i32>(idx + (<usize>k << 2));
    const p = a + <usize>r * stride;
    const xr = load<f64>(x + (<usize>r << 3));
    if (u8) for (let c = c0; c < c1; c++) {
      const q = out + (<usize>c << 3);
      store<f64>(q, load<f64>(q) + <f64>load<u8>(p + <usize>c) * xr);
    }
    else for (let c = c0; c < c1; c++) {
      const q = out + (<usize>c << 3);
      store<f64>(q, load<f64>(q) + load<f64>(p + (<usize>c << 3)) * xr);
    }
  }
  if (scale != 1) scaleRange(out, scale, c0, c1);
}

function scaleRange(out: usize, scale: f64, c0: i32, c1: i32): void {
  for (let c = c0; c < c1; c++) {
    const q = out + (<usize>c << 3);
    store<f64>(q, load<f64>(q) * scale);
  }
}

// out[c] += p0[c]·x0, then += p1[c]·x1, … (in this order), for c in [c0, c1); rows of float64.
function axpy4f64(out: usize, p0: usize, p1: usize, p2: usize, p3: usize, x0: f64, x1: f64, x2: f64, x3: f64, c0: i32, c1: i32): void {
  const s0 = f64x2.splat(x0), s1 = f64x2.splat(x1), s2 = f64x2.splat(x2), s3 = f64x2.splat(x3);
  let c = c0;
  for (; c + 4 <= c1; c += 4) {
    const o = <usize>c << 3;
    let u = v128.load(out + o, 0);
    let v = v128.load(out + o, 16);
    u = f64x2.add(u, f64x2.mul(v128.load(p0 + o, 0), s0));
    v = f64x2.add(v, f64x2.mul(v128.load(p0 + o, 16), s0));
    u = f64x2.add(u, f64x2.mul(v128.load(p1 + o, 0), s1));
    v = f64x2.add(v, f64x2.mul(v128.load(p1 + o, 16), s1));
    u = f64x2.add(u, f64x2.mul(v128.load(p2 + o, 0), s2));
    v = f64x2.add(v, f64x2.mul(v128.load(p2 + o, 16), s2));
    u = f64x2.add(u, f64x2.mul(v128.load(p3 + o, 0), s3));
    v = f64x2.add(v, f64x2.mul(v128.load(p3 + o, 16), s3));
    v128.store(out + o, u, 0);
    v128.store(out + o, v, 16);
  }
  for (; c < c1; c++) {
    const o = <usize>c << 3;
    let s = load<f64>(out + o);
    s += load<f64>(p0 + o) * x0;
    s += load<f64>(p1 + o) * x1;
    s += load<f64>(p2 + o) * x2;
    s += load<f64>(p3 + o) * x3;
    store<f64>(out + o, s);
  }
}

// The same for rows of uint8, 16 columns per step (each row's 16 bytes converted once).
function axpy4u8(out: usize, p0: usize, p1: usize, p2: usize, p3: usize, x0: f64, x1: f64, x2: f64, x3: f64, c0: i32, c1: i32): void {
  const s0 = f64x2.splat(x0), s1 = f64x2.splat(x1), s2 = f64x2.splat(x2), s3 = f64x2.splat(x3);
  let c = c0;
  for (; c + 16 <= c1; c += 16) {
    const o = <usize>c << 3;
    let a0 = v128.load(out + o, 0), a1 = v128.load(out + o, 16), a2 = v128.load(out + o, 32), a3 = v128.load(out + o, 48);
    let a4 = v128.load(out + o, 64), a5 = v128.load(out + o, 80), a6 = v128.load(out + o, 96), a7 = v128.load(out + o, 112);
    for (let k = 0; k < 4; k++) {
      const p = (k == 0 ? p0 : k == 1 ? p1 : k == 2 ? p2 : p3) + <usize>c;
      const s = k == 0 ? s0 : k == 1 ? s1 : k == 2 ? s2 : s3;
      const b = v128.load(p);
      const w0 = i16x8.extend_low_i8x16_u(b);
      const w1 = i16x8.extend_high_i8x16_u(b);
      const q0 = i32x4.extend_low_i16x8_u(w0);
      const q1 = i32x4.extend_high_i16x8_u(w0);
      const q2 = i32x4.extend_low_i16x8_u(w1);
      const q3 = i32x4.extend_high_i16x8_u(w1);
      a0 = f64x2.add(a0, f64x2.mul(lo2(q0), s));
      a1 = f64x2.add(a1, f64x2.mul(hi2(q0), s));
      a2 = f64x2.add(a2, f64x2.mul(lo2(q1), s));
      a3 = f64x2.add(a3, f64x2.mul(hi2(q1), s));
      a4 = f64x2.add(a4, f64x2.mul(lo2(q2), s));
      a5 = f64x2.add(a5, f64x2.mul(hi2(q2), s));
      a6 = f64x2.add(a6, f64x2.mul(lo2(q3), s));
      a7 = f64x2.add(a7, f64x2.mul(hi2(q3), s));
    }
    v128.store(out + o, a0, 0);
    v128.store(out + o, a1, 16);
    v128.store(out + o, a2, 32);
    v128.store(out + o, a3, 48);
    v128.store(out + o, a4, 64);
    v128.store(out + o, a5, 80);
    v128.store(out + o, a6, 96);
    v128.store(out + o, a7, 112);
  }
  for (; c < c1; c++) {
    const o = <usize>c << 3;
    let s = load<f64>(out + o);
    s += <f64>load<u8>(p0 + <usize>c) * x0;
    s += <f64>load<u8>(p1 + <usize>c) * x1;
    s += <f64>load<u8>(p2 + <usize>c) * x2;
    s += <f64>load<u8>(p3 + <usize>c) * x3;
    store<f64>(out + o, s);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Four consecutive entries j..j+3 of a row as two f64x2, of which only the first w (< 4 at a row's end) exist.

@inline function part0(p: usize, w: i32): v128 {
  return w >= 2 ? v128.load(p) : w == 1 ? f64x2.replace_lane(f64x2.splat(0), 0, load<f64>(p)) : f64x2.splat(0);
}

@inline function part1(p: usize, w: i32): v128 {
  return w >= 4 ? v128.load(p, 16) : w == 3 ? f64x2.replace_lane(f64x2.splat(0), 0, load<f64>(p, 16)) : f64x2.splat(0);
}

@inline function storePart(p: usize, u: v128, v: v128, w: i32): void {
  if (w >= 4) {
    v128.store(p, u, 0);
    v128.store(p, v, 16);
    return;
  }
  if (w >= 2) v128.store(p, u, 0);
  else v128.store64_lane(p, u, 0);
  if (w == 3) v128.store64_lane(p, v, 0, 16);
}

// ---------------------------------------------------------------------------------------------------------
// The register tile of gemm and gemmT: h ≤ 4 rows (o, o + os, …) × w ≤ 4 columns of out advanced over a
// stream of (4 interleaved entries of a at q, 4 entries of b at bo), both with stride 32 bytes, in stream
// order; 8 accumulators (4 when w ≤ 2). `fresh` starts from 0 instead of out's values; the result is
// multiplied by `scale` unless it is 1. The `x` variants take the stream's a entries at ap + 32·list[i].

@inline function scaled(v: v128, scale: f64): v128 {
  return scale == 1 ? v : f64x2.mul(v, f64x2.splat(scale));
}

function tile4(o: usize, os: usize, h: i32, w: i32, fresh: bool, q: usize, qe: usize, bo: usize, scale: f64): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  if (!fresh) {
    c00 = part0(o, w); c01 = part1(o, w);
    if (h > 1) { c10 = part0(o + os, w); c11 = part1(o + os, w); }
    if (h > 2) { c20 = part0(o + 2 * os, w); c21 = part1(o + 2 * os, w); }
    if (h > 3) { c30 = part0(o + 3 * os, w); c31 = part1(o + 3 * os, w); }
  }
  for (; q < qe; q += 32) {
    const b0 = v128.load(bo, 0);
    const b1 = v128.load(bo, 16);
    const a0 = v128.load64_splat(q, 0);
    const a1 = v128.load64_splat(q, 8);
    const a2 = v128.load64_splat(q, 16);
    const a3 = v128.load64_splat(q, 24);
    c00 = f64x2.add(c00, f64x2.mul(a0, b0));
    c01 = f64x2.add(c01, f64x2.mul(a0, b1));
    c10 = f64x2.add(c10, f64x2.mul(a1, b0));
    c11 = f64x2.add(c11, f64x2.mul(a1, b1));
    c20 = f64x2.add(c20, f64x2.mul(a2, b0));
    c21 = f64x2.add(c21, f64x2.mul(a2, b1));
    c30 = f64x2.add(c30, f64x2.mul(a3, b0));
    c31 = f64x2.add(c31, f64x2.mul(a3, b1));
    bo += 32;
  }
  storePart(o, scaled(c00, scale), scaled(c01, scale), w);
  if (h > 1) storePart(o + os, scaled(c10, scale), scaled(c11, scale), w);
  if (h > 2) storePart(o + 2 * os, scaled(c20, scale), scaled(c21, scale), w);
  if (h > 3) storePart(o + 3 * os, scaled(c30, scale), scaled(c31, scale), w);
}

function tile2(o: usize, os: usize, h: i32, w: i32, fresh: bool, q: usize, qe: usize, bo: usize, scale: f64): void {
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
  if (!fresh) {
    c0 = part0(o, w);
    if (h > 1) c1 = part0(o + os, w);
    if (h > 2) c2 = part0(o + 2 * os, w);
    if (h > 3) c3 = part0(o + 3 * os, w);
  }
  for (; q < qe; q += 32) {
    const b0 = v128.load(bo, 0);
    c0 = f64x2.add(c0, f64x2.mul(v128.load64_splat(q, 0), b0));
    c1 = f64x2.add(c1, f64x2.mul(v128.load64_splat(q, 8), b0));
    c2 = f64x2.add(c2, f64x2.mul(v128.load64_splat(q, 16), b0));
    c3 = f64x2.add(c3, f64x2.mul(v128.load64_splat(q, 24), b0));
    bo += 32;
  }
  const z = f64x2.splat(0);
  storePart(o, scaled(c0, scale), z, w);
  if (h > 1) storePart(o + os, scaled(c1, scale), z, w);
  if (h > 2) storePart(o + 2 * os, scaled(c2, scale), z, w);
  if (h > 3) storePart(o + 3 * os, scaled(c3, scale), z, w);
}

function tile4x(o: usize, os: usize, h: i32, w: i32, ap: usize, list: usize, cnt: i32, bo: usize): void {
  let c00 = part0(o, w), c01 = part1(o, w);
  let c10 = h > 1 ? part0(o + os, w) : f64x2.splat(0), c11 = h > 1 ? part1(o + os, w) : f64x2.splat(0);
  let c20 = h > 2 ? part0(o + 2 * os, w) : f64x2.splat(0), c21 = h > 2 ? part1(o + 2 * os, w) : f64x2.splat(0);
  let c30 = h > 3 ? part0(o + 3 * os, w) : f64x2.splat(0), c31 = h > 3 ? part1(o + 3 * os, w) : f64x2.splat(0);
  for (let l = list, le = list + (<usize>cnt << 2); l < le; l += 4) {
    const q = ap + (<usize>load<i32>(l) << 5);
    const b0 = v128.load(bo, 0);
    const b1 = v128.load(bo, 16);
    const a0 = v128.load64_splat(q, 0);
    const a1 = v128.load64_splat(q, 8);
    const a2 = v128.load64_splat(q, 16);
    const a3 = v128.load64_splat(q, 24);
    c00 = f64x2.add(c00, f64x2.mul(a0, b0));
    c01 = f64x2.add(c01, f64x2.mul(a0, b1));
    c10 = f64x2.add(c10, f64x2.mul(a1, b0));
    c11 = f64x2.add(c11, f64x2.mul(a1, b1));
    c20 = f64x2.add(c20, f64x2.mul(a2, b0));
    c21 = f64x2.add(c21, f64x2.mul(a2, b1));
    c30 = f64x2.add(c30, f64x2.mul(a3, b0));
    c31 = f64x2.add(c31, f64x2.mul(a3, b1));
    bo += 32;
  }
  storePart(o, c00, c01, w);
  if (h > 1) storePart(o + os, c10, c11, w);
  if (h > 2) storePart(o + 2 * os, c20, c21, w);
  if (h > 3) storePart(o + 3 * os, c30, c31, w);
}

function tile2x(o: usize, os: usize, h: i32, w: i32, ap: usize, list: usize, cnt: i32, bo: usize): void {
  let c0 = part0(o, w);
  let c1 = h > 1 ? part0(o + os, w) : f64x2.splat(0);
  let c2 = h > 2 ? part0(o + 2 * os, w) : f64x2.splat(0);
  let c3 = h > 3 ? part0(o + 3 * os, w) : f64x2.splat(0);
  for (let l = list, le = list + (<usize>cnt << 2); l < le; l += 4) {
    const q = ap + (<usize>load<i32>(l) << 5);
    const b0 = v128.load(bo, 0);
    c0 = f64x2.add(c0, f64x2.mul(v128.load64_splat(q, 0), b0));
    c1 = f64x2.add(c1, f64x2.mul(v128.load64_splat(q, 8), b0));
    c2 = f64x2.add(c2, f64x2.mul(v128.load64_splat(q, 16), b0));
    c3 = f64x2.add(c3, f64x2.mul(v128.load64_splat(q, 24), b0));
    bo += 32;
  }
  const z = f64x2.splat(0);
  storePart(o, c0, z, w);
  if (h > 1) storePart(o + os, c1, z, w);
  if (h > 2) storePart(o + 2 * os, c2, z, w);
  if (h > 3) storePart(o + 3 * os, c3, z, w);
}

// ---------------------------------------------------------------------------------------------------------
// gemm: out[r, j] = (Σ_c a[r,c]·b[c,j])·scale, c increasing, for r in [r0, r1); b is cols×n, out rows×n.
// B is first packed (packB) into panels of 4 columns, bp[(p·cols + c)·4 + jj] = b[c, 4p + jj] (zero past n),
// and each block of 4 rows of a is packed interleaved (packRows, converting uint8), so the 4×4 tile (8
// accumulators) reads both operands as two contiguous streams.

export function packB(bp: usize, b: usize, cols: i32, n: i32): void {
  const panels = (n + 3) >> 2;
  const rs = <usize>n << 3;
  for (let p = 0; p < panels; p++) {
    const dst = bp + <usize>p * cols * 32;
    const w = n - (p << 2);
    for (let c = 0; c < cols; c++) {
      const src = b + <usize>c * rs + (<usize>p << 5);
      v128.store(dst + (<usize>c << 5), part0(src, w), 0);
      v128.store(dst + (<usize>c << 5), part1(src, w), 16);
    }
  }
}

/** Four columns of two rows (int32 lanes qa, qb) as float64 at e, e + 32, e + 64, e + 96: [qa_j, qb_j] per column j. */
@inline function interleave4(e: usize, qa: v128, qb: v128): void {
  const a01 = lo2(qa), a23 = hi2(qa), b01 = lo2(qb), b23 = hi2(qb);
  v128.store(e, v128.shuffle<f64>(a01, b01, 0, 2), 0);
  v128.store(e, v128.shuffle<f64>(a01, b01, 1, 3), 32);
  v128.store(e, v128.shuffle<f64>(a23, b23, 0, 2), 64);
  v128.store(e, v128.shuffle<f64>(a23, b23, 1, 3), 96);
}

/** ap[c·4 + i] = a[r + i, c] as float64 for i < h (0 for i ≥ h), c < cols: four rows interleaved. */
function packRows(ap: usize, a: usize, r: i32, h: i32, cols: i32, u8: i32): void {
  const es: usize = u8 ? 1 : 8;
  const row = <usize>cols * es;
  const p0 = a + <usize>r * row;
  if (h == 4 && !u8) {
    let c = 0;
    for (; c + 2 <= cols; c += 2) {
      const o = <usize>c << 3;
      const x0 = v128.load(p0 + o), x1 = v128.load(p0 + row + o), x2 = v128.load(p0 + 2 * row + o), x3 = v128.load(p0 + 3 * row + o);
      const d = ap + (<usize>c << 5);
      v128.store(d, v128.shuffle<f64>(x0, x1, 0, 2), 0);
      v128.store(d, v128.shuffle<f64>(x2, x3, 0, 2), 16);
      v128.store(d, v128.shuffle<f64>(x0, x1, 1, 3), 32);
      v128.store(d, v128.shuffle<f64>(x2, x3, 1, 3), 48);
    }
    for (; c < cols; c++) for (let i = 0; i < 4; i++) store<f64>(ap + (<usize>(c * 4 + i) << 3), load<f64>(p0 + <usize>i * row + (<usize>c << 3)));
    return;
  }
  if (h == 4) {
    let c = 0;
    for (; c + 16 <= cols; c += 16) {
      const d = ap + (<usize>c << 5);
      for (let i = 0; i < 4; i += 2) {
        const ba = v128.load(p0 + <usize>i * row + <usize>c);
        const bb = v128.load(p0 + <usize>(i + 1) * row + <usize>c);
        const wa0 = i16x8.extend_low_i8x16_u(ba), wa1 = i16x8.extend_high_i8x16_u(ba);
        const wb0 = i16x8.extend_low_i8x16_u(bb), wb1 = i16x8.extend_high_i8x16_u(bb);
        const e = d + (<usize>i << 3);
        interleave4(e, i32x4.extend_low_i16x8_u(wa0), i32x4.extend_low_i16x8_u(wb0));
        interleave4(e + 128, i32x4.extend_high_i16x8_u(wa0), i32x4.extend_high_i16x8_u(wb0));
        interleave4(e + 256, i32x4.extend_low_i16x8_u(wa1), i32x4.extend_low_i16x8_u(wb1));
        interleave4(e + 384, i32x4.extend_high_i16x8_u(wa1), i32x4.extend_high_i16x8_u(wb1));
      }
    }
    for (; c < cols; c++) for (let i = 0; i < 4; i++) store<f64>(ap + (<usize>(c * 4 + i) << 3), <f64>load<u8>(p0 + <usize>i * row + <usize>c));
    return;
  }
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < 4; i++) {
      const q = p0 + <usize>i * row;
      const v: f64 = i >= h ? 0 : u8 ? <f64>load<u8>(q + <usize>c) : load<f64>(q + (<usize>c << 3));
      store<f64>(ap + (<usize>(c * 4 + i) << 3), v);
    }
  }
}

/** Columns of a (and rows of b) per pass of the 4×4 tile: its two streams (2 × 8 KiB) stay in the L1 cache. */
const KC = 256;

export function gemm(out: usize, a: usize, bp: usize, cols: i32, n: i32, scale: f64, u8: i32, r0: i32, r1: i32, scratch: usize): void {
  const panels = (n + 3) >> 2;
  const os = <usize>n << 3;
  const ap = scratch;
  for (let r = r0; r < r1; r += 4) {
    const h = min(4, r1 - r);
    packRows(ap, a, r, h, cols, u8);
    // Passes over KC columns at a time: a tile's partial sums wait in out between passes (exactly: a float64
    // store and load change nothing), the scale is applied after the last pass.
    for (let k0 = 0; k0 < cols; k0 += KC) {
      const k1 = min(cols, k0 + KC);
      const s = k1 == cols ? scale : 1;
      for (let p = 0; p < panels; p++) {
        const w = n - (p << 2);
        const o = out + <usize>r * os + (<usize>p << 5);
        const bo = bp + (<usize>p * cols + <usize>k0) * 32;
        if (w > 2) tile4(o, os, h, w, k0 == 0, ap + (<usize>k0 << 5), ap + (<usize>k1 << 5), bo, s);
        else tile2(o, os, h, w, k0 == 0, ap + (<usize>k0 << 5), ap + (<usize>k1 << 5), bo, s);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// gemmT: out[c, j] = (Σ_r a[r,c]·b[r,j])·scale, r increasing over the rows listed in idx (the rows of b
// that are not all zero), for c in [c0, c1); b is rows×n, out cols×n. Rows are taken kr at a time: their
// b rows are packed in panels of 4 columns (each panel without its all-zero rows), and 16 columns of a at a
// time as four kr×4 blocks (as float64, packColumns); a tile of out is advanced over the kr rows in order.

/**
 * ap + g·kr·32 + k·32 holds a[idx[k], cg + 4g … cg + 4g + 3] (float64; 0 past w columns) for k < kn, g < 4:
 * each row's 16 entries are loaded (and converted) once.
 */
function packColumns(ap: usize, a: usize, ix: usize, kn: i32, kr: i32, cg: i32, w: i32, cols: i32, u8: i32): void {
  const block = <usize>kr << 5;
  for (let k = 0; k < kn; k++) {
    const r = <usize>load<i32>(ix + (<usize>k << 2));
    const d = ap + (<usize>k << 5);
    if (w == 16 && u8) {
      const b = v128.load(a + r * cols + <usize>cg);
      const w0 = i16x8.extend_low_i8x16_u(b);
      const w1 = i16x8.extend_high_i8x16_u(b);
      const q0 = i32x4.extend_low_i16x8_u(w0);
      const q1 = i32x4.extend_high_i16x8_u(w0);
      const q2 = i32x4.extend_low_i16x8_u(w1);
      const q3 = i32x4.extend_high_i16x8_u(w1);
      v128.store(d, lo2(q0), 0);
      v128.store(d, hi2(q0), 16);
      v128.store(d + block, lo2(q1), 0);
      v128.store(d + block, hi2(q1), 16);
      v128.store(d + 2 * block, lo2(q2), 0);
      v128.store(d + 2 * block, hi2(q2), 16);
      v128.store(d + 3 * block, lo2(q3), 0);
      v128.store(d + 3 * block, hi2(q3), 16);
    } else if (w == 16) {
      const s = a + ((r * cols + <usize>cg) << 3);
      v128.store(d, v128.load(s, 0), 0);
      v128.store(d, v128.load(s, 16), 16);
      v128.store(d + block, v128.load(s, 32), 0);
      v128.store(d + block, v128.load(s, 48), 16);
      v128.store(d + 2 * block, v128.load(s, 64), 0);
      v128.store(d + 2 * block, v128.load(s, 80), 16);
      v128.store(d + 3 * block, v128.load(s, 96), 0);
      v128.store(d + 3 * block, v128.load(s, 112), 16);
    } else {
      for (let i = 0; i < 16; i++) {
        const c = <usize>(cg + i);
        const v: f64 = i >= w ? 0 : u8 ? <f64>load<u8>(a + r * cols + c) : load<f64>(a + ((r * cols + c) << 3));
        store<f64>(d + <usize>(i >> 2) * block + (<usize>(i & 3) << 3), v);
      }
    }
  }
}

export function gemmT(out: usize, a: usize, b: usize, cols: i32, n: i32, scale: f64, u8: i32, c0: i32, c1: i32,
  idx: usize, nidx: i32, kr: i32, scratch: usize): void {
  const panels = (n + 3) >> 2;
  const os = <usize>n << 3;
  memory.fill(out + <usize>c0 * os, 0, <usize>(c1 - c0) * os);
  const ap = scratch;
  const bp = ap + (<usize>kr << 7);
  const lists = bp + <usize>panels * (<usize>kr << 5);
  const counts = lists + <usize>panels * (<usize>kr << 2);
  for (let k0 = 0; k0 < nidx; k0 += kr) {
    const kn = min(kr, nidx - k0);
    const ix = idx + (<usize>k0 << 2);
    // Each panel keeps only the rows where its (up to 4) entries of b are not all zero: exact, and in
    // sweeps over step sizes the runs with large steps have many samples of weight exactly 0.
    for (let p = 0; p < panels; p++) {
      const dst = bp + <usize>p * (<usize>kr << 5);
      const list = lists + <usize>p * (<usize>kr << 2);
      const w = n - (p << 2);
      let m = 0;
      for (let k = 0; k < kn; k++) {
        const src = b + <usize>load<i32>(ix + (<usize>k << 2)) * os + (<usize>p << 5);
        const u = part0(src, w), v = part1(src, w);
        if (!v128.any_true(v128.or(f64x2.ne(u, f64x2.splat(0)), f64x2.ne(v, f64x2.splat(0))))) continue;
        v128.store(dst + (<usize>m << 5), u, 0);
        v128.store(dst + (<usize>m << 5), v, 16);
        store<i32>(list + (<usize>m << 2), k);
        m++;
      }
      store<i32>(counts + (<usize>p << 2), m);
    }
    for (let cg = c0; cg < c1; cg += 16) {
      packColumns(ap, a, ix, kn, kr, cg, min(16, c1 - cg), cols, u8);
      for (let cb = cg, ce = min(cg + 16, c1); cb < ce; cb += 4) {
        const h = min(4, c1 - cb);
        const apb = ap + <usize>((cb - cg) >> 2) * (<usize>kr << 5);
        for (let p = 0; p < panels; p++) {
          const w = n - (p << 2);
          const t = out + <usize>cb * os + (<usize>p << 5);
          const bo = bp + <usize>p * (<usize>kr << 5);
          const m = load<i32>(counts + (<usize>p << 2));
          if (m == kn) {
            if (w > 2) tile4(t, os, h, w, false, apb, apb + (<usize>kn << 5), bo, 1);
            else tile2(t, os, h, w, false, apb, apb + (<usize>kn << 5), bo, 1);
          } else if (m > 0) {
            const list = lists + <usize>p * (<usize>kr << 2);
            if (w > 2) tile4x(t, os, h, w, apb, list, m, bo);
            else tile2x(t, os, h, w, apb, list, m, bo);
          }
        }
      }
    }
  }
  if (scale != 1) {
    for (let q = out + <usize>c0 * os, e = out + <usize>c1 * os; q < e; q += 8) store<f64>(q, load<f64>(q) * scale);
  }
}

// ---------------------------------------------------------------------------------------------------------
// run: one thread's share of a job described at ctrl (written by backend.ts): op code at ctrl, float64
// arguments from ctrl + 8. Thread id of nt takes a contiguous range of output rows (gemv, gemm) or columns
// (gemvT, gemmT); each output element is computed by one thread in the order above, so results do not
// depend on the number of threads.

export const OP_GEMV = 1;
export const OP_GEMVT = 2;
export const OP_GEMM = 3;
export const OP_GEMMT = 4;

/** Start of thread id's share of total items taken in whole chunks of `align`. */
@inline function share(total: i32, align: i32, id: i32, nt: i32): i32 {
  const chunks = (total + align - 1) / align;
  return min(total, align * <i32>((<i64>chunks * id) / nt));
}

@inline function arg(ctrl: usize, i: i32): f64 {
  return load<f64>(ctrl + 8 + (<usize>i << 3));
}

export function run(ctrl: usize, id: i32, nt: i32): void {
  const op = load<i32>(ctrl);
  const out = <usize>arg(ctrl, 0), a = <usize>arg(ctrl, 1), x = <usize>arg(ctrl, 2);
  const cols = <i32>arg(ctrl, 3), scale = arg(ctrl, 4), u8 = <i32>arg(ctrl, 5), total = <i32>arg(ctrl, 6);
  if (op == OP_GEMV) {
    gemv(out, a, x, cols, scale, u8, share(total, 4, id, nt), share(total, 4, id + 1, nt));
  } else if (op == OP_GEMVT) {
    gemvT(out, a, x, cols, scale, u8, share(cols, 16, id, nt), share(cols, 16, id + 1, nt), <usize>arg(ctrl, 7), <i32>arg(ctrl, 8));
  } else if (op == OP_GEMM) {
    const scratch = <usize>arg(ctrl, 8) + <usize>id * <usize>arg(ctrl, 9);
    gemm(out, a, x, cols, <i32>arg(ctrl, 7), scale, u8, share(total, 4, id, nt), share(total, 4, id + 1, nt), scratch);
  } else if (op == OP_GEMMT) {
    const scratch = <usize>arg(ctrl, 8) + <usize>id * <usize>arg(ctrl, 9);
    gemmT(out, a, x, cols, <i32>arg(ctrl, 7), scale, u8, share(cols, 4, id, nt), share(cols, 4, id + 1, nt),
      <usize>arg(ctrl, 10), <i32>arg(ctrl, 11), <i32>arg(ctrl, 12), scratch);
  }
}

/** Σ x[0..len) with eight independent accumulators (len a multiple of 8): the benchmark's memory-read probe, not a kernel. */
export function readSum(x: usize, len: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  for (let i = 0; i < len; i += 8) {
    const p = x + (<usize>i << 3);
    a0 = f64x2.add(a0, v128.load(p, 0));
    a1 = f64x2.add(a1, v128.load(p, 16));
    a2 = f64x2.add(a2, v128.load(p, 32));
    a3 = f64x2.add(a3, v128.load(p, 48));
  }
  const s = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/** The first byte past this module's static data: the JS heap starts above it. */
export function heapBase(): usize {
  return __heap_base;
}
