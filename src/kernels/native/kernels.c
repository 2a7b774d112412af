// Native AVX2 kernels (a Node-API addon in C), compiled from this source by `npm run build` when a C compiler is at hand: bit for bit the reference kernels.
//
// The contract is kernels.as's (src/kernels/wasm): every output element is summed in the reference's order
// (src/kernels/js/reference.ts) — one sequential chain per element from +0, the scale applied last — and
// the 4-wide AVX2 lanes, row blocks and tiles only run several such chains side by side. Multiply and add
// are separate instructions (no FMA: the functions target "avx2" only and the file is compiled with
// -ffp-contract=off), so each step rounds exactly as JavaScript's `s += a * b`. Every entry point first
// checks its vector operands (and A when asked) for NaN/±Inf and returns false without computing if it finds
// one (gemmTScaled finds a non-finite mask entry as it lists the entries, and returns false then): the JS side
// then runs the reference, which decides 0·∞ its own way. On finite inputs skipping a zero
// product is exact, so the reference's zero-skipping and the full products here agree.
//
// Matrices are the JS typed arrays themselves (no copies): float64, or uint8 converted exactly to float64.
// Large calls are split over threads by output rows (gemv, gemm) or columns (gemvT, gemmT): each element
// is computed by one thread, so results do not depend on the thread count.
#define NAPI_VERSION 8
#include <node_api.h>

#include <immintrin.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2")))

typedef struct {
  const void *data; /* float64 or uint8 entries, row-major */
  int u8;
  int rows, cols;
  double scale;
} Mat;

static inline double entry(const Mat *a, size_t i) {
  return a->u8 ? (double)((const uint8_t *)a->data)[i] : ((const double *)a->data)[i];
}

/* Whether x[0..len) are all finite (exponent bits not all ones), counting the zero entries (±0) into *zeros when  */
/* asked: integer compares, four entries at a time.                                                               */
AVX2 static int finite_zeros(const double *x, size_t len, size_t *zeros) {
  const __m256i expo = _mm256_set1_epi64x(0x7ff0000000000000ll), zero = _mm256_setzero_si256();
  __m256i bad = zero, z = zero;
  size_t i = 0;
  for (; i + 4 <= len; i += 4) {
    const __m256i u = _mm256_loadu_si256((const __m256i *)(x + i));
    bad = _mm256_or_si256(bad, _mm256_cmpeq_epi64(_mm256_and_si256(u, expo), expo));
    z = _mm256_sub_epi64(z, _mm256_cmpeq_epi64(_mm256_slli_epi64(u, 1), zero)); /* a true compare is −1 */
  }
  uint64_t b[4], c[4];
  _mm256_storeu_si256((__m256i *)b, bad);
  _mm256_storeu_si256((__m256i *)c, z);
  uint64_t anyBad = b[0] | b[1] | b[2] | b[3], nz = c[0] + c[1] + c[2] + c[3];
  for (; i < len; i++) {
    uint64_t u;
    memcpy(&u, x + i, 8);
    anyBad |= (~u & 0x7ff0000000000000ull) == 0;
    nz += (u << 1) == 0;
  }
  if (zeros != NULL) *zeros = nz;
  return anyBad == 0;
}

static int all_finite(const double *x, size_t len) { return finite_zeros(x, len, NULL); }

/* Start of thread id's share of `total` items taken in whole chunks of `align`. */
static int share(int total, int align, int id, int nt) {
  long chunks = (total + align - 1) / align;
  long s = align * ((chunks * id) / nt);
  return s < total ? (int)s : total;
}

/* ------------------------------------------------------------------------------------------------------ */
/* Four entries as a vector whose lanes are four rows: [a[r0,c], a[r1,c], a[r2,c], a[r3,c]].                 */

/* Rows p[0..3] of uint8, columns c..c+3: the four column vectors (lanes = rows). */
AVX2 static inline void quad_u8(const uint8_t *const p[4], size_t c, __m256d col[4]) {
  uint32_t w[4];
  for (int i = 0; i < 4; i++) memcpy(&w[i], p[i] + c, 4);
  __m128i t = _mm_setr_epi32((int)w[0], (int)w[1], (int)w[2], (int)w[3]);
  t = _mm_shuffle_epi8(t, _mm_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15));
  col[0] = _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(t));
  col[1] = _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_srli_si128(t, 4)));
  col[2] = _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_srli_si128(t, 8)));
  col[3] = _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_srli_si128(t, 12)));
}

