/**
 * Bindings of the compiled sparse-product kernels (native/sparse.c). Each getter returns undefined
 * when the compiled kernels are not available, and the caller runs its TypeScript kernel.
 */
import { optionalCompiledFn } from './library.js';

/** Rows r0..r1 of CSR A %*% dense B (n columns) accumulated into the zeroed row-major out. */
export type CsrDenseRows = (
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  b: Float64Array,
  n: number,
  out: Float64Array,
  r0: number,
  r1: number,
) => void;

/** Rows r0..r1 of dense A (kd columns) %*% CSR B (n columns) accumulated into the zeroed out. */
export type DenseCsrRows = (
  a: Float64Array,
  kd: number,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  n: number,
  out: Float64Array,
  r0: number,
  r1: number,
) => void;

/**
 * Rows r0.. of CSR A %*% CSR B (Gustavson, as matmul.ts's sparseSparse) into rowPtr/colIdx/values
 * (capacity cap) from rowPtr[r0]; returns the first row not written (r1 when done). acc, mark
 * (all -1 at first) and touched are work arrays of n.
 */
export type CsrCsrRows = (
  aRowPtr: Int32Array,
  aColIdx: Int32Array,
  aValues: Float64Array,
  bRowPtr: Int32Array,
  bColIdx: Int32Array,
  bValues: Float64Array,
  n: number,
  acc: Float64Array,
  mark: Int32Array,
  touched: Int32Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  cap: number,
  r0: number,
  r1: number,
) => number;

const CSR_CSR =
  'int32_t tessera_csr_csr_rows(const int32_t *aRowPtr, const int32_t *aColIdx, const double *aValues, ' +
  'const int32_t *bRowPtr, const int32_t *bColIdx, const double *bValues, int32_t n, double *acc, ' +
  'int32_t *mark, int32_t *touched, int32_t *rowPtr, int32_t *colIdx, double *values, int64_t cap, ' +
  'int32_t r0, int32_t r1)';

const CSR_DENSE =
  'void tessera_csr_dense_rows(const int32_t *rowPtr, const int32_t *colIdx, const double *values, ' +
  'const double *b, int32_t n, double *out, int32_t r0, int32_t r1)';

const DENSE_CSR =
  'void tessera_dense_csr_rows(const double *a, int32_t kd, const int32_t *rowPtr, const int32_t *colIdx, ' +
  'const double *values, int32_t n, double *out, int32_t r0, int32_t r1)';

export function compiledCsrDenseRows(): CsrDenseRows | undefined {
  return optionalCompiledFn<CsrDenseRows>(CSR_DENSE);
}

export function compiledDenseCsrRows(): DenseCsrRows | undefined {
  return optionalCompiledFn<DenseCsrRows>(DENSE_CSR);
}

export function compiledCsrCsrRows(): CsrCsrRows | undefined {
  return optionalCompiledFn<CsrCsrRows>(CSR_CSR);
}
