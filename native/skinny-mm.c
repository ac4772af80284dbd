/*
 * Skinny dense products of a tall row-major X (n x d) with a thin operand, in one pass over X:
 *   X %*% V          (V d x k, k small)   tessera_skinny_mm_rows
 *   t(X) %*% W       (W n x k, k small)   tessera_skinny_tmm_rows
 *   t(X) %*% (w * (X %*% v))              tessera_skinny_mmchain_rows
 * The iterative algorithms (lmCG, l2svm, multiLogReg, kmeans, glm) spend most of their time here.
 * OpenBLAS dgemv/dgemm reach a fraction of memory bandwidth on these shapes; these loops stream X
 * once and keep everything else in registers or L1.
 *
 * Each works on a row range r0..r1 so that the caller can split X over threads. Every output cell
 * is computed in an order that depends only on the rows it covers (not on how rows are grouped in
 * tiles), so a given row split always gives the same bits.
 *
 * Plain fma: terms with a zero factor are not skipped (0 * Inf is NaN); callers check the result
 * and rerun the TypeScript kernel (DML's zero semantics) when any cell is not finite.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 256-bit vectors, as native/tsmm.c: Zen 4 retires as many FMA lanes per cycle as with 512 bits,
   and the narrower vector wastes fewer lanes on the d % VL tail. */
#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define VL 4
typedef __m256d vec;
#define VLOADU(p) _mm256_loadu_pd(p)
#define VSTOREU(p, v) _mm256_storeu_pd((p), (v))
#define VBCAST(s) _mm256_set1_pd(s)
#define VZERO() _mm256_setzero_pd()
#define VFMA(a, b, c) _mm256_fmadd_pd((a), (b), (c))
#define VADD(a, b) _mm256_add_pd((a), (b))
#else
#define VL 1
typedef double vec;
#define VLOADU(p) (*(p))
#define VSTOREU(p, v) (*(p) = (v))
#define VBCAST(s) (s)
#define VZERO() (0.0)
#define VFMA(a, b, c) fma((a), (b), (c))
#define VADD(a, b) ((a) + (b))
#endif

#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* Lanes of v added in a fixed order. */
ALWAYS_INLINE double hsum(vec v) {
  double l[VL];
  VSTOREU(l, v);
  double s = l[0];
  for (int i = 1; i < VL; i++) s += l[i];
  return s;
}

/* ---------------------------------------------------------------------------------------------
 * X %*% V. For k <= 2, dot products along each row of X against the columns of V (transposed
 * into a scratch, k x d): U interleaved accumulator sets per column give at least 4 independent
 * fma chains, added in a fixed order, then the d % VL tail by scalar fma. For k >= 3, each row's
 * k outputs are vectors, out_i += x_il * V[l,] (broadcast, fma), with V's rows zero-padded to a
 * whole number of vectors in a scratch. For k <= 8 one row at a time with U interleaved chains over
 * l (added in a fixed order): 8-row tiles measured 1.3-1.6x slower there (1e6 x 100, k = 3, 4, 8).
 * For k > 8 tiles of R rows (R * k / VL chains, each over l in order; a tail row gets the same
 * single chain), as fast or faster. Either way each output cell depends on its own row only (not
 * on how rows are grouped), so every row split gives the same bits.
 * ------------------------------------------------------------------------------------------- */

ALWAYS_INLINE void dot_row(const double *x, long d, const double *vt, int K, int U, double *out) {
  vec acc[4][2];
#pragma GCC unroll 4
  for (int u = 0; u < U; u++)
#pragma GCC unroll 2
    for (int b = 0; b < K; b++) acc[u][b] = VZERO();
  long l = 0;
  for (; l + U * VL <= d; l += U * VL) {
#pragma GCC unroll 4
    for (int u = 0; u < U; u++) {
      const vec xv = VLOADU(x + l + u * VL);
#pragma GCC unroll 2
      for (int b = 0; b < K; b++) acc[u][b] = VFMA(xv, VLOADU(vt + b * d + l + u * VL), acc[u][b]);
    }
  }
  for (; l + VL <= d; l += VL) {
    const vec xv = VLOADU(x + l);
#pragma GCC unroll 2
    for (int b = 0; b < K; b++) acc[0][b] = VFMA(xv, VLOADU(vt + b * d + l), acc[0][b]);
  }
  for (int b = 0; b < K; b++) {
    vec t = acc[0][b];
    for (int u = 1; u < U; u++) t = VADD(t, acc[u][b]);
    double s = hsum(t);
    for (long q = l; q < d; q++) s = fma(x[q], vt[b * d + q], s);
    out[b] = s;
  }
}

