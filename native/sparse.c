/*
 * Sparse products: CSR x dense, dense x CSR and CSR x CSR (the TypeScript kernels are in
 * src/engine/kernels/matmul.ts).
 *
 * Zero semantics (as matmul.ts): a term a[i,k]*b[k,j] contributes only when both factors are
 * non-zero, so 0 * NaN and 0 * Inf add nothing. Every output cell receives its terms in the same
 * order as the TypeScript kernels (stored entries in CSR order, each term rounded as a product and
 * then added: -std=c11 keeps FP contraction off, so no FMA), which makes the results bit-identical
 * whichever path runs.
 */
#include <stdint.h>
#include <string.h>

/* One SIMD register of doubles: 8 lanes with AVX-512, 4 with AVX2, 2 otherwise (SSE2 or plain C
 * through GCC's generic vector lowering). Loads and stores go through memcpy: B and C rows are
 * only 8-byte aligned. */
#if defined(__AVX512F__)
#define VL 8
#elif defined(__AVX2__) || defined(__AVX__)
#define VL 4
#else
#define VL 2
#endif
typedef double vd __attribute__((vector_size(VL * 8)));

static inline vd vload(const double *p) {
  vd v;
  memcpy(&v, p, sizeof v);
  return v;
}

static inline void vstore(double *p, vd v) { memcpy(p, &v, sizeof v); }

/* Output columns held in registers while all stored entries of a row stream by: eight
 * independent accumulators hide the add latency (each cell's additions form a dependency chain). */
#define WIDE (8 * VL)

/* c[j0..j0+WIDE) of one row += sum over entries, in entry order; all entries finite and non-zero. */
static inline void row_block_wide(const int32_t *cols, const double *vals, int32_t cnt, const double *b,
                                  int64_t n, double *c, int64_t j0) {
  vd c0 = vload(c + j0), c1 = vload(c + j0 + VL), c2 = vload(c + j0 + 2 * VL), c3 = vload(c + j0 + 3 * VL);
  vd c4 = vload(c + j0 + 4 * VL), c5 = vload(c + j0 + 5 * VL), c6 = vload(c + j0 + 6 * VL),
     c7 = vload(c + j0 + 7 * VL);
  for (int32_t q = 0; q < cnt; q++) {
    const double a = vals[q];
    const double *br = b + (int64_t)cols[q] * n + j0;
    c0 = c0 + a * vload(br);
    c1 = c1 + a * vload(br + VL);
    c2 = c2 + a * vload(br + 2 * VL);
    c3 = c3 + a * vload(br + 3 * VL);
    c4 = c4 + a * vload(br + 4 * VL);
    c5 = c5 + a * vload(br + 5 * VL);
    c6 = c6 + a * vload(br + 6 * VL);
    c7 = c7 + a * vload(br + 7 * VL);
  }
  vstore(c + j0, c0);
  vstore(c + j0 + VL, c1);
  vstore(c + j0 + 2 * VL, c2);
  vstore(c + j0 + 3 * VL, c3);
  vstore(c + j0 + 4 * VL, c4);
  vstore(c + j0 + 5 * VL, c5);
  vstore(c + j0 + 6 * VL, c6);
  vstore(c + j0 + 7 * VL, c7);
}

/* As row_block_wide for 4 registers. */
static inline void row_block_4(const int32_t *cols, const double *vals, int32_t cnt, const double *b, int64_t n,
                               double *c, int64_t j0) {
  vd c0 = vload(c + j0), c1 = vload(c + j0 + VL), c2 = vload(c + j0 + 2 * VL), c3 = vload(c + j0 + 3 * VL);
  for (int32_t q = 0; q < cnt; q++) {
    const double a = vals[q];
    const double *br = b + (int64_t)cols[q] * n + j0;
    c0 = c0 + a * vload(br);
    c1 = c1 + a * vload(br + VL);
    c2 = c2 + a * vload(br + 2 * VL);
    c3 = c3 + a * vload(br + 3 * VL);
  }
  vstore(c + j0, c0);
  vstore(c + j0 + VL, c1);
  vstore(c + j0 + 2 * VL, c2);
  vstore(c + j0 + 3 * VL, c3);
}