/* Rows p[0..3] of float64, columns c..c+3: the four column vectors (a 4×4 transpose). */
AVX2 static inline void quad_f64(const double *const p[4], size_t c, __m256d col[4]) {
  __m256d x0 = _mm256_loadu_pd(p[0] + c), x1 = _mm256_loadu_pd(p[1] + c);
  __m256d x2 = _mm256_loadu_pd(p[2] + c), x3 = _mm256_loadu_pd(p[3] + c);
  __m256d t0 = _mm256_unpacklo_pd(x0, x1), t1 = _mm256_unpackhi_pd(x0, x1);
  __m256d t2 = _mm256_unpacklo_pd(x2, x3), t3 = _mm256_unpackhi_pd(x2, x3);
  col[0] = _mm256_permute2f128_pd(t0, t2, 0x20);
  col[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
  col[2] = _mm256_permute2f128_pd(t0, t2, 0x31);
  col[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
}

AVX2 static inline void quad(const Mat *a, int r, size_t c, __m256d col[4]) {
  if (a->u8) {
    const uint8_t *b = a->data;
    const uint8_t *p[4] = {b + (size_t)r * a->cols, b + (size_t)(r + 1) * a->cols, b + (size_t)(r + 2) * a->cols, b + (size_t)(r + 3) * a->cols};
    quad_u8(p, c, col);
  } else {
    const double *b = a->data;
    const double *p[4] = {b + (size_t)r * a->cols, b + (size_t)(r + 1) * a->cols, b + (size_t)(r + 2) * a->cols, b + (size_t)(r + 3) * a->cols};
    quad_f64(p, c, col);
  }
}

AVX2 static inline __m256d column(const Mat *a, int r, int h, size_t c) {
  double v[4] = {0, 0, 0, 0};
  for (int i = 0; i < h; i++) v[i] = entry(a, (size_t)(r + i) * a->cols + c);
  return _mm256_loadu_pd(v);
}

/* ------------------------------------------------------------------------------------------------------ */
/* gemv: out[r] = (Σ_c a[r,c]·x[c])·scale, c increasing; lanes are rows, four (short rows) or two row quads side */
/* by side. Rows of 256 entries or more go eight at a time: sixteen rows whose stride is a multiple of 4 KiB     */
/* (CIFAR's 3072 float64) all fall in one 8-way L1 set, and the sixteen streams ran at half the bandwidth        */
/* (5000×3072 float64: 9.0 ms by sixteen, 4.6–5.1 ms by eight; 20000×100: 1.1 ms by sixteen, 1.4 ms by eight).    */

AVX2 static void gemv_rows(double *out, const Mat *a, const double *x, int r0, int r1) {
  const size_t cols = a->cols, full = cols & ~(size_t)3;
  int r = r0;
  for (; cols < 256 && r + 16 <= r1; r += 16) {
    __m256d s[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd()};
    for (size_t c = 0; c < full; c += 4) {
      const __m256d x0 = _mm256_broadcast_sd(x + c), x1 = _mm256_broadcast_sd(x + c + 1);
      const __m256d x2 = _mm256_broadcast_sd(x + c + 2), x3 = _mm256_broadcast_sd(x + c + 3);
      for (int q = 0; q < 4; q++) {
        __m256d col[4];
        quad(a, r + 4 * q, c, col);
        s[q] = _mm256_add_pd(s[q], _mm256_mul_pd(col[0], x0));
        s[q] = _mm256_add_pd(s[q], _mm256_mul_pd(col[1], x1));
        s[q] = _mm256_add_pd(s[q], _mm256_mul_pd(col[2], x2));
        s[q] = _mm256_add_pd(s[q], _mm256_mul_pd(col[3], x3));
      }
    }
    for (int q = 0; q < 4; q++) {
      for (size_t c = full; c < cols; c++) s[q] = _mm256_add_pd(s[q], _mm256_mul_pd(column(a, r + 4 * q, 4, c), _mm256_broadcast_sd(x + c)));
      _mm256_storeu_pd(out + r + 4 * q, _mm256_mul_pd(s[q], _mm256_set1_pd(a->scale)));
    }
  }
  for (; r + 8 <= r1; r += 8) {
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    for (size_t c = 0; c < full; c += 4) {
      __m256d p[4], q[4];
      quad(a, r, c, p);
      quad(a, r + 4, c, q);
      for (int k = 0; k < 4; k++) {
        const __m256d xk = _mm256_broadcast_sd(x + c + k);
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(p[k], xk));
        s1 = _mm256_add_pd(s1, _mm256_mul_pd(q[k], xk));
      }
    }
    for (size_t c = full; c < cols; c++) {
      const __m256d xc = _mm256_broadcast_sd(x + c);
      s0 = _mm256_add_pd(s0, _mm256_mul_pd(column(a, r, 4, c), xc));
      s1 = _mm256_add_pd(s1, _mm256_mul_pd(column(a, r + 4, 4, c), xc));
    }
    _mm256_storeu_pd(out + r, _mm256_mul_pd(s0, _mm256_set1_pd(a->scale)));
    _mm256_storeu_pd(out + r + 4, _mm256_mul_pd(s1, _mm256_set1_pd(a->scale)));
  }
  for (; r + 4 <= r1; r += 4) {
    __m256d s = _mm256_setzero_pd();
    for (size_t c = 0; c < full; c += 4) {
      __m256d col[4];
      quad(a, r, c, col);
      for (int k = 0; k < 4; k++) s = _mm256_add_pd(s, _mm256_mul_pd(col[k], _mm256_broadcast_sd(x + c + k)));
    }
    for (size_t c = full; c < cols; c++) s = _mm256_add_pd(s, _mm256_mul_pd(column(a, r, 4, c), _mm256_broadcast_sd(x + c)));
    _mm256_storeu_pd(out + r, _mm256_mul_pd(s, _mm256_set1_pd(a->scale)));
  }
  for (; r < r1; r++) {
    double s = 0;
    for (size_t c = 0; c < cols; c++) s += entry(a, (size_t)r * cols + c) * x[c];
    out[r] = s * a->scale;
  }
}

/* ------------------------------------------------------------------------------------------------------ */
/* gemvT: out[c] = (Σ_r a[r,c]·x[r])·scale for c in [c0, c1), r increasing over the rows listed in idx (the  */
/* rows with x[r] ≠ 0): four rows are added in turn to a block of out held in registers.                      */

AVX2 static inline __m256d row4(const Mat *a, size_t r, size_t c) {
  if (a->u8) {
    uint32_t w;
    memcpy(&w, (const uint8_t *)a->data + r * a->cols + c, 4);
    return _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_cvtsi32_si128((int)w)));
  }
  return _mm256_loadu_pd((const double *)a->data + r * a->cols + c);
}

AVX2 static void gemvT_cols(double *out, const Mat *a, const double *x, const int32_t *idx, int nidx, int c0, int c1) {
  memset(out + c0, 0, sizeof(double) * (size_t)(c1 - c0));
  const int full = c0 + ((c1 - c0) & ~7);
  int k = 0;
  for (; k + 4 <= nidx; k += 4) {
    const size_t r[4] = {(size_t)idx[k], (size_t)idx[k + 1], (size_t)idx[k + 2], (size_t)idx[k + 3]};
    const __m256d s0 = _mm256_set1_pd(x[r[0]]), s1 = _mm256_set1_pd(x[r[1]]), s2 = _mm256_set1_pd(x[r[2]]), s3 = _mm256_set1_pd(x[r[3]]);
    for (int c = c0; c < full; c += 8) {
      __m256d u = _mm256_loadu_pd(out + c), v = _mm256_loadu_pd(out + c + 4);
      u = _mm256_add_pd(u, _mm256_mul_pd(row4(a, r[0], c), s0));
      v = _mm256_add_pd(v, _mm256_mul_pd(row4(a, r[0], c + 4), s0));
      u = _mm256_add_pd(u, _mm256_mul_pd(row4(a, r[1], c), s1));
      v = _mm256_add_pd(v, _mm256_mul_pd(row4(a, r[1], c + 4), s1));
      u = _mm256_add_pd(u, _mm256_mul_pd(row4(a, r[2], c), s2));
      v = _mm256_add_pd(v, _mm256_mul_pd(row4(a, r[2], c + 4), s2));
      u = _mm256_add_pd(u, _mm256_mul_pd(row4(a, r[3], c), s3));
      v = _mm256_add_pd(v, _mm256_mul_pd(row4(a, r[3], c + 4), s3));
      _mm256_storeu_pd(out + c, u);
      _mm256_storeu_pd(out + c + 4, v);
    }
    for (int c = full; c < c1; c++) {
      double s = out[c];
      for (int i = 0; i < 4; i++) s += entry(a, r[i] * a->cols + c) * x[r[i]];
      out[c] = s;
    }
  }
  for (; k < nidx; k++) {
    const size_t r = idx[k];
    for (int c = c0; c < c1; c++) out[c] += entry(a, r * a->cols + c) * x[r];
  }
  if (a->scale != 1) for (int c = c0; c < c1; c++) out[c] *= a->scale;
}

