/**
 * Sizes below which the TypeScript kernels win: a native call pays koffi's marshalling (a few
 * microseconds) plus, for LAPACK, a copy of the input. Measured on the 2-core AVX-512 machine with
 * OpenBLAS 0.3.21 (see bench/RESULTS.md); generous rather than tight, since both paths are
 * correct and tiny operations are dominated by interpreter overhead anyway.
 */

/** Minimum 2*m*n*k for matmul and tsmm to go native. */
export const GEMM_MIN_FLOPS = 2 * 20 * 20 * 20;

/** Minimum order n of a square matrix for solve/inv/det/cholesky/eigen/lu to go native. */
export const LAPACK_MIN_N = 16;

/** Minimum m*n*min(m,n) for svd to go native. */
export const SVD_MIN_WORK = 16 * 16 * 16;
