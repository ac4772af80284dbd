/**
 * Binding of the compiled skinny tsmm kernel (native/tsmm.c): t(X) %*% X for a dense row-major X
 * with few columns, one pass over X at memory speed where OpenBLAS dsyrk reaches a fraction of it.
 */
import { optionalCompiledFn } from './library.js';

/**
 * Adds t(X[r0:r1,]) %*% X[r0:r1,] to the upper triangle (i <= j) of out (n x n, row-major); the
 * strict lower triangle is left alone. Every cell is one fma chain over the rows in order, so a
 * given row range always gives the same bits. No zero skipping: 0 * Inf is NaN (callers that see a
 * non-finite cell rerun the TypeScript kernel). Returns 0, or -1 when n is outside 1..64.
 */
export type TsmmLeftRows = (
  x: Float64Array,
  m: number,
  n: number,
  r0: number,
  r1: number,
  out: Float64Array,
) => number;

const TSMM_LEFT_ROWS =
  'int tessera_tsmm_left_rows(const double *x, int64_t m, int32_t n, int64_t r0, int64_t r1, double *out)';

/** The kernel, or undefined without the library or in a build that predates native/tsmm.c. */
export function compiledTsmmLeftRows(): TsmmLeftRows | undefined {
  return optionalCompiledFn<TsmmLeftRows>(TSMM_LEFT_ROWS);
}

/** One thread's share of a split tsmm (job kind 'tsmmLeft', ../parallel/tsmm.ts). */
export interface TsmmLeftJob {
  readonly x: Float64Array;
  readonly m: number;
  readonly n: number;
  readonly r0: number;
  readonly r1: number;
  /** n*n cells per chunk, zeroed: chunk `slot` receives this job's partial upper triangle. */
  readonly part: Float64Array;
  readonly slot: number;
}

/**
 * Runs rows r0..r1 into the job's chunk. Throws when the compiled kernels cannot be loaded in this
 * thread (the pool then reports the operation as not run and the caller takes its one-thread path).
 */
export function runTsmmLeftJob(j: TsmmLeftJob): void {
  const f = compiledTsmmLeftRows();
  const nn = j.n * j.n;
  if (!f || f(j.x, j.m, j.n, j.r0, j.r1, j.part.subarray(j.slot * nn, (j.slot + 1) * nn)) !== 0)
    throw new Error('compiled tsmm kernel unavailable');
}