/* ------------------------------------------------------------------------------------------------------ */
/* The register tile of gemm and gemmT: h ≤ 4 rows × w ≤ 8 columns of out (row stride os) advanced over a   */
/* stream of (4 entries of a at q, 8 entries of b at bo), both contiguous, in stream order; 8 accumulators.   */
/* `fresh` starts from 0 instead of out's values; the result is multiplied by `scale` unless it is 1. With  */
/* `list`, the stream's a entries are at ap + 4·list[i] instead. With `mask` (same stride as o), the tile    */
/* stores ReLU's max(h, +0) in o and [h > 0] in mask (gemmRelu) and returns 1 if an h is not finite.        */

AVX2 static inline __m256i lanes(int w) {
  return _mm256_cmpgt_epi64(_mm256_set1_epi64x(w), _mm256_setr_epi64x(0, 1, 2, 3));
}

#define TILE_STEP(q)                                                                                     \
  do {                                                                                                   \
    const __m256d b0 = _mm256_loadu_pd(bo), b1 = _mm256_loadu_pd(bo + 4);                               \
    const __m256d a0 = _mm256_broadcast_sd(q), a1 = _mm256_broadcast_sd((q) + 1);                        \
    const __m256d a2 = _mm256_broadcast_sd((q) + 2), a3 = _mm256_broadcast_sd((q) + 3);                  \
    c00 = _mm256_add_pd(c00, _mm256_mul_pd(a0, b0));                                                     \
    c01 = _mm256_add_pd(c01, _mm256_mul_pd(a0, b1));                                                     \
    c10 = _mm256_add_pd(c10, _mm256_mul_pd(a1, b0));                                                     \
    c11 = _mm256_add_pd(c11, _mm256_mul_pd(a1, b1));                                                     \
    c20 = _mm256_add_pd(c20, _mm256_mul_pd(a2, b0));                                                     \
    c21 = _mm256_add_pd(c21, _mm256_mul_pd(a2, b1));                                                     \
    c30 = _mm256_add_pd(c30, _mm256_mul_pd(a3, b0));                                                     \
    c31 = _mm256_add_pd(c31, _mm256_mul_pd(a3, b1));                                                     \
    bo += 8;                                                                                             \
  } while (0)

AVX2 static int tile(double *o, size_t os, int h, int w, int fresh, const double *ap, const int32_t *list, int count,
                     const double *bo, double scale, double *mask) {
  const __m256i m0 = lanes(w), m1 = lanes(w - 4);
  const __m256d z = _mm256_setzero_pd();
  __m256d c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
  /* Masked loads and stores only at the right edge: on AMD CPUs they are much slower than plain ones. */
  const int whole = w >= 8;
#define LOAD(p, m) (whole ? _mm256_loadu_pd(p) : _mm256_maskload_pd(p, m))
#define STORE(p, m, v) (whole ? _mm256_storeu_pd(p, v) : _mm256_maskstore_pd(p, m, v))
  if (!fresh) {
    c00 = LOAD(o, m0), c01 = LOAD(o + 4, m1);
    if (h > 1) c10 = LOAD(o + os, m0), c11 = LOAD(o + os + 4, m1);
    if (h > 2) c20 = LOAD(o + 2 * os, m0), c21 = LOAD(o + 2 * os + 4, m1);
    if (h > 3) c30 = LOAD(o + 3 * os, m0), c31 = LOAD(o + 3 * os + 4, m1);
  }
  if (list == NULL) {
    for (const double *q = ap, *e = ap + 4 * (size_t)count; q < e; q += 4) TILE_STEP(q);
  } else {
    for (int k = 0; k < count; k++) TILE_STEP(ap + 4 * (size_t)list[k]);
  }
  if (scale != 1) {
    const __m256d s = _mm256_set1_pd(scale);
    c00 = _mm256_mul_pd(c00, s), c01 = _mm256_mul_pd(c01, s), c10 = _mm256_mul_pd(c10, s), c11 = _mm256_mul_pd(c11, s);
    c20 = _mm256_mul_pd(c20, s), c21 = _mm256_mul_pd(c21, s), c30 = _mm256_mul_pd(c30, s), c31 = _mm256_mul_pd(c31, s);
  }
  int bad = 0;
  if (mask != NULL) {
    /* Lanes past h rows or w columns hold 0 (their a or b entries were packed as 0): they change no flag. */
    const __m256d one = _mm256_set1_pd(1);
    const __m256i expo = _mm256_set1_epi64x(0x7ff0000000000000ll);
    __m256i nf = _mm256_setzero_si256();
#define RELU(c, p, m)                                                                                      \
  do {                                                                                                     \
    nf = _mm256_or_si256(nf, _mm256_cmpeq_epi64(_mm256_and_si256(_mm256_castpd_si256(c), expo), expo));    \
    STORE(p, m, _mm256_and_pd(_mm256_cmp_pd(c, z, _CMP_GT_OQ), one));                                      \
    c = _mm256_max_pd(c, z); /* the second operand when either is NaN or both are zeros: +0 */             \
  } while (0)
    RELU(c00, mask, m0);
    RELU(c01, mask + 4, m1);
    if (h > 1) {
      RELU(c10, mask + os, m0);
      RELU(c11, mask + os + 4, m1);
    }
    if (h > 2) {
      RELU(c20, mask + 2 * os, m0);
      RELU(c21, mask + 2 * os + 4, m1);
    }
    if (h > 3) {
      RELU(c30, mask + 3 * os, m0);
      RELU(c31, mask + 3 * os + 4, m1);
    }
#undef RELU
    bad = !_mm256_testz_si256(nf, nf);
  }
  STORE(o, m0, c00), STORE(o + 4, m1, c01);
  if (h > 1) STORE(o + os, m0, c10), STORE(o + os + 4, m1, c11);
  if (h > 2) STORE(o + 2 * os, m0, c20), STORE(o + 2 * os + 4, m1, c21);
  if (h > 3) STORE(o + 3 * os, m0, c30), STORE(o + 3 * os + 4, m1, c31);
#undef LOAD
#undef STORE
  return bad;
}

/* ------------------------------------------------------------------------------------------------------ */
/* gemm: out[r, j] = (Σ_c a[r,c]·b[c,j])·scale, c increasing, for r in [r0, r1); b cols×n, out rows×n.       */
/* b is packed in panels of 8 columns, bp[(p·cols + c)·8 + jj] = b[c, 8p + jj] (0 past n); each block of 4   */
/* rows of a is packed interleaved, ap[c·4 + i] = a[r + i, c], so the tile reads two contiguous streams.     */

enum { KC = 256 };

