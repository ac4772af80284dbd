/*
 * Row, column and full sums: the blocked Kahan algorithms of src/engine/kernels/aggregators.ts and
 * src/engine/threads/range-kernels.ts, with the same IEEE operations in the same order, so every
 * result is bit-identical to the TypeScript kernels (no -ffast-math; -std=c11 keeps FP contraction
 * off, so no FMA is formed). Only the order-free parts are vectorised: the first level of a 16-cell
 * block (lane-wise x[k+i] + x[k+8+i]) maps onto vector adds, the rest of its pairwise tree onto a
 * horizontal add and a 128-bit add; column sums vectorise across independent columns.
 *
 * Non-finite handling stays in TypeScript (KahanSum's one-by-one rules are rare-path code): the row
 * kernel marks a row whose sum or correction is not finite with NaN and returns how many it marked;
 * the full-range kernel returns its raw [sum, correction] for the caller to check.
 */
#include <math.h>
#include <stdint.h>
#if defined(__AVX__)
#include <immintrin.h>
#endif

/* Pairwise total of x[0..16): ((p0+p1)+(p2+p3)) + ((p4+p5)+(p6+p7)) with p_i = x[i] + x[i+8]. */
static inline double block16(const double *x) {
#if defined(__AVX__)
  __m256d q0 = _mm256_add_pd(_mm256_loadu_pd(x), _mm256_loadu_pd(x + 8));      /* p0..p3 */
  __m256d q1 = _mm256_add_pd(_mm256_loadu_pd(x + 4), _mm256_loadu_pd(x + 12)); /* p4..p7 */
  __m256d h = _mm256_hadd_pd(q0, q1); /* p0+p1, p4+p5, p2+p3, p6+p7 */
  __m128d r = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
  return _mm_cvtsd_f64(r) + _mm_cvtsd_f64(_mm_unpackhi_pd(r, r));
#else
  double p0 = x[0] + x[8], p1 = x[1] + x[9], p2 = x[2] + x[10], p3 = x[3] + x[11];
  double p4 = x[4] + x[12], p5 = x[5] + x[13], p6 = x[6] + x[14], p7 = x[7] + x[15];
  return p0 + p1 + (p2 + p3) + (p4 + p5 + (p6 + p7));
#endif
}

/* block16 of squares (sq(x[i]) + sq(x[i+8]) lane-wise first, as blockedSumSq). */
static inline double block16sq(const double *x) {
#if defined(__AVX__)
  __m256d a0 = _mm256_loadu_pd(x), a1 = _mm256_loadu_pd(x + 4);
  __m256d b0 = _mm256_loadu_pd(x + 8), b1 = _mm256_loadu_pd(x + 12);
  __m256d q0 = _mm256_add_pd(_mm256_mul_pd(a0, a0), _mm256_mul_pd(b0, b0));
  __m256d q1 = _mm256_add_pd(_mm256_mul_pd(a1, a1), _mm256_mul_pd(b1, b1));
  __m256d h = _mm256_hadd_pd(q0, q1);
  __m128d r = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
  return _mm_cvtsd_f64(r) + _mm_cvtsd_f64(_mm_unpackhi_pd(r, r));
#else
  double p[8];
  for (int i = 0; i < 8; i++) {
    double a = x[i] * x[i];
    double b = x[i + 8] * x[i + 8];
    p[i] = a + b;
  }
  return p[0] + p[1] + (p[2] + p[3]) + (p[4] + p[5] + (p[6] + p[7]));
#endif
}

/* Two Kahan states over alternating 16-cell blocks, one-by-one tail, then the second merged into
 * the first: aggregators.ts's blockedSum / blockedSumSq. */
static inline void blocked(const double *x, int64_t s, int64_t e, int square, double *sum, double *cor) {
  double s1 = 0, c1 = 0, s2 = 0, c2 = 0;
  int64_t k = s;
  for (; k + 32 <= e; k += 32) {
    double b1 = square ? block16sq(x + k) : block16(x + k);
    double b2 = square ? block16sq(x + k + 16) : block16(x + k + 16);
    double y1 = b1 - c1;
    double t1 = s1 + y1;
    c1 = t1 - s1 - y1;
    s1 = t1;
    double y2 = b2 - c2;
    double t2 = s2 + y2;
    c2 = t2 - s2 - y2;
    s2 = t2;
  }
  for (; k < e; k++) {
    double v = square ? x[k] * x[k] : x[k];
    double y = v - c1;
    double t = s1 + y;
    c1 = t - s1 - y;
    s1 = t;
  }
  double y = s2 - c1;
  double t = s1 + y;
  c1 = t - s1 - y;
  s1 = t;
  y = -c2 - c1;
  t = s1 + y;
  c1 = t - s1 - y;
  s1 = t;
  *sum = s1;
  *cor = c1;
}

/* [sum, correction] of x[s..e) (of squares when square) into res[0..2). */
void tessera_sum_range(const double *x, int64_t s, int64_t e, int square, double *res) {
  blocked(x, s, e, square, &res[0], &res[1]);
}

/* out[i] = (blocked sum of row i) / div for rows r0..r1 of a row-major matrix with n columns. A row
 * whose sum or correction is not finite gets NaN (the caller redoes it); returns how many. */
