/*
 * Dense cell-wise binary ops for cache-resident vectors and matrices (n x 1 vectors in the
 * iterative stdlib algorithms): V8 runs `out[k] = a[k] * b[k]` at ~1.8 ns per cell with bounds
 * checks and no SIMD, NumPy at ~0.25. Each call also returns the number of non-zero cells, so the
 * caller needs no second counting pass. Plain IEEE operations, one per cell: the values are those
 * of the TypeScript loops (comparisons give 1.0 or 0.0, false with NaN; != is true with NaN).
 */
#include <stdint.h>

enum { ADD, SUB, MUL, DIV, GT, LT, GE, LE, EQ, NE };

#define LOOP(EXPR)                                                                                 \
  for (int64_t k = 0; k < n; k++) {                                                                \
    const double v = (EXPR);                                                                       \
    out[k] = v;                                                                                    \
    nz += (v != 0.0);                                                                              \
  }                                                                                                \
  break

#define OPS(A, B)                                                                                  \
  switch (op) {                                                                                    \
  case ADD: LOOP((A) + (B));                                                                       \
  case SUB: LOOP((A) - (B));                                                                       \
  case MUL: LOOP((A) * (B));                                                                       \
  case DIV: LOOP((A) / (B));                                                                       \
  case GT: LOOP((double)((A) > (B)));                                                              \
  case LT: LOOP((double)((A) < (B)));                                                              \
  case GE: LOOP((double)((A) >= (B)));                                                             \
  case LE: LOOP((double)((A) <= (B)));                                                             \
  case EQ: LOOP((double)((A) == (B)));                                                             \
  case NE: LOOP((double)((A) != (B)));                                                             \
  default: return -1.0;                                                                            \
  }

/* out = a op b over n cells; returns the non-zero count (-1: unknown op). */
double tessera_binary_vv(int32_t op, const double *restrict a, const double *restrict b, double *restrict out,
                         int64_t n) {
  int64_t nz = 0;
  OPS(a[k], b[k])
  return (double)nz;
}

/* out = a op s */
double tessera_binary_vs(int32_t op, const double *restrict a, double s, double *restrict out, int64_t n) {
  int64_t nz = 0;
  OPS(a[k], s)
  return (double)nz;
}

/* out = s op b */
double tessera_binary_sv(int32_t op, double s, const double *restrict b, double *restrict out, int64_t n) {
  int64_t nz = 0;
  OPS(s, b[k])
  return (double)nz;
}