static void pack_b(double *bp, const double *b, int cols, int n) {
  const int panels = (n + 7) / 8;
  for (int p = 0; p < panels; p++) {
    for (int c = 0; c < cols; c++) {
      double *d = bp + ((size_t)p * cols + c) * 8;
      for (int j = 0; j < 8; j++) d[j] = 8 * p + j < n ? b[(size_t)c * n + 8 * p + j] : 0;
    }
  }
}

AVX2 static void pack_rows(double *ap, const Mat *a, int r, int h) {
  const size_t cols = a->cols;
  size_t c = 0;
  if (h == 4) {
    for (; c + 4 <= cols; c += 4) {
      __m256d col[4];
      quad(a, r, c, col);
      for (int k = 0; k < 4; k++) _mm256_storeu_pd(ap + 4 * (c + k), col[k]);
    }
  }
  for (; c < cols; c++) _mm256_storeu_pd(ap + 4 * c, column(a, r, h, c));
}

/* With mask (gemmRelu), the last pass stores ReLU's out and mask; returns 1 if an entry of the product is not finite. */
AVX2 static int gemm_rows(double *out, double *mask, const Mat *a, const double *bp, int n, int r0, int r1, double *ap) {
  const int cols = a->cols, panels = (n + 7) / 8;
  int bad = 0;
  for (int r = r0; r < r1; r += 4) {
    const int h = r1 - r < 4 ? r1 - r : 4;
    pack_rows(ap, a, r, h);
    /* KC columns per pass: a tile's partial sums wait in out between passes (a float64 store and load */
    /* change nothing); the scale and ReLU are applied after the last pass.                                */
    for (int k0 = 0; k0 < cols; k0 += KC) {
      const int k1 = k0 + KC < cols ? k0 + KC : cols;
      for (int p = 0; p < panels; p++) {
        const size_t at = (size_t)r * n + 8 * p;
        bad |= tile(out + at, n, h, n - 8 * p, k0 == 0, ap + 4 * (size_t)k0, NULL, k1 - k0, bp + ((size_t)p * cols + k0) * 8,
                    k1 == cols ? a->scale : 1, k1 == cols && mask != NULL ? mask + at : NULL);
      }
    }
  }
  return bad;
}

/* ------------------------------------------------------------------------------------------------------ */
/* gemmT: out[c, j] = (Σ_r a[r,c]·b[r,j])·scale, r increasing over the rows listed in idx (rows of b not all */
/* zero), for c in [c0, c1); b rows×n, out cols×n. Rows are taken kr at a time: their b rows are packed in  */
/* panels of 8 columns, each panel without its all-zero rows (exact; in step-size sweeps the runs with     */
/* large steps give many samples weight exactly 0), and 4 columns of a at a time as kr×4 float64 (uint8 a: four such */
/* blocks from one 16-byte read per row).                                                                     */

AVX2 static void gemmT_cols(double *out, const Mat *a, const double *b, const int32_t *idx, int nidx, int n, int c0, int c1,
                            int kr, double *ap, double *bp, int32_t *lists) {
  const int panels = (n + 7) / 8;
  const size_t cols = a->cols;
  int counts[panels > 0 ? panels : 1];
  memset(out + (size_t)c0 * n, 0, sizeof(double) * (size_t)(c1 - c0) * n);
  for (int k0 = 0; k0 < nidx; k0 += kr) {
    const int kn = nidx - k0 < kr ? nidx - k0 : kr;
    const int32_t *ix = idx + k0;
    for (int p = 0; p < panels; p++) {
      double *d = bp + (size_t)p * kr * 8;
      int32_t *list = lists + (size_t)p * kr;
      int m = 0;
      for (int k = 0; k < kn; k++) {
        const double *src = b + (size_t)ix[k] * n + 8 * p;
        int nonzero = 0;
        for (int j = 0; j < 8 && 8 * p + j < n; j++) nonzero |= src[j] != 0;
        if (!nonzero) continue;
        for (int j = 0; j < 8; j++) d[(size_t)m * 8 + j] = 8 * p + j < n ? src[j] : 0;
        list[m++] = k;
      }
      counts[p] = m;
    }
    /* uint8 a: four blocks of 4 columns are packed together from one 16-byte read per row (25–40 % less time for */
    /* W1's 13 columns than four 4-byte reads); float64 a gains nothing from it (measured) and packs one block.     */
    const int step = a->u8 ? 16 : 4;
    for (int cg = c0; cg < c1; cg += step) {
      const int g = c1 - cg < step ? c1 - cg : step, blocks = (g + 3) / 4;
      for (int k = 0; k < kn; k++) {
        const size_t r = ix[k];
        double *d = ap + 4 * (size_t)k;
        if (g == 16) {
          const __m128i x = _mm_loadu_si128((const __m128i *)((const uint8_t *)a->data + r * cols + cg));
          _mm256_storeu_pd(d, _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(x)));
          _mm256_storeu_pd(d + 4 * (size_t)kr, _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_srli_si128(x, 4))));
          _mm256_storeu_pd(d + 8 * (size_t)kr, _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_srli_si128(x, 8))));
          _mm256_storeu_pd(d + 12 * (size_t)kr, _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_srli_si128(x, 12))));
          continue;
        }
        for (int b = 0; b < blocks; b++) {
          const int cb = cg + 4 * b, h = c1 - cb < 4 ? c1 - cb : 4;
          if (h == 4) _mm256_storeu_pd(d + 4 * (size_t)kr * b, row4(a, r, cb));
          else for (int i = 0; i < 4; i++) d[4 * (size_t)kr * b + i] = i < h ? entry(a, r * cols + cb + i) : 0;
        }
      }
      for (int b = 0; b < blocks; b++) {
        const int cb = cg + 4 * b, h = c1 - cb < 4 ? c1 - cb : 4;
        for (int p = 0; p < panels; p++) {
          if (counts[p] == 0) continue;
          tile(out + (size_t)cb * n + 8 * p, n, h, n - 8 * p, 0, ap + 4 * (size_t)kr * b, counts[p] == kn ? NULL : lists + (size_t)p * kr,
               counts[p], bp + (size_t)p * kr * 8, 1, NULL);
        }
      }
    }
  }
  if (a->scale != 1) for (size_t i = (size_t)c0 * n; i < (size_t)c1 * n; i++) out[i] *= a->scale;
}

