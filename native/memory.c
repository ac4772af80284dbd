/*
 * Memory placement for large dense matrices. Transparent huge pages are usually in "madvise" mode
 * (only regions that ask get them) and V8 never asks; with 4 KB pages a streaming kernel over a
 * large matrix spends much of its time in TLB misses, worst in virtual machines, where each miss
 * is a two-level page walk. NumPy madvises its large arrays for the same reason.
 */
#define _GNU_SOURCE
#include <stdint.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* Asks for huge pages over the 2 MB-aligned interior of p[0..n). Useful only before the pages are
 * first touched (a fresh, zero-filled ArrayBuffer's are not yet). Returns 0 when advised, 1 when
 * too small or not supported, -1 when madvise refused. */
int tessera_advise_huge(const double *p, int64_t n) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t huge = (uintptr_t)2 << 20;
  uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
  uintptr_t e = ((uintptr_t)p + (uintptr_t)n * sizeof(double)) & ~(huge - 1);
  if (e <= a) return 1;
  return madvise((void *)a, e - a, MADV_HUGEPAGE) == 0 ? 0 : -1;
#else
  (void)p;
  (void)n;
  return 1;
#endif
}
