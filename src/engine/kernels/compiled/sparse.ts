/**
 * Bindings of the compiled sparse-product kernels (native/sparse.c). Each getter returns undefined
 * when the compiled kernels are not available, and the caller runs its TypeScript kernel.
 */
import { compiledKernels } from './library.js';

/** The bound function, or undefined without the library or in a build that predates native/sparse.c. */
function bind<T>(decl: string): T | undefined {
  const kernels = compiledKernels();
  if (kernels === undefined) return undefined;
  try {
    return kernels.fn(decl) as T;
  } catch {
    return undefined;
  }
}

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

const CSR_DENSE =
  'void tessera_csr_dense_rows(const int32_t *rowPtr, const int32_t *colIdx, const double *values, ' +
  'const double *b, int32_t n, double *out, int32_t r0, int32_t r1)';

const DENSE_CSR =
  'void tessera_dense_csr_rows(const double *a, int32_t kd, const int32_t *rowPtr, const int32_t *colIdx, ' +
  'const double *values, int32_t n, double *out, int32_t r0, int32_t r1)';

export function compiledCsrDenseRows(): CsrDenseRows | undefined {
  return bind<CsrDenseRows>(CSR_DENSE);
}

export function compiledDenseCsrRows(): DenseCsrRows | undefined {
  return bind<DenseCsrRows>(DENSE_CSR);
}