/* ------------------------------------------------------------------------------------------------------ */
/* gemmT for a b with many zero entries (e.g. a ReLU network's backward pass): out[c, j] = (Σ_r a[r,c]·b[r,j])·scale */
/* summed over the rows r with b[r,j] ≠ 0 only (exact on finite inputs), for j in [j0, j1). With u and v, the      */
/* operand is (u[r]·v[j])·b[r,j] instead, computed as it is listed (gemmTScaled); returns 1 if one of those is not  */
/* finite (the caller then lets the reference decide), else 0.                                                      */
/* Per panel of SR rows: (1) the nonzero b[r,j] of each column j are listed, r increasing, with r's offset in the    */
/* packed panel — rows 4 at a time, b's 4×4 blocks transposed and each column's nonzeros left-packed by a            */
/* permutation looked up from its nonzero mask; (2) up to CG columns of the panel's a rows are packed, 32 columns    */
/* per slice (rows of a power-of-two stride would fight over a few cache sets), each row read contiguously;         */
/* (3) per slice, outᵀ[j, its 32 columns] — 8 accumulators — is advanced by b[r,j]·a[r, columns] over column j's    */
/* list. outT (n×cols) is transposed into out at the end. Measured on W3's backward (4096×256, half zeros) against  */
/* one-entry-at-a-time lists and per-slice packing: list 2.5 → 1.5 ms, packing 1.6 → 0.9 ms.                       */

enum { SR = 128, CG = 256 };

/* Left-packing permutations for a 4-lane nonzero mask: float64 lanes (as 32-bit pairs) and lane numbers. */
static const int32_t PACK_F64[16][8] = {{0, 1, 0, 1, 0, 1, 0, 1}, {0, 1, 0, 1, 0, 1, 0, 1}, {2, 3, 0, 1, 0, 1, 0, 1}, {0, 1, 2, 3, 0, 1, 0, 1},
                                        {4, 5, 0, 1, 0, 1, 0, 1}, {0, 1, 4, 5, 0, 1, 0, 1}, {2, 3, 4, 5, 0, 1, 0, 1}, {0, 1, 2, 3, 4, 5, 0, 1},
                                        {6, 7, 0, 1, 0, 1, 0, 1}, {0, 1, 6, 7, 0, 1, 0, 1}, {2, 3, 6, 7, 0, 1, 0, 1}, {0, 1, 2, 3, 6, 7, 0, 1},
                                        {4, 5, 6, 7, 0, 1, 0, 1}, {0, 1, 4, 5, 6, 7, 0, 1}, {2, 3, 4, 5, 6, 7, 0, 1}, {0, 1, 2, 3, 4, 5, 6, 7}};
static const int32_t PACK_LANE[16][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {2, 0, 0, 0}, {0, 2, 0, 0},
                                         {1, 2, 0, 0}, {0, 1, 2, 0}, {3, 0, 0, 0}, {0, 3, 0, 0}, {1, 3, 0, 0}, {0, 1, 3, 0},
                                         {2, 3, 0, 0}, {0, 2, 3, 0}, {1, 2, 3, 0}, {0, 1, 2, 3}};

/* One entry of the listing, for the rows and columns outside the 4×4 blocks; returns whether e is not finite. */
static inline int list_one(double e, int32_t off, int32_t *rs, double *vs, int *count) {
  rs[*count] = off;
  vs[*count] = e;
  *count += e != 0;
  uint64_t bits;
  memcpy(&bits, &e, 8);
  return (~bits & 0x7ff0000000000000ull) == 0;
}

/* Step (1) for rows [r0, r1): list j at rowsBuf/valsBuf + (j − j0)·SR, its length in counts[j − j0]; 1 if an entry (u given) is not finite. */
AVX2 static int list_panel(const double *b, const double *u, const double *v, int n, int j0, int j1, size_t r0, size_t r1,
                           int32_t *rowsBuf, double *valsBuf, int *counts) {
  const __m256i expo = _mm256_set1_epi64x(0x7ff0000000000000ll);
  __m256i badv = _mm256_setzero_si256();
  int bad = 0;
  const int jq = j0 + ((j1 - j0) & ~3);
  for (int j = j0; j < j1; j++) counts[j - j0] = 0;
  size_t r = r0;
  for (; r + 4 <= r1; r += 4) {
    const __m128i base = _mm_set1_epi32((int32_t)(r - r0) * 32);
    const __m256d u4 = u != NULL ? _mm256_loadu_pd(u + r) : _mm256_setzero_pd();
    const double *b0 = b + r * n;
    for (int jb = j0; jb < jq; jb += 4) {
      __m256d col[4];
      const double *p[4] = {b0 + jb, b0 + n + jb, b0 + 2 * (size_t)n + jb, b0 + 3 * (size_t)n + jb};
      quad_f64(p, 0, col);
      for (int q = 0; q < 4; q++) {
        const int j = jb + q;
        __m256d e = col[q];
        if (u != NULL) {
          e = _mm256_mul_pd(_mm256_mul_pd(u4, _mm256_broadcast_sd(v + j)), e);
          badv = _mm256_or_si256(badv, _mm256_cmpeq_epi64(_mm256_and_si256(_mm256_castpd_si256(e), expo), expo));
        }
        const int mask = _mm256_movemask_pd(_mm256_cmp_pd(e, _mm256_setzero_pd(), _CMP_NEQ_UQ));
        const int at = counts[j - j0];
        const __m256i perm = _mm256_loadu_si256((const __m256i *)PACK_F64[mask]);
        _mm256_storeu_pd(valsBuf + (size_t)(j - j0) * SR + at, _mm256_castps_pd(_mm256_permutevar8x32_ps(_mm256_castpd_ps(e), perm)));
        const __m128i lanes = _mm_slli_epi32(_mm_loadu_si128((const __m128i *)PACK_LANE[mask]), 5);
        _mm_storeu_si128((__m128i *)(rowsBuf + (size_t)(j - j0) * SR + at), _mm_add_epi32(base, lanes));
        counts[j - j0] = at + __builtin_popcount(mask);
      }
    }
    for (int j = jq; j < j1; j++) {
      for (size_t i = r; i < r + 4; i++) {
        const double e = u != NULL ? (u[i] * v[j]) * b[i * n + j] : b[i * n + j];
        bad |= list_one(e, (int32_t)(i - r0) * 32, rowsBuf + (size_t)(j - j0) * SR, valsBuf + (size_t)(j - j0) * SR, &counts[j - j0]);
      }
    }
  }
  for (; r < r1; r++) {
    for (int j = j0; j < j1; j++) {
      const double e = u != NULL ? (u[r] * v[j]) * b[r * n + j] : b[r * n + j];
      bad |= list_one(e, (int32_t)(r - r0) * 32, rowsBuf + (size_t)(j - j0) * SR, valsBuf + (size_t)(j - j0) * SR, &counts[j - j0]);
    }
  }
  uint64_t bb[4];
  _mm256_storeu_si256((__m256i *)bb, badv);
  /* Without u, b was checked finite before (and the scalar entries' flags are not wanted). */
  return u != NULL && (bad || (bb[0] | bb[1] | bb[2] | bb[3]) != 0);
}