static void dot_rows_1(const double *x, long d, const double *vt, long rows, double *out) {
  for (long r = 0; r < rows; r++) dot_row(x + r * d, d, vt, 1, 4, out + r);
}
static void dot_rows_2(const double *x, long d, const double *vt, long rows, double *out) {
  for (long r = 0; r < rows; r++) dot_row(x + r * d, d, vt, 2, 2, out + 2 * r);
}

#define AX_MAX_R 8
#define AX_MAX_KV (16 / VL)

/* R rows of X times the padded V (d x kp): R x KV vector accumulators, written to out (ld kp). */
ALWAYS_INLINE void ax_tile(const double *x, long d, const double *vp, long kp, int R, int KV, double *out) {
  vec acc[AX_MAX_R][AX_MAX_KV];
#pragma GCC unroll 8
  for (int a = 0; a < R; a++)
#pragma GCC unroll 16
    for (int b = 0; b < KV; b++) acc[a][b] = VZERO();
  for (long l = 0; l < d; l++) {
    vec vv[AX_MAX_KV];
#pragma GCC unroll 16
    for (int b = 0; b < KV; b++) vv[b] = VLOADU(vp + l * kp + b * VL);
#pragma GCC unroll 8
    for (int a = 0; a < R; a++) {
      const vec s = VBCAST(x[a * d + l]);
#pragma GCC unroll 16
      for (int b = 0; b < KV; b++) acc[a][b] = VFMA(s, vv[b], acc[a][b]);
    }
  }
#pragma GCC unroll 8
  for (int a = 0; a < R; a++)
#pragma GCC unroll 16
    for (int b = 0; b < KV; b++) VSTOREU(out + a * kp + b * VL, acc[a][b]);
}

/* One row of X times the padded V with U interleaved chains over l (k <= 8). */
ALWAYS_INLINE void ax_row(const double *x, long d, const double *vp, long kp, int U, int KV, double *out) {
  vec acc[4][AX_MAX_KV];
#pragma GCC unroll 4
  for (int u = 0; u < U; u++)
#pragma GCC unroll 16
    for (int b = 0; b < KV; b++) acc[u][b] = VZERO();
  long l = 0;
  for (; l + U <= d; l += U) {
#pragma GCC unroll 4
    for (int u = 0; u < U; u++) {
      const vec s = VBCAST(x[l + u]);
#pragma GCC unroll 16
      for (int b = 0; b < KV; b++) acc[u][b] = VFMA(s, VLOADU(vp + (l + u) * kp + b * VL), acc[u][b]);
    }
  }
  for (; l < d; l++) {
    const vec s = VBCAST(x[l]);
#pragma GCC unroll 16
    for (int b = 0; b < KV; b++) acc[0][b] = VFMA(s, VLOADU(vp + l * kp + b * VL), acc[0][b]);
  }
#pragma GCC unroll 16
  for (int b = 0; b < KV; b++) {
    vec t = acc[0][b];
    for (int u = 1; u < U; u++) t = VADD(t, acc[u][b]);
    VSTOREU(out + b * VL, t);
  }
}

typedef void (*ax_fn)(const double *, long, const double *, long, double *);
#define AX(KV, R) \
  static void ax_##KV##_##R(const double *x, long d, const double *vp, long kp, double *out) { \
    ax_tile(x, d, vp, kp, R, KV, out);                                                       \
  }