int64_t tessera_row_sums(const double *x, int64_t n, int64_t r0, int64_t r1, double div, double *out) {
  int64_t bad = 0;
  for (int64_t i = r0; i < r1; i++) {
    double s, c;
    blocked(x, i * n, (i + 1) * n, 0, &s, &c);
    if (!isfinite(s) || !isfinite(c)) {
      out[i] = NAN;
      bad++;
    } else {
      out[i] = s / div;
    }
  }
  return bad;
}

/* Rows r0..r1, columns c0..c0+w into per-column Kahan states: range-kernels.ts's colKahanRows
 * (8-row blocks summed pairwise per column, then one Kahan step; one-by-one tail rows). */
static void col_kahan_rows(const double *restrict x, int64_t n, int64_t c0, int64_t w, int64_t r0,
                           int64_t r1, int square, double *restrict sum, double *restrict cor) {
  int64_t i = r0;
  for (; i + 8 <= r1; i += 8) {
    const double *restrict o0 = x + i * n + c0;
    const double *restrict o1 = o0 + n, *restrict o2 = o1 + n, *restrict o3 = o2 + n;
    const double *restrict o4 = o3 + n, *restrict o5 = o4 + n, *restrict o6 = o5 + n;
    const double *restrict o7 = o6 + n;
    if (square) {
      /* colBlockSq: two running sums over alternate rows, starting from 0. */
      for (int64_t j = 0; j < w; j++) {
        double b0 = 0, b1 = 0;
        b0 += o0[j] * o0[j];
        b1 += o1[j] * o1[j];
        b0 += o2[j] * o2[j];
        b1 += o3[j] * o3[j];
        b0 += o4[j] * o4[j];
        b1 += o5[j] * o5[j];
        b0 += o6[j] * o6[j];
        b1 += o7[j] * o7[j];
        double sj = sum[j];
        double y = b0 + b1 - cor[j];
        double t = sj + y;
        cor[j] = t - sj - y;
        sum[j] = t;
      }
    } else {
      for (int64_t j = 0; j < w; j++) {
        double b = o0[j] + o1[j] + (o2[j] + o3[j]) + (o4[j] + o5[j] + (o6[j] + o7[j]));
        double sj = sum[j];
        double y = b - cor[j];
        double t = sj + y;
        cor[j] = t - sj - y;
        sum[j] = t;
      }
    }
  }
  for (; i < r1; i++) {
    const double *restrict o = x + i * n + c0;
    for (int64_t j = 0; j < w; j++) {
      double v = square ? o[j] * o[j] : o[j];
      double sj = sum[j];
      double y = v - cor[j];
      double t = sj + y;
      cor[j] = t - sj - y;
      sum[j] = t;
    }
  }
}

/* Chunks k0..k1 (rows k*chunk_rows ..) over columns c0..c0+w: per-column Kahan states written to
 * part at chunk k's slot [sum(w) | correction(w)], as range-kernels.ts's colChunkPartials. */
void tessera_col_chunk_partials(const double *x, int64_t m, int64_t n, int64_t c0, int64_t w,
                                int64_t k0, int64_t k1, int64_t chunk_rows, int square, double *part) {
  for (int64_t k = k0; k < k1; k++) {
    int64_t r0 = k * chunk_rows;
    int64_t r1 = r0 + chunk_rows < m ? r0 + chunk_rows : m;
    double *sum = part + 2 * k * w;
    double *cor = sum + w;
    for (int64_t j = 0; j < w; j++) sum[j] = cor[j] = 0;
    col_kahan_rows(x, n, c0, w, r0, r1, square, sum, cor);
  }
}

/* Merges chunk partials column by column with Kahan (each chunk's sum, then its negated
 * correction) into out[c0 + j] / div, as mergeColChunks; a column whose merged sum or correction is
 * not finite gets NaN (the caller redoes it). Returns how many. */
int64_t tessera_col_merge(const double *part, int64_t chunks, int64_t w, int64_t c0, double div,
                          double *out) {
  double s[256], c[256];
  int64_t bad = 0;
  /* Columns in strips of 256 so the chunk-order loop runs over contiguous, vectorisable rows. */
  for (int64_t j0 = 0; j0 < w; j0 += 256) {
    int64_t jw = w - j0 < 256 ? w - j0 : 256;
    for (int64_t j = 0; j < jw; j++) s[j] = c[j] = 0;
    for (int64_t k = 0; k < chunks; k++) {
      const double *ps = part + 2 * k * w + j0;
      const double *pc = ps + w;
      for (int64_t j = 0; j < jw; j++) {
        double sj = s[j], cj = c[j];
        double y = ps[j] - cj;
        double t = sj + y;
        cj = t - sj - y;
        sj = t;
        y = -pc[j] - cj;
        t = sj + y;
        cj = t - sj - y;
        s[j] = t;
        c[j] = cj;
      }
    }
    for (int64_t j = 0; j < jw; j++) {
      if (!isfinite(s[j]) || !isfinite(c[j])) {
        out[c0 + j0 + j] = NAN;
        bad++;
      } else {
        out[c0 + j0 + j] = s[j] / div;
      }
    }
  }
  return bad;
}
