/*
 * Skinny transpose-self matrix multiply t(X) %*% X for a row-major m x n X with small n (the
 * Gram matrix of lm's normal equations, covariance). BLAS dsyrk is tuned for the compute-bound
 * wide case and reaches a fraction of memory bandwidth here; this kernel makes one pass over X.
 *
 * Each row x_r contributes its outer product x_r' x_r. The Gram matrix is cut into register tiles
 * (up to 4 Gram rows x 3 SIMD vectors of columns) whose accumulators stay in registers while a
 * block of X rows (hot in L1) streams through: per X row a tile does V vector loads, I broadcasts
 * and I*V fused multiply-adds. Tiles cover only the upper block triangle; columns past n (vector
 * padding) are computed into a padded scratch Gram and discarded.
 *
 * For n >= 2 every Gram cell is one fma chain over the rows in order, starting from out's value,
 * whatever the instruction set (AVX2+FMA or scalar fma()); n = 1 sums interleaved chains in a fixed
 * order. Either way a row range always gives the same bits.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

/* 256-bit vectors even where AVX-512 exists: for n <= 32 the padding of 8-wide vectors wastes up to
   half the lanes, and Zen 4 (like most cores) retires as many 256-bit FMA lanes per cycle; measured
   slower with zmm at n = 10..50. */
#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define VL 4
typedef __m256d vec;
#define VLOADU(p) _mm256_loadu_pd(p)
#define VSTOREU(p, v) _mm256_storeu_pd((p), (v))
#define VBCAST(s) _mm256_set1_pd(s)
#define VFMA(a, b, c) _mm256_fmadd_pd((a), (b), (c))
#else
#define VL 1
typedef double vec;
#define VLOADU(p) (*(p))
#define VSTOREU(p, v) (*(p) = (v))
#define VBCAST(s) (s)
#define VFMA(a, b, c) fma((a), (b), (c))
#endif

/* Largest n this kernel takes (the padded scratch Gram lives on the stack). */
#define TSMM_MAX_N 64
/* Tile shape: 4 Gram rows align with 4-wide vectors (each tile row starts at its own diagonal
   vector, so little work lands below the diagonal); 4 x 3 accumulators + 3 row vectors + 1
   broadcast fit the 16 ymm registers of plain AVX2. */
#define MAX_I 4
#define MAX_V 3
/* X rows per block: a block (at most ~16 KB) is re-read from L1 by every tile. */
#define BLOCK_DOUBLES 2048

/* One tile: Gram rows i0..i0+I-1, columns (v0..v0+V-1)*VL, over `rows` rows of x (stride ld). */
static inline __attribute__((always_inline)) void tile(const double *x, long ld, long rows, int i0, int I,
                                                       int v0, int V, double *g, int gs) {
  vec acc[MAX_I][MAX_V];
#pragma GCC unroll 8
  for (int a = 0; a < I; a++)
#pragma GCC unroll 3
    for (int b = 0; b < V; b++) acc[a][b] = VLOADU(g + (long)(i0 + a) * gs + (v0 + b) * VL);
  for (long r = 0; r < rows; r++) {
    const double *xr = x + r * ld;
    vec xv[MAX_V];
#pragma GCC unroll 3
    for (int b = 0; b < V; b++) xv[b] = VLOADU(xr + (v0 + b) * VL);
#pragma GCC unroll 8
    for (int a = 0; a < I; a++) {
      const vec s = VBCAST(xr[i0 + a]);
#pragma GCC unroll 3
      for (int b = 0; b < V; b++) acc[a][b] = VFMA(s, xv[b], acc[a][b]);
    }
  }
#pragma GCC unroll 8
  for (int a = 0; a < I; a++)
#pragma GCC unroll 3
    for (int b = 0; b < V; b++) VSTOREU(g + (long)(i0 + a) * gs + (v0 + b) * VL, acc[a][b]);
}

typedef void (*tile_fn)(const double *, long, long, int, int, double *, int);

#define TILE(I, V)                                                                                      \
  static void tile_##I##_##V(const double *x, long ld, long rows, int i0, int v0, double *g, int gs) { \
    tile(x, ld, rows, i0, I, v0, V, g, gs);                                                            \
  }
#define TILES(I) TILE(I, 1) TILE(I, 2) TILE(I, 3)
#define ROW(I) {tile_##I##_1, tile_##I##_2, tile_##I##_3}
TILES(1) TILES(2) TILES(3) TILES(4)
static const tile_fn TILE_FNS[MAX_I][MAX_V] = {ROW(1), ROW(2), ROW(3), ROW(4)};