/* As row_block_wide for 1 register. */
static inline void row_block_1(const int32_t *cols, const double *vals, int32_t cnt, const double *b, int64_t n,
                               double *c, int64_t j0) {
  vd c0 = vload(c + j0);
  for (int32_t q = 0; q < cnt; q++) c0 = c0 + vals[q] * vload(b + (int64_t)cols[q] * n + j0);
  vstore(c + j0, c0);
}

/* The columns left over after whole registers, one at a time (at most VL - 1 of them). */
static inline void row_block_scalar(const int32_t *cols, const double *vals, int32_t cnt, const double *b,
                                    int64_t n, double *c, int64_t j0, int64_t j1) {
  for (int64_t j = j0; j < j1; j++) {
    double s = c[j];
    for (int32_t q = 0; q < cnt; q++) s = s + vals[q] * b[(int64_t)cols[q] * n + j];
    c[j] = s;
  }
}

/* Columns j0..j1 of a row with a zero or non-finite stored value: entry by entry, as the TypeScript
 * kernel's axpyEntry (zero entries skipped, non-finite ones only meet B's non-zeros). */
static void row_general(const int32_t *cols, const double *vals, int32_t cnt, const double *b, int64_t n,
                        double *c, int64_t j0, int64_t j1) {
  for (int32_t q = 0; q < cnt; q++) {
    const double a = vals[q];
    if (a == 0) continue;
    const double *br = b + (int64_t)cols[q] * n;
    if (a - a == 0) {
      for (int64_t j = j0; j < j1; j++) c[j] = c[j] + a * br[j];
    } else {
      for (int64_t j = j0; j < j1; j++)
        if (br[j] != 0) c[j] = c[j] + a * br[j];
    }
  }
}

/* Stored entries ahead whose B rows are prefetched: B (8 MB in the 1e4 x 100 case) mostly sits in
 * L3, and the row's column indices say exactly which lines come next. */
#define PREFETCH_AHEAD 8

#if defined(__AVX512F__)
#include <immintrin.h>

/*
 * AVX-512: nv registers (nv * 8 >= the block's width, the last one masked to the block's end) hold
 * output columns j0.. of one row while all stored entries of the row stream by; a row up to 128
 * wide fits whole, so C is loaded and stored once and each B row is read front to back. Masked
 * lanes load zeros and are never stored.
 */
#define ACC16(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
/* Named accumulators (an array would live on the stack); nv is a constant after inlining, so the
 * conditions fold away and only nv registers remain. */
#define ACC_DECL(v) __m512d acc##v = _mm512_setzero_pd();
#define ACC_LOAD(v)                                                                                            \
  if ((v) < nv - 1)                                                                                            \
    acc##v = _mm512_loadu_pd(c + j0 + 8 * (v));                                                                \
  else if ((v) == nv - 1)                                                                                      \
    acc##v = _mm512_maskz_loadu_pd(tail, c + j0 + 8 * (v));
#define ACC_STEP(v)                                                                                            \
  if ((v) < nv - 1)                                                                                            \
    acc##v = _mm512_add_pd(acc##v, _mm512_mul_pd(a, _mm512_loadu_pd(br + 8 * (v))));                         \
  else if ((v) == nv - 1)                                                                                      \
    acc##v = _mm512_add_pd(acc##v, _mm512_mul_pd(a, _mm512_maskz_loadu_pd(tail, br + 8 * (v))));
#define ACC_PF(v)                                                                                              \
  if ((v) < nv) _mm_prefetch((const char *)(bn + 8 * (v)), _MM_HINT_T0);
