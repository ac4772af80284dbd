/**
 * Routing of skinny dense products to the compiled one-pass kernels (native/skinny-mm.c):
 *   X %*% V          (V with at most SKINNY_MM_MAX_K columns)
 *   t(w) %*% X       (a row vector times X: t(X) %*% w, one column)
 *   t(X) %*% W       (tmm, W with at most SKINNY_TMM_MAX_K columns)
 *   mmchain(X, v, w)
 * These are the inner loops of lmCG, l2svm, multiLogReg, kmeans and glm; OpenBLAS dgemv/dgemm reach
 * a fraction of memory bandwidth on them. Each function returns undefined when the operands do
 * not qualify or the compiled kernels are not available (TESSERA_KERNELS=js), so the caller takes
 * its usual path; tiny operands are turned away by size before the library is loaded. With BLAS
 * loaded, only the shapes where the compiled kernels measured faster than dgemm/dgemv are routed.
 *
 * Zero semantics: the kernels multiply 0 * Inf into NaN where DML skips the term. Any non-finite
 * term leaves a non-finite result cell, so a finite result is what the zero semantics give (up to
 * rounding); otherwise the TypeScript kernel recomputes the product.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { allocDense } from './parallel/shared-memory.js';
import { kernelResources } from '../kernel-resources.js';
import { parallelSkinnyMm, parallelSkinnyPartials } from './parallel/skinny-mm.js';
import { countCompiledCall } from './compiled/library.js';
import {
  compiledSkinnyMmchainRows,
  compiledSkinnyMmRows,
  compiledSkinnyTmmRows,
} from './compiled/skinny-mm.js';
import { matmul } from './matmul.js';
import { nativeBlas as loadedBlas } from './native/state.js';
import { transpose } from './transpose.js';
import { CompilerOps } from '../../common/op-names.js';

/** Widest V for X %*% V and W for t(X) %*% W (compiled beat dgemm up to 16: docs/engine.md). */
export const SKINNY_MM_MAX_K = 16;
export const SKINNY_TMM_MAX_K = 16;
/** Widest X for t(X) %*% W and mmchain: the d x k accumulator should stay in L1/L2. */
export const SKINNY_MAX_D = 4096;
/**
 * Cut-offs against BLAS, applied only while a BLAS library is loaded (without one the compiled
 * kernels beat the TypeScript loops at any size above SKINNY_MIN_CELLS). Mutable for tests.
 */
export const skinnyBlasCutoffs = {
  /**
   * Smallest X (cells) for X %*% V and t(X) %*% W: below ~8 MB X sits in the caches, where dgemm's
   * compute-tuned loops match or beat the one-pass kernels (1e4 x 51, 3e4 x 10: docs/engine.md).
   */
  minCells: 1 << 20,
  /** X %*% V needs d >= this: for narrow X (d = 3, 10) and k >= 4 dgemm was faster. */
  mmMinD: 32,
  /**
   * t(X) %*% w (one column) of a narrow X (d < 16): dgemv wins while X is in cache (3e4 x 10: 0.07
   * against 0.29 ms), the compiled kernel once X is well past L3 (1e6 x 10: 5.6 against 19 ms).
   */
  narrowTmmMinCells: 1 << 22,
};

/** Smallest X otherwise (mmchain, or no BLAS): microseconds either way, and no FFI call or library load. */
export const SKINNY_MIN_CELLS = 4096;

/** Whether X %*% V goes to the compiled kernel rather than BLAS dgemm (or the TypeScript loop). */
function mmRouted(n: number, d: number, k: number): boolean {
  if (k > SKINNY_MM_MAX_K || n * d < SKINNY_MIN_CELLS) return false;
  if (!loadedBlas()) return true;
  return d >= skinnyBlasCutoffs.mmMinD && n * d >= skinnyBlasCutoffs.minCells;
}

/** Whether t(X) %*% W goes to the compiled kernel rather than BLAS (or the TypeScript loop). */
function tmmRouted(n: number, d: number, k: number): boolean {
  if (k > SKINNY_TMM_MAX_K || d > SKINNY_MAX_D || n * d < SKINNY_MIN_CELLS) return false;
  if (!loadedBlas()) return true;
  if (n * d < skinnyBlasCutoffs.minCells) return false;
  return k > 1 || d >= 16 || n * d >= skinnyBlasCutoffs.narrowTmmMinCells;
}

