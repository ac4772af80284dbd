/**
 * Bindings of the compiled skinny-product kernels (native/skinny-mm.c): X %*% V, t(X) %*% W and
 * mmchain for a tall dense row-major X with a thin operand, one pass over X. Each getter returns
 * undefined without the library (or in a build that predates native/skinny-mm.c), and the caller
 * runs its usual kernel. Plain fma, no zero skipping: callers rerun the TypeScript kernel when a
 * result cell is not finite.
 */
import { optionalCompiledFn } from './library.js';
import { CompilerOps } from '../../../common/op-names.js';

/** Rows r0..r1 of out (n x k) = X %*% V (V d x k, k <= 16). Returns 0, -1 (shape) or -2 (no memory). */
export type SkinnyMmRows = (
  x: Float64Array,
  n: number,
  d: number,
  v: Float64Array,
  k: number,
  r0: number,
  r1: number,
  out: Float64Array,
) => number;

/** Adds t(X[r0:r1,]) %*% W[r0:r1,] to part (d x k). Returns 0, -1 (shape) or -2 (no memory). */
export type SkinnyTmmRows = (
  x: Float64Array,
  n: number,
  d: number,
  w: Float64Array,
  k: number,
  r0: number,
  r1: number,
  part: Float64Array,
) => number;

/** Adds t(X[r0:r1,]) %*% (w[r0:r1] * (X[r0:r1,] %*% v)) to acc (d cells); w null: no weights. */
export type SkinnyMmchainRows = (
  x: Float64Array,
  n: number,
  d: number,
  v: Float64Array,
  w: Float64Array | null,
  r0: number,
  r1: number,
  acc: Float64Array,
) => number;

export function compiledSkinnyMmRows(): SkinnyMmRows | undefined {
  return optionalCompiledFn<SkinnyMmRows>(
    'int tessera_skinny_mm_rows(const double *x, int64_t n, int32_t d, const double *v, int32_t k, int64_t r0, int64_t r1, double *out)',
  );
}

export function compiledSkinnyTmmRows(): SkinnyTmmRows | undefined {
  return optionalCompiledFn<SkinnyTmmRows>(
    'int tessera_skinny_tmm_rows(const double *x, int64_t n, int32_t d, const double *w, int32_t k, int64_t r0, int64_t r1, double *part)',
  );
}

export function compiledSkinnyMmchainRows(): SkinnyMmchainRows | undefined {
  return optionalCompiledFn<SkinnyMmchainRows>(
    'int tessera_skinny_mmchain_rows(const double *x, int64_t n, int32_t d, const double *v, const double *w, int64_t r0, int64_t r1, double *acc)',
  );
}

/** One thread's share of a split skinny product (job kind 'skinnyMm', ../parallel/skinny-mm.ts). */
export interface SkinnyMmJob {
  /** mm: X %*% V; tmm: t(X) %*% W; mmchain: t(X) %*% (w * (X %*% v)). */
  readonly op: 'mm' | typeof CompilerOps.tmm | typeof CompilerOps.mmchain;
  readonly x: Float64Array;
  readonly n: number;
  readonly d: number;
  /** mm: V (d x k); tmm: W (n x k); mmchain: v (d). */
  readonly y: Float64Array;
  readonly k: number;
  /** mmchain's weights (n), absent for t(X) %*% (X %*% v). */
  readonly w?: Float64Array;
  readonly r0: number;
  readonly r1: number;
  /** mm: the n x k result (this job writes rows r0..r1); tmm/mmchain: zeroed partials, d*k per chunk. */
  readonly out: Float64Array;
  readonly slot: number;
}

/**
 * Runs the job's rows. Throws when the compiled kernels cannot be loaded in this thread (the pool
 * then reports the operation as not run and the caller takes its one-thread path).
 */
export function runSkinnyMmJob(j: SkinnyMmJob): void {
  const dk = j.d * j.k;
  let rc = -1;
  if (j.op === 'mm') {
    const f = compiledSkinnyMmRows();
    if (f) rc = f(j.x, j.n, j.d, j.y, j.k, j.r0, j.r1, j.out);
  } else if (j.op === CompilerOps.tmm) {
    const f = compiledSkinnyTmmRows();
    if (f) rc = f(j.x, j.n, j.d, j.y, j.k, j.r0, j.r1, j.out.subarray(j.slot * dk, (j.slot + 1) * dk));
  } else {
    const f = compiledSkinnyMmchainRows();
    const part = j.out.subarray(j.slot * j.d, (j.slot + 1) * j.d);
    if (f) rc = f(j.x, j.n, j.d, j.y, j.w ?? null, j.r0, j.r1, part);
  }
  if (rc !== 0) throw new Error('compiled skinny product kernel unavailable');
}