#if VL == 4
/* Rows per tile for k > 8: 8-9 independent chains, within the 32 vector registers of AVX-512VL. */
static void axr_1(const double *x, long d, const double *vp, long kp, double *out) {
  ax_row(x, d, vp, kp, 4, 1, out);
}
static void axr_2(const double *x, long d, const double *vp, long kp, double *out) {
  ax_row(x, d, vp, kp, 4, 2, out);
}
AX(3, 3) AX(3, 1) AX(4, 2) AX(4, 1)
static const ax_fn AX_MAIN[AX_MAX_KV] = {axr_1, axr_2, ax_3_3, ax_4_2};
static const ax_fn AX_ONE[AX_MAX_KV] = {axr_1, axr_2, ax_3_1, ax_4_1};
static const int AX_ROWS[AX_MAX_KV] = {1, 1, 3, 2};
#endif

/*
 * Rows r0..r1 of out (n x k, row-major) = X %*% V (V d x k, row-major). Overwrites those rows.
 * Returns 0, -1 for a bad shape, -2 when the scratch cannot be allocated.
 */
int tessera_skinny_mm_rows(const double *x, int64_t n, int32_t d, const double *v, int32_t k, int64_t r0,
                           int64_t r1, double *out) {
  if (d < 1 || k < 1 || k > 16) return -1;
  if (r1 > n) r1 = n;
  if (r0 >= r1) return 0;
  if (k == 1) {
    dot_rows_1(x + r0 * d, d, v, r1 - r0, out + r0);
    return 0;
  }
#if VL == 4
  const int axpy = k >= 3;
#else
  const int axpy = 0;
#endif
  if (!axpy) {
    /* Scalar build (any k) or k = 2: dot products against t(V). */
    double *vt = malloc(sizeof(double) * (size_t)d * (size_t)k);
    if (!vt) return -2;
    for (long l = 0; l < d; l++)
      for (long j = 0; j < k; j++) vt[j * d + l] = v[l * k + j];
    for (long r = r0; r < r1; r++)
      for (int j = 0; j + 1 < k; j += 2) dot_rows_2(x + r * d, d, vt + (long)j * d, 1, out + r * k + j);
    if (k % 2)
      for (long r = r0; r < r1; r++) dot_rows_1(x + r * d, d, vt + (long)(k - 1) * d, 1, out + r * k + k - 1);
    free(vt);
    return 0;
  }
#if VL == 4
  const int kv = (k + VL - 1) / VL;
  const long kp = (long)kv * VL;
  const int R = AX_ROWS[kv - 1];
  double *vp = calloc((size_t)d * (size_t)kp + (size_t)AX_MAX_R * (size_t)kp, sizeof(double));
  if (!vp) return -2;
  double *tmp = vp + (long)d * kp;
  for (long l = 0; l < d; l++) memcpy(vp + l * kp, v + l * k, sizeof(double) * (size_t)k);
  long r = r0;
  for (; r + R <= r1; r += R) {
    AX_MAIN[kv - 1](x + r * d, d, vp, kp, tmp);
    for (int a = 0; a < R; a++) memcpy(out + (r + a) * k, tmp + a * kp, sizeof(double) * (size_t)k);
  }
  for (; r < r1; r++) {
    AX_ONE[kv - 1](x + r * d, d, vp, kp, tmp);
    memcpy(out + r * k, tmp, sizeof(double) * (size_t)k);
  }
  free(vp);
#endif
  return 0;
}

/* ---------------------------------------------------------------------------------------------
 * t(X) %*% W: each row adds the outer product x_i' w_i. The d x k result is kept transposed (k x d,
 * contiguous along d) in an L1/L2-resident scratch; each row, read once from memory in order, is
 * added into up to 4 of its rows at a time (broadcast w_ij, fma, store). Register tiles over a
 * block of rows (as native/tsmm.c) read each block strip by strip and were measured ~2x slower
 * here: the strided first touch defeats the hardware prefetcher. Each cell is one fma chain over
 * the rows in order, starting from the partial's value.
 * ------------------------------------------------------------------------------------------- */

#define TM_MAX_K 4

ALWAYS_INLINE void tm_row(const double *xr, long d, const double *wr, int K, double *g) {
  vec s[TM_MAX_K];
#pragma GCC unroll 4
  for (int a = 0; a < K; a++) s[a] = VBCAST(wr[a]);
  long l = 0;
  for (; l + VL <= d; l += VL) {
    const vec xv = VLOADU(xr + l);
#pragma GCC unroll 4
    for (int a = 0; a < K; a++) VSTOREU(g + a * d + l, VFMA(s[a], xv, VLOADU(g + a * d + l)));
  }
  for (; l < d; l++)
    for (int a = 0; a < K; a++) g[a * d + l] = fma(wr[a], xr[l], g[a * d + l]);
}