AVX2 static int gemmT_sparse(double *out, double *outT, const Mat *a, const double *b, const double *u, const double *v,
                             int n, int j0, int j1, int32_t *rowsBuf, double *valsBuf, int *counts, double *packed) {
  const size_t rows = a->rows, cols = a->cols, full = cols & ~(size_t)31;
  int bad = 0;
  memset(outT + (size_t)j0 * cols, 0, sizeof(double) * (size_t)(j1 - j0) * cols);
  for (size_t r0 = 0; r0 < rows; r0 += SR) {
    const size_t r1 = r0 + SR < rows ? r0 + SR : rows;
    bad |= list_panel(b, u, v, n, j0, j1, r0, r1, rowsBuf, valsBuf, counts);
    for (size_t cs = 0; cs < full; cs += CG) {
      const size_t ce = cs + CG < full ? cs + CG : full;
      for (size_t r = r0; r < r1; r++) {
        for (size_t c = cs; c < ce; c += 4) _mm256_storeu_pd(packed + (c - cs) / 32 * SR * 32 + (r - r0) * 32 + (c & 31), row4(a, r, c));
      }
      for (size_t c = cs; c < ce; c += 32) {
        const double *slice = packed + (c - cs) / 32 * SR * 32;
        for (int j = j0; j < j1; j++) {
          const int m = counts[j - j0];
          if (m == 0) continue;
          const int32_t *rs = rowsBuf + (size_t)(j - j0) * SR;
          const double *vs = valsBuf + (size_t)(j - j0) * SR;
          double *o = outT + (size_t)j * cols + c;
          __m256d s0 = _mm256_loadu_pd(o), s1 = _mm256_loadu_pd(o + 4), s2 = _mm256_loadu_pd(o + 8), s3 = _mm256_loadu_pd(o + 12);
          __m256d s4 = _mm256_loadu_pd(o + 16), s5 = _mm256_loadu_pd(o + 20), s6 = _mm256_loadu_pd(o + 24), s7 = _mm256_loadu_pd(o + 28);
          for (int k = 0; k < m; k++) {
            const double *p = slice + rs[k];
            const __m256d e = _mm256_broadcast_sd(vs + k);
            s0 = _mm256_add_pd(s0, _mm256_mul_pd(_mm256_loadu_pd(p), e));
            s1 = _mm256_add_pd(s1, _mm256_mul_pd(_mm256_loadu_pd(p + 4), e));
            s2 = _mm256_add_pd(s2, _mm256_mul_pd(_mm256_loadu_pd(p + 8), e));
            s3 = _mm256_add_pd(s3, _mm256_mul_pd(_mm256_loadu_pd(p + 12), e));
            s4 = _mm256_add_pd(s4, _mm256_mul_pd(_mm256_loadu_pd(p + 16), e));
            s5 = _mm256_add_pd(s5, _mm256_mul_pd(_mm256_loadu_pd(p + 20), e));
            s6 = _mm256_add_pd(s6, _mm256_mul_pd(_mm256_loadu_pd(p + 24), e));
            s7 = _mm256_add_pd(s7, _mm256_mul_pd(_mm256_loadu_pd(p + 28), e));
          }
          _mm256_storeu_pd(o, s0), _mm256_storeu_pd(o + 4, s1), _mm256_storeu_pd(o + 8, s2), _mm256_storeu_pd(o + 12, s3);
          _mm256_storeu_pd(o + 16, s4), _mm256_storeu_pd(o + 20, s5), _mm256_storeu_pd(o + 24, s6), _mm256_storeu_pd(o + 28, s7);
        }
      }
    }
    for (int j = j0; j < j1; j++) {
      const int32_t *rs = rowsBuf + (size_t)(j - j0) * SR;
      const double *vs = valsBuf + (size_t)(j - j0) * SR;
      double *o = outT + (size_t)j * cols;
      for (size_t c = full; c < cols; c++) {
        double s = o[c];
        for (int k = 0; k < counts[j - j0]; k++) s += entry(a, (r0 + (size_t)rs[k] / 32) * cols + c) * vs[k];
        o[c] = s;
      }
    }
  }
  for (int j = j0; j < j1; j++) {
    const double *o = outT + (size_t)j * cols;
    for (size_t c = 0; c < cols; c++) out[c * n + j] = a->scale != 1 ? o[c] * a->scale : o[c];
  }
  return bad;
}

/* ------------------------------------------------------------------------------------------------------ */
/* Jobs and threads.                                                                                          */

typedef struct {
  int op; /* 1 gemv, 2 gemvT, 3 gemm, 4 gemmT, 5 sparse gemmT */
  double *out;
  double *outT; /* sparse gemmT: n×cols */
  size_t outLen, xLen;
  Mat a;
  const double *x; /* x, or b (gemmT), or packed b (gemm) */
  const double *u, *v; /* sparse gemmT of the scaled operand (u[r]·v[j])·b[r,j] (gemmTScaled), else NULL */
  const int32_t *idx;
  double *mask; /* gemmRelu: ReLU's mask output (then out gets max(h, +0)), else NULL */
  int *nonfinite; /* gemmRelu: set to 1 by a share that met a non-finite entry of the product */
  int nidx, n, kr;
  int id, nt;
} Job;

static void *run_share(void *arg) {
  Job *j = arg;
  switch (j->op) {
    case 1:
      gemv_rows(j->out, &j->a, j->x, share(j->a.rows, 4, j->id, j->nt), share(j->a.rows, 4, j->id + 1, j->nt));
      break;
    case 2:
      gemvT_cols(j->out, &j->a, j->x, j->idx, j->nidx, share(j->a.cols, 8, j->id, j->nt), share(j->a.cols, 8, j->id + 1, j->nt));
      break;
    case 3: {
      double *ap = aligned_alloc(64, sizeof(double) * 4 * ((size_t)j->a.cols + 8));
      if (ap == NULL) return (void *)1;
      if (gemm_rows(j->out, j->mask, &j->a, j->x, j->n, share(j->a.rows, 4, j->id, j->nt), share(j->a.rows, 4, j->id + 1, j->nt), ap)) {
        __atomic_store_n(j->nonfinite, 1, __ATOMIC_RELAXED);
      }
      free(ap);
      break;
    }
    case 4: {
      const int panels = (j->n + 7) / 8;
      double *ap = aligned_alloc(64, sizeof(double) * 16 * (size_t)j->kr); /* up to four packed 4-column blocks */
      double *bp = aligned_alloc(64, sizeof(double) * 8 * (size_t)j->kr * (size_t)panels);
      int32_t *lists = malloc(sizeof(int32_t) * (size_t)j->kr * (size_t)panels);
      if (ap == NULL || bp == NULL || lists == NULL) {
        free(ap), free(bp), free(lists);
        return (void *)1;
      }
      gemmT_cols(j->out, &j->a, j->x, j->idx, j->nidx, j->n, share(j->a.cols, 4, j->id, j->nt), share(j->a.cols, 4, j->id + 1, j->nt),
                 j->kr, ap, bp, lists);
      free(ap), free(bp), free(lists);
      break;
    }
    case 5: {
      const int j0 = share(j->n, 1, j->id, j->nt), j1 = share(j->n, 1, j->id + 1, j->nt);
      const size_t w = (size_t)(j1 - j0) + 1;
      int32_t *rowsBuf = malloc(sizeof(int32_t) * SR * w);
      double *valsBuf = malloc(sizeof(double) * SR * w);
      int *counts = malloc(sizeof(int) * w);
      double *packed = aligned_alloc(64, sizeof(double) * SR * CG);
      if (rowsBuf == NULL || valsBuf == NULL || counts == NULL || packed == NULL) {
        free(rowsBuf), free(valsBuf), free(counts), free(packed);
        return (void *)1;
      }
      const int bad = gemmT_sparse(j->out, j->outT, &j->a, j->x, j->u, j->v, j->n, j0, j1, rowsBuf, valsBuf, counts, packed);
      free(rowsBuf), free(valsBuf), free(counts), free(packed);
      if (bad) return (void *)1;
      break;
    }
  }
  return NULL;
}