function allFinite(d: Float64Array): boolean {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return false;
  return true;
}

/** A %*% B for dense A and B when one side is skinny (see the header), else undefined. */
export function compiledSkinnyMatmul(a: MatrixBlock, b: MatrixBlock): MatrixBlock | undefined {
  if (a.isSparse || b.isSparse || a.cols !== b.rows || a.cols === 0) return undefined;
  // t(w) %*% X: the 1 x n row vector's cells are w's, so this is t(X) %*% w.
  if (a.rows === 1 && b.cols > 1) {
    const r = transA(b, a.denseData(), 1);
    if (r === undefined) return undefined;
    // t(X) %*% w is d x 1; its cells are those of the 1 x d row t(w) %*% X.
    return r === null ? matmul(a, b) : MatrixBlock.dense(1, b.cols, r.denseData()).examSparsity();
  }
  const n = a.rows;
  const d = a.cols;
  const k = b.cols;
  if (!mmRouted(n, d, k)) return undefined;
  const f = compiledSkinnyMmRows();
  if (!f) return undefined;
  countCompiledCall();
  const x = a.denseData();
  const v = b.denseData();
  const rt = kernelResources();
  let out = parallelSkinnyMm(rt, x, n, d, v, k);
  if (out === undefined) {
    out = allocDense(rt, n * k);
    if (f(x, n, d, v, k, 0, n, out) !== 0) return matmul(a, b);
  }
  if (!allFinite(out)) return matmul(a, b);
  return MatrixBlock.dense(n, k, out).examSparsity();
}

/** t(X) %*% W for dense X and a thin dense W (tmm), else undefined. */
export function compiledSkinnyTransA(x: MatrixBlock, w: MatrixBlock): MatrixBlock | undefined {
  if (x.isSparse || w.isSparse || x.rows !== w.rows) return undefined;
  const r = transA(x, w.denseData(), w.cols);
  return r === undefined ? undefined : (r ?? matmul(transpose(x), w));
}

/**
 * t(X) %*% W (d x k) for dense X; undefined when X does not qualify, null when the result is not
 * finite (the caller recomputes it with the TypeScript kernel).
 */
function transA(x: MatrixBlock, w: Float64Array, k: number): MatrixBlock | null | undefined {
  const n = x.rows;
  const d = x.cols;
  if (x.isSparse || d === 0 || k === 0 || !tmmRouted(n, d, k)) return undefined;
  const f = compiledSkinnyTmmRows();
  if (!f) return undefined;
  countCompiledCall();
  const xd = x.denseData();
  let out = parallelSkinnyPartials(kernelResources(), CompilerOps.tmm, xd, n, d, w, k);
  if (out === undefined) {
    out = new Float64Array(d * k);
    if (f(xd, n, d, w, k, 0, n, out) !== 0) return null;
  }
  if (!allFinite(out)) return null;
  return MatrixBlock.dense(d, k, out).examSparsity();
}

/**
 * t(X) %*% (w * (X %*% v)) (d x 1) for dense X, v (d x 1) and w (n x 1) or none; undefined when X
 * does not qualify, the compiled kernels are not available or the result is not finite (the
 * caller then runs its TypeScript loop).
 */
export function compiledMmchain(x: MatrixBlock, v: MatrixBlock, w?: MatrixBlock): Float64Array | undefined {
  const n = x.rows;
  const d = x.cols;
  if (x.isSparse || d === 0 || d > SKINNY_MAX_D || n * d < SKINNY_MIN_CELLS) return undefined;
  const f = compiledSkinnyMmchainRows();
  if (!f) return undefined;
  countCompiledCall();
  const xd = x.denseData();
  const vd = v.denseData();
  const wd = w?.denseData();
  let out = parallelSkinnyPartials(kernelResources(), CompilerOps.mmchain, xd, n, d, vd, 1, wd);
  if (out === undefined) {
    out = new Float64Array(d);
    if (f(xd, n, d, vd, wd ?? null, 0, n, out) !== 0) return undefined;
  }
  return allFinite(out) ? out : undefined;
}