#define ACC_STORE(v)                                                                                           \
  if ((v) < nv - 1)                                                                                            \
    _mm512_storeu_pd(c + j0 + 8 * (v), acc##v);                                                                \
  else if ((v) == nv - 1)                                                                                      \
    _mm512_mask_storeu_pd(c + j0 + 8 * (v), tail, acc##v);

static inline __attribute__((always_inline)) void row_regs(const int32_t *cols, const double *vals, int32_t cnt,
                                                           const double *b, int64_t n, double *c, int64_t j0,
                                                           const int nv, __mmask8 tail) {
  ACC16(ACC_DECL)
  ACC16(ACC_LOAD)
  for (int32_t q = 0; q < cnt; q++) {
    const __m512d a = _mm512_set1_pd(vals[q]);
    const double *br = b + (int64_t)cols[q] * n + j0;
    const int32_t qn = q + PREFETCH_AHEAD < cnt ? q + PREFETCH_AHEAD : q;
    const double *bn = b + (int64_t)cols[qn] * n + j0;
    ACC16(ACC_PF)
    ACC16(ACC_STEP)
  }
  ACC16(ACC_STORE)
}

#define ROW_REGS(NV)                                                                                           \
  static void row_regs_##NV(const int32_t *cols, const double *vals, int32_t cnt, const double *b, int64_t n,   \
                            double *c, int64_t j0, __mmask8 tail) {                                            \
    row_regs(cols, vals, cnt, b, n, c, j0, NV, tail);                                                          \
  }
ROW_REGS(1)
ROW_REGS(2)
ROW_REGS(3)
ROW_REGS(4)
ROW_REGS(5)
ROW_REGS(6)
ROW_REGS(7)
ROW_REGS(8)
ROW_REGS(9)
ROW_REGS(10)
ROW_REGS(11)
ROW_REGS(12)
ROW_REGS(13)
ROW_REGS(14)
ROW_REGS(15)
ROW_REGS(16)

typedef void (*row_regs_fn)(const int32_t *, const double *, int32_t, const double *, int64_t, double *, int64_t,
                            __mmask8);
static const row_regs_fn ROW_REGS_BY_NV[17] = {0,           row_regs_1,  row_regs_2,  row_regs_3,  row_regs_4,
                                               row_regs_5,  row_regs_6,  row_regs_7,  row_regs_8,  row_regs_9,
                                               row_regs_10, row_regs_11, row_regs_12, row_regs_13, row_regs_14,
                                               row_regs_15, row_regs_16};

/* Columns j0..j1 (at most 128) of one finite, zero-free row, held in registers. */
static inline void row_plain(const int32_t *cols, const double *vals, int32_t cnt, const double *b, int64_t n,
                             double *c, int64_t j0, int64_t j1) {
  const int64_t w = j1 - j0;
  if (w == 1) {
    row_block_scalar(cols, vals, cnt, b, n, c, j0, j1);
    return;
  }
  const int nv = (int)((w + 7) / 8);
  const __mmask8 tail = (__mmask8)(0xFFu >> (8 * nv - w));
  ROW_REGS_BY_NV[nv](cols, vals, cnt, b, n, c, j0, tail);
}
#else
/* Columns j0..j1 of one finite, zero-free row through the portable register blocks. */
static inline void row_plain(const int32_t *cols, const double *vals, int32_t cnt, const double *b, int64_t n,
                             double *c, int64_t j0, int64_t j1) {
  int64_t j = j0;
  for (; j + WIDE <= j1; j += WIDE) row_block_wide(cols, vals, cnt, b, n, c, j);
  if (j + 4 * VL <= j1) {
    row_block_4(cols, vals, cnt, b, n, c, j);
    j += 4 * VL;
  }
  for (; j + VL <= j1; j += VL) row_block_1(cols, vals, cnt, b, n, c, j);
  if (j < j1) row_block_scalar(cols, vals, cnt, b, n, c, j, j1);
}
#endif

/*
 * Rows r0..r1 of C = A %*% B for CSR A (rowPtr, colIdx, values) and dense row-major B with n
 * columns; C (row-major, n columns) is accumulated into, so it starts zeroed. An output row up to
 * 128 wide lives in registers while the row's entries stream by (C loaded and stored once, each B
 * row read front to back). Wider products go in 64-column blocks of B, each over all the rows: a
 * block of B (k x 64) stays in cache where all of B (80 MB at 1e4 x 1000) would not.
 */
void tessera_csr_dense_rows(const int32_t *rowPtr, const int32_t *colIdx, const double *values, const double *b,
                            int32_t n32, double *out, int32_t r0, int32_t r1) {
  const int64_t n = n32;
  for (int64_t j0 = 0, j1; j0 < n; j0 = j1) {
    j1 = n - j0 <= 128 ? n : j0 + 64;
    for (int32_t i = r0; i < r1; i++) {
      const int32_t p0 = rowPtr[i];
      const int32_t cnt = rowPtr[i + 1] - p0;
      if (cnt == 0) continue;
      const int32_t *cols = colIdx + p0;
      const double *vals = values + p0;
      double *c = out + (int64_t)i * n;
      /* x - x is 0 exactly for finite x; the product is zero when any value is zero. */
      int plain = 1;
      for (int32_t q = 0; q < cnt; q++) plain &= (vals[q] - vals[q] == 0) & (vals[q] != 0);
      if (plain)
        row_plain(cols, vals, cnt, b, n, c, j0, j1);
      else
        row_general(cols, vals, cnt, b, n, c, j0, j1);
    }
  }
}

/*
 * Rows r0..r1 of C = A %*% B for dense row-major A (kd columns) and CSR B (n columns), C zeroed
 * row-major. Each output row is scattered into by B's rows in k order (as the TypeScript kernel);
 * four rows of A share each pass over a row of B when their four a[i,k] are all non-zero.
 */
void tessera_dense_csr_rows(const double *a, int32_t kd32, const int32_t *rowPtr, const int32_t *colIdx,
                            const double *values, int32_t n32, double *out, int32_t r0, int32_t r1) {
  const int64_t kd = kd32, n = n32;
  int32_t i = r0;
  for (; i + 4 <= r1; i += 4) {
    const double *a0 = a + (int64_t)i * kd, *a1 = a0 + kd, *a2 = a1 + kd, *a3 = a2 + kd;
    double *c0 = out + (int64_t)i * n, *c1 = c0 + n, *c2 = c1 + n, *c3 = c2 + n;
    for (int64_t k = 0; k < kd; k++) {
      const double x0 = a0[k], x1 = a1[k], x2 = a2[k], x3 = a3[k];
      const int32_t pe = rowPtr[k + 1];
      if (x0 != 0 && x1 != 0 && x2 != 0 && x3 != 0) {
        for (int32_t p = rowPtr[k]; p < pe; p++) {
          const double v = values[p];
          if (v == 0) continue;
          const int32_t j = colIdx[p];
          c0[j] = c0[j] + x0 * v;
          c1[j] = c1[j] + x1 * v;
          c2[j] = c2[j] + x2 * v;
          c3[j] = c3[j] + x3 * v;
        }
      } else {
        const double xs[4] = {x0, x1, x2, x3};
        double *cs[4] = {c0, c1, c2, c3};
        for (int r = 0; r < 4; r++) {
          const double x = xs[r];
          if (x == 0) continue;
          double *c = cs[r];
          for (int32_t p = rowPtr[k]; p < pe; p++) {
            const double v = values[p];
            if (v != 0) c[colIdx[p]] = c[colIdx[p]] + x * v;
          }
        }
      }
    }
  }
  for (; i < r1; i++) {
    const double *ar = a + (int64_t)i * kd;
    double *c = out + (int64_t)i * n;
    for (int64_t k = 0; k < kd; k++) {
      const double x = ar[k];
      if (x == 0) continue;
      for (int32_t p = rowPtr[k]; p < rowPtr[k + 1]; p++) {
        const double v = values[p];
        if (v != 0) c[colIdx[p]] = c[colIdx[p]] + x * v;
      }
    }
  }
}

/* Sorts distinct column indices ascending (quicksort, insertion sort below 24): inlined compares,
 * several times faster than qsort's callback for the few hundred columns of a product row. */
static void sort_cols(int32_t *x, int32_t len) {
  while (len > 24) {
    const int32_t a = x[0], b = x[len / 2], c = x[len - 1];
    const int32_t pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    int32_t i = 0, j = len - 1;
    for (;;) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i >= j) break;
      const int32_t t = x[i];
      x[i++] = x[j];
      x[j--] = t;
    }
    /* Recurse into the smaller part, loop on the larger (bounded stack). */
    if (j + 1 < len - j - 1) {
      sort_cols(x, j + 1);
      x += j + 1;
      len -= j + 1;
    } else {
      sort_cols(x + j + 1, len - j - 1);
      len = j + 1;
    }
  }
  for (int32_t i = 1; i < len; i++) {
    const int32_t v = x[i];
    int32_t k = i;
    for (; k > 0 && x[k - 1] > v; k--) x[k] = x[k - 1];
    x[k] = v;
  }
}