/* Runs the job's shares on nt threads (the caller's included); 0 on success. */
static int run_job(Job job, int nt) {
  if (nt > 64) nt = 64;
  Job jobs[64];
  pthread_t th[64];
  int started[64] = {0};
  for (int i = 0; i < nt; i++) {
    jobs[i] = job;
    jobs[i].id = i;
    jobs[i].nt = nt;
  }
  for (int i = 1; i < nt; i++) started[i] = pthread_create(&th[i], NULL, run_share, &jobs[i]) == 0;
  int failed = 0;
  for (int i = 1; i < nt; i++) if (!started[i]) failed |= run_share(&jobs[i]) != NULL; /* no thread: do it here */
  failed |= run_share(&jobs[0]) != NULL;
  for (int i = 1; i < nt; i++) {
    void *r = NULL;
    if (started[i]) pthread_join(th[i], &r);
    failed |= r != NULL;
  }
  return failed;
}

/* ------------------------------------------------------------------------------------------------------ */
/* Node-API glue. Every kernel returns true when it wrote out, false when an input was not finite (or      */
/* memory ran out): the JS side then calls the reference.                                                    */

static napi_value boolean(napi_env env, int b) {
  napi_value v;
  napi_get_boolean(env, b, &v);
  return v;
}

/* The typed array's data; *u8 says whether it holds uint8 (else float64). NULL on a wrong argument. */
static void *array(napi_env env, napi_value v, int *u8, size_t *len) {
  napi_typedarray_type type;
  void *data;
  napi_value buf;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, len, &data, &buf, &offset) != napi_ok) return NULL;
  if (type != napi_float64_array && type != napi_uint8_array) return NULL;
  if (u8) *u8 = type == napi_uint8_array;
  return data;
}

static double number(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

/* args: out, a, x, rows, cols, scale, threads, minWork, [n, checkA]; below minWork multiply-adds one thread works. */
static int parse(napi_env env, napi_callback_info info, size_t want, napi_value *args, Job *job, int *threads, double *minWork) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, args, NULL, NULL) != napi_ok || argc < want) return 0;
  size_t lo, la, lx;
  int u8 = 0;
  memset(job, 0, sizeof *job);
  job->out = array(env, args[0], NULL, &lo);
  job->a.data = array(env, args[1], &u8, &la);
  job->x = array(env, args[2], NULL, &lx);
  job->outLen = lo;
  job->xLen = lx;
  job->a.u8 = u8;
  job->a.rows = (int)number(env, args[3]);
  job->a.cols = (int)number(env, args[4]);
  job->a.scale = number(env, args[5]);
  *threads = (int)number(env, args[6]);
  if (*threads < 1) *threads = 1;
  *minWork = number(env, args[7]);
  if (job->out == NULL || job->a.data == NULL || job->x == NULL) return 0;
  return la >= (size_t)job->a.rows * job->a.cols;
}

static napi_value js_gemv(napi_env env, napi_callback_info info) {
  napi_value args[8];
  Job job;
  int nt;
  double minWork;
  if (!parse(env, info, 8, args, &job, &nt, &minWork) || job.outLen < (size_t)job.a.rows || job.xLen < (size_t)job.a.cols ||
      !all_finite(job.x, job.a.cols)) return boolean(env, 0);
  job.op = 1;
  if ((double)job.a.rows * job.a.cols < minWork) nt = 1;
  return boolean(env, run_job(job, nt) == 0);
}

static napi_value js_gemvT(napi_env env, napi_callback_info info) {
  napi_value args[8];
  Job job;
  int nt;
  double minWork;
  if (!parse(env, info, 8, args, &job, &nt, &minWork) || job.outLen < (size_t)job.a.cols || job.xLen < (size_t)job.a.rows ||
      !all_finite(job.x, job.a.rows)) return boolean(env, 0);
  int32_t *idx = malloc(sizeof(int32_t) * ((size_t)job.a.rows + 1));
  if (idx == NULL) return boolean(env, 0);
  for (int r = 0; r < job.a.rows; r++) if (job.x[r] != 0) idx[job.nidx++] = r;
  job.op = 2;
  job.idx = idx;
  if ((double)job.nidx * job.a.cols < minWork) nt = 1;
  const int failed = run_job(job, nt);
  free(idx);
  return boolean(env, !failed);
}

/* args: out, a, b, rows, cols, scale, threads, minWork, n, checkA */
/* gemm(out, a, b, rows, cols, scale, threads, minWork, n, checkA) and gemmRelu(…, n, mask): −1 when not done (an */
/* input not finite, or out of memory), else for gemmRelu whether every entry of the product is finite.              */
static int gemm_call(napi_env env, napi_callback_info info, int relu) {
  napi_value args[10];
  Job job;
  int nt, nonfinite = 0;
  double minWork;
  if (!parse(env, info, 10, args, &job, &nt, &minWork)) return -1;
  const int n = (int)number(env, args[8]);
  const size_t cols = job.a.cols, rows = job.a.rows;
  size_t lm = 0;
  const int checkA = relu ? 0 : (int)number(env, args[9]);
  if (relu) job.mask = array(env, args[9], NULL, &lm);
  if (n < 1 || job.outLen < rows * n || job.xLen < cols * n || (relu && (job.mask == NULL || lm < rows * n))) return -1;
  if (!all_finite(job.x, cols * n) || (checkA && !job.a.u8 && !all_finite(job.a.data, rows * cols))) return -1;
  double *bp = aligned_alloc(64, sizeof(double) * 8 * (cols + 1) * (size_t)((n + 7) / 8));
  if (bp == NULL) return -1;
  pack_b(bp, job.x, (int)cols, n);
  job.op = 3;
  job.x = bp;
  job.n = n;
  job.nonfinite = &nonfinite;
  if ((double)rows * cols * n < minWork) nt = 1;
  const int failed = run_job(job, nt);
  free(bp);
  return failed ? -1 : !nonfinite;
}