/* All tiles of the upper block triangle over `rows` rows of x (each row has >= gs readable cells). */
static void block(const double *x, long ld, long rows, int n, double *g, int gs) {
  const int nv = gs / VL;
  for (int i0 = 0; i0 < n; i0 += MAX_I) {
    const int I = n - i0 < MAX_I ? n - i0 : MAX_I;
    for (int v0 = i0 / VL; v0 < nv; v0 += MAX_V) {
      const int V = nv - v0 < MAX_V ? nv - v0 : MAX_V;
      TILE_FNS[I - 1][V - 1](x, ld, rows, i0, v0, g, gs);
    }
  }
}

/*
 * n = 1 (t(v) %*% v, also what sum(v^2) is rewritten to): a tile would use one lane in VL, so the
 * rows go across the lanes instead: 4 * VL interleaved fma chains, added up in a fixed order.
 */
static double sum_squares(const double *x, int64_t k) {
  vec a0 = VBCAST(0.0), a1 = VBCAST(0.0), a2 = VBCAST(0.0), a3 = VBCAST(0.0);
  int64_t i = 0;
  for (; i + 4 * VL <= k; i += 4 * VL) {
    const vec v0 = VLOADU(x + i), v1 = VLOADU(x + i + VL), v2 = VLOADU(x + i + 2 * VL), v3 = VLOADU(x + i + 3 * VL);
    a0 = VFMA(v0, v0, a0);
    a1 = VFMA(v1, v1, a1);
    a2 = VFMA(v2, v2, a2);
    a3 = VFMA(v3, v3, a3);
  }
  double lanes[4 * VL];
  VSTOREU(lanes, a0);
  VSTOREU(lanes + VL, a1);
  VSTOREU(lanes + 2 * VL, a2);
  VSTOREU(lanes + 3 * VL, a3);
  double s = 0;
  for (int l = 0; l < 4 * VL; l++) s += lanes[l];
  for (; i < k; i++) s = fma(x[i], x[i], s);
  return s;
}

/*
 * Adds t(X[r0:r1,]) %*% X[r0:r1,] to the upper triangle (i <= j) of out (n x n, row-major); the
 * strict lower triangle is left as it is. Returns 0, or -1 when n is outside 1..TSMM_MAX_N.
 * Plain fma: terms with a zero factor are not skipped (0 * Inf is NaN); callers handle non-finite
 * results.
 */
int tessera_tsmm_left_rows(const double *x, int64_t m, int32_t n, int64_t r0, int64_t r1, double *out) {
  if (n < 1 || n > TSMM_MAX_N) return -1;
  if (r1 > m) r1 = m;
  if (r0 >= r1) return 0;
  if (n == 1) {
    out[0] += sum_squares(x + r0, r1 - r0);
    return 0;
  }
  const int gs = (n + VL - 1) / VL * VL;
  double g[TSMM_MAX_N * TSMM_MAX_N];
  memset(g, 0, sizeof(double) * (size_t)n * (size_t)gs);
  for (int i = 0; i < n; i++) memcpy(g + (long)i * gs + i, out + (long)i * n + i, sizeof(double) * (size_t)(n - i));
  /* A vector load of a row reads gs cells from its start: rows whose read would pass the end of X
     go through a zero-padded copy. */
  long safe = m - (gs - n + n - 1) / n;
  if (safe > r1) safe = r1;
  long bs = BLOCK_DOUBLES / n;
  if (bs < 8) bs = 8;
  long r = r0;
  for (; r < safe; r += bs) block(x + r * n, n, (safe - r < bs ? safe - r : bs), n, g, gs);
  if (r > safe) r = safe;
  if (r < r0) r = r0;
  if (r < r1) {
    double pad[8 * TSMM_MAX_N];
    for (; r < r1; r += 8) {
      const long k = r1 - r < 8 ? r1 - r : 8;
      memset(pad, 0, sizeof(pad));
      for (long q = 0; q < k; q++) memcpy(pad + q * gs, x + (r + q) * n, sizeof(double) * (size_t)n);
      block(pad, gs, k, n, g, gs);
    }
  }
  for (int i = 0; i < n; i++) memcpy(out + (long)i * n + i, g + (long)i * gs + i, sizeof(double) * (size_t)(n - i));
  return 0;
}