/*
 * Rows r0.. of C = A %*% B for CSR A and CSR B (n columns) by Gustavson's method, as matmul.ts's
 * sparseSparse: a dense accumulator per row (acc, mark, touched: n each; mark starts at -1), terms
 * in A's then B's stored order, zero factors skipped, columns sorted, cancelled sums dropped.
 * Writes rows into colIdx/values (capacity cap) from rowPtr[r0] and sets rowPtr[i + 1]; returns
 * the first row not written: r1 when done, earlier when the next row would overflow cap (the
 * caller grows the arrays and calls again from there).
 */
int32_t tessera_csr_csr_rows(const int32_t *aRowPtr, const int32_t *aColIdx, const double *aValues,
                             const int32_t *bRowPtr, const int32_t *bColIdx, const double *bValues, int32_t n,
                             double *acc, int32_t *mark, int32_t *touched, int32_t *rowPtr, int32_t *colIdx,
                             double *values, int64_t cap, int32_t r0, int32_t r1) {
  int64_t w = rowPtr[r0];
  for (int32_t i = r0; i < r1; i++) {
    int32_t cnt = 0;
    for (int32_t p = aRowPtr[i]; p < aRowPtr[i + 1]; p++) {
      const double aik = aValues[p];
      if (aik == 0) continue;
      const int32_t k = aColIdx[p];
      for (int32_t q = bRowPtr[k]; q < bRowPtr[k + 1]; q++) {
        const double bv = bValues[q];
        if (bv == 0) continue;
        const int32_t j = bColIdx[q];
        if (mark[j] != i) {
          mark[j] = i;
          acc[j] = 0;
          touched[cnt++] = j;
        }
        acc[j] = acc[j] + aik * bv;
      }
    }
    if (w + cnt > cap) {
      /* Forget this row's marks: the call that resumes here recomputes it from scratch. */
      for (int32_t t = 0; t < cnt; t++) mark[touched[t]] = -1;
      return i;
    }
    if ((int64_t)cnt * 16 >= n) {
      /* Dense enough: collect the marked columns in order instead of sorting. */
      cnt = 0;
      for (int32_t j = 0; j < n; j++)
        if (mark[j] == i) touched[cnt++] = j;
    } else {
      sort_cols(touched, cnt);
    }
    for (int32_t t = 0; t < cnt; t++) {
      const int32_t j = touched[t];
      const double v = acc[j];
      if (v == 0) continue;
      colIdx[w] = j;
      values[w++] = v;
    }
    rowPtr[i + 1] = (int32_t)w;
  }
  return r1;
}