static napi_value js_gemm(napi_env env, napi_callback_info info) { return boolean(env, gemm_call(env, info, 0) >= 0); }

static napi_value js_gemmRelu(napi_env env, napi_callback_info info) {
  napi_value v;
  napi_create_int32(env, gemm_call(env, info, 1), &v);
  return v;
}

/* When the sparse gemmT pays: n ≥ 8 columns of b, a ≥ 32 columns, a quarter or more of b's entries zero. */
static int sparse_enough(int cols, int n, size_t rows, size_t zeros) { return n >= 8 && cols >= 32 && zeros * 4 >= rows * n; }

/* The sparse gemmT job (op 5) for `nonzeros` entries of b; 1 on success. */
static int run_sparse(Job job, int n, size_t nonzeros, int nt, double minWork) {
  job.outT = malloc(sizeof(double) * (size_t)n * job.a.cols);
  if (job.outT == NULL) return 0;
  job.op = 5;
  job.n = n;
  if ((double)nonzeros * job.a.cols < minWork) nt = 1;
  const int failed = run_job(job, nt);
  free(job.outT);
  return !failed;
}

static napi_value js_gemmT(napi_env env, napi_callback_info info) {
  napi_value args[10];
  Job job;
  int nt;
  double minWork;
  if (!parse(env, info, 10, args, &job, &nt, &minWork)) return boolean(env, 0);
  const int n = (int)number(env, args[8]);
  const int checkA = (int)number(env, args[9]);
  const size_t rows = job.a.rows;
  if (n < 1 || job.outLen < (size_t)job.a.cols * n || job.xLen < rows * n) return boolean(env, 0);
  size_t zeros;
  if (!finite_zeros(job.x, rows * n, &zeros) || (checkA && !job.a.u8 && !all_finite(job.a.data, rows * job.a.cols))) return boolean(env, 0);
  /* Many zero entries scattered over b (not whole rows): the sparse kernel does only the nonzero products. */
  if (sparse_enough(job.a.cols, n, rows, zeros)) return boolean(env, run_sparse(job, n, rows * n - zeros, nt, minWork));
  int32_t *idx = malloc(sizeof(int32_t) * (rows + 1));
  if (idx == NULL) return boolean(env, 0);
  for (size_t r = 0; r < rows; r++) {
    for (int j = 0; j < n; j++) {
      if (job.x[r * n + j] != 0) {
        idx[job.nidx++] = (int32_t)r;
        break;
      }
    }
  }
  job.op = 4;
  job.idx = idx;
  job.n = n;
  const int panels = (n + 7) / 8;
  job.kr = (1 << 18) / (128 + 68 * panels); /* packed a, b panels and row lists in about 256 KiB */
  if (job.kr < 4) job.kr = 4;
  if (job.kr > 256) job.kr = 256;
  if ((double)job.nidx * job.a.cols * n < minWork) nt = 1;
  const int failed = run_job(job, nt);
  free(idx);
  return boolean(env, !failed);
}

/* gemmTScaled(out, a, m, rows, cols, scale, threads, minWork, n, u, v): out = aᵀ·B with B[r,j] = (u[r]·v[j])·m[r,j], */
/* by the sparse gemmT without forming B. False when m is not sparse enough or u or v is not finite (nothing is    */
/* written then), or when an entry of B is not finite — an overflow, or a non-finite m (out partly written): the JS */
/* side then forms B and calls gemmT.                                                                               */
static napi_value js_gemmTScaled(napi_env env, napi_callback_info info) {
  napi_value args[11];
  Job job;
  int nt;
  double minWork;
  if (!parse(env, info, 11, args, &job, &nt, &minWork)) return boolean(env, 0);
  const int n = (int)number(env, args[8]);
  size_t lu, lv;
  job.u = array(env, args[9], NULL, &lu);
  job.v = array(env, args[10], NULL, &lv);
  const size_t rows = job.a.rows;
  if (job.u == NULL || job.v == NULL || n < 1 || lu < rows || lv < (size_t)n || job.outLen < (size_t)job.a.cols * n || job.xLen < rows * n) {
    return boolean(env, 0);
  }
  /* Sparse enough is judged on up to 64 rows spread over m (the result does not depend on the choice, only the */
  /* time does); m's finiteness is not scanned for: a non-finite m makes a listed entry non-finite, which fails.   */
  const size_t sampled = rows < 64 ? rows : 64;
  size_t zeros = 0;
  for (size_t k = 0; k < sampled; k++) {
    const double *row = job.x + (k * rows / sampled) * n;
    for (int j = 0; j < n; j++) zeros += row[j] == 0;
  }
  if (!sparse_enough(job.a.cols, n, sampled, zeros)) return boolean(env, 0);
  if (!all_finite(job.u, rows) || !all_finite(job.v, n)) return boolean(env, 0);
  return boolean(env, run_sparse(job, n, (size_t)((double)(sampled * n - zeros) / (double)sampled * (double)rows), nt, minWork));
}

/* allFinite(float64 array): the JS side asks once per matrix. */
static napi_value js_allFinite(napi_env env, napi_callback_info info) {
  size_t argc = 1, len;
  napi_value arg;
  int u8;
  napi_get_cb_info(env, info, &argc, &arg, NULL, NULL);
  const void *data = argc == 1 ? array(env, arg, &u8, &len) : NULL;
  return boolean(env, data != NULL && (u8 || all_finite(data, len)));
}

static napi_value js_avx2(napi_env env, napi_callback_info info) {
  (void)info;
  __builtin_cpu_init();
  return boolean(env, __builtin_cpu_supports("avx2"));
}

NAPI_MODULE_INIT() {
  const napi_property_descriptor props[] = {
    {"gemv", NULL, js_gemv, NULL, NULL, NULL, napi_default, NULL},
    {"gemvT", NULL, js_gemvT, NULL, NULL, NULL, napi_default, NULL},
    {"gemm", NULL, js_gemm, NULL, NULL, NULL, napi_default, NULL},
    {"gemmRelu", NULL, js_gemmRelu, NULL, NULL, NULL, napi_default, NULL},
    {"gemmT", NULL, js_gemmT, NULL, NULL, NULL, napi_default, NULL},
    {"gemmTScaled", NULL, js_gemmTScaled, NULL, NULL, NULL, napi_default, NULL},
    {"allFinite", NULL, js_allFinite, NULL, NULL, NULL, napi_default, NULL},
    {"avx2", NULL, js_avx2, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