typedef void (*tm_fn)(const double *, long, const double *, double *);
#define TM(K) \
  static void tm_##K(const double *xr, long d, const double *wr, double *g) { tm_row(xr, d, wr, K, g); }
TM(1) TM(2) TM(3) TM(4)
static const tm_fn TM_FNS[TM_MAX_K] = {tm_1, tm_2, tm_3, tm_4};

/*
 * Adds t(X[r0:r1,]) %*% W[r0:r1,] to part (d x k, row-major). Returns 0, -1 for a bad shape, -2
 * when the scratch cannot be allocated.
 */
int tessera_skinny_tmm_rows(const double *x, int64_t n, int32_t d, const double *w, int32_t k, int64_t r0,
                            int64_t r1, double *part) {
  if (d < 1 || k < 1) return -1;
  if (r1 > n) r1 = n;
  if (r0 >= r1) return 0;
  double *g = malloc(sizeof(double) * (size_t)d * (size_t)k);
  if (!g) return -2;
  for (long l = 0; l < d; l++)
    for (long j = 0; j < k; j++) g[j * d + l] = part[l * k + j];
  for (long r = r0; r < r1; r++)
    for (int j = 0; j < k; j += TM_MAX_K) {
      const int K = k - j < TM_MAX_K ? k - j : TM_MAX_K;
      TM_FNS[K - 1](x + r * d, d, w + r * k + j, g + (long)j * d);
    }
  for (long l = 0; l < d; l++)
    for (long j = 0; j < k; j++) part[l * k + j] = g[j * d + l];
  free(g);
  return 0;
}

/* ---------------------------------------------------------------------------------------------
 * mmchain: per row, u = x_i . v (four interleaved vector chains, added in a fixed order, then the
 * d % VL tail), s = w_i * u, and acc += s * x_i while the row is still in L1. Rows with s == 0 add
 * nothing (as the TypeScript kernel: 0 * Inf in X then adds no NaN).
 * ------------------------------------------------------------------------------------------- */

ALWAYS_INLINE double row_dot(const double *x, const double *v, long d) {
  vec a0 = VZERO(), a1 = VZERO(), a2 = VZERO(), a3 = VZERO();
  long l = 0;
  for (; l + 4 * VL <= d; l += 4 * VL) {
    a0 = VFMA(VLOADU(x + l), VLOADU(v + l), a0);
    a1 = VFMA(VLOADU(x + l + VL), VLOADU(v + l + VL), a1);
    a2 = VFMA(VLOADU(x + l + 2 * VL), VLOADU(v + l + 2 * VL), a2);
    a3 = VFMA(VLOADU(x + l + 3 * VL), VLOADU(v + l + 3 * VL), a3);
  }
  for (; l + VL <= d; l += VL) a0 = VFMA(VLOADU(x + l), VLOADU(v + l), a0);
  double s = hsum(VADD(VADD(a0, a1), VADD(a2, a3)));
  for (; l < d; l++) s = fma(x[l], v[l], s);
  return s;
}

/*
 * Adds t(X[r0:r1,]) %*% (w[r0:r1] * (X[r0:r1,] %*% v)) to acc (d cells); w may be NULL (then
 * t(X) %*% (X %*% v)). Returns 0, or -1 for a bad shape.
 */
int tessera_skinny_mmchain_rows(const double *x, int64_t n, int32_t d, const double *v, const double *w,
                                int64_t r0, int64_t r1, double *acc) {
  if (d < 1) return -1;
  if (r1 > n) r1 = n;
  for (long r = r0; r < r1; r++) {
    const double *xr = x + r * d;
    double s = row_dot(xr, v, d);
    if (w) s *= w[r];
    if (s == 0) continue;
    const vec sv = VBCAST(s);
    long l = 0;
    for (; l + VL <= d; l += VL) VSTOREU(acc + l, VFMA(sv, VLOADU(xr + l), VLOADU(acc + l)));
    for (; l < d; l++) acc[l] = fma(s, xr[l], acc[l]);
  }
  return 0;
}
