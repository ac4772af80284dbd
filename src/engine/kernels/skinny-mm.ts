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
import { kernelResources, type KernelResources } from '../kernel-resources.js';
import { parallelSkinnyMm, parallelSkinnyPartials } from './parallel/skinny-mm.js';
import { countCompiledCall } from './compiled/library.js';
import {
  compiledSkinnyMmchainRows,
  compiledSkinnyMmRows,
  compiledSkinnyTmmRows,
} from './compiled/skinny-mm.js';
import { allFinite } from './finite.js';
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

/**
 * Whether A %*% B goes to the compiled kernels (dense, one side skinny: see the header). Checks
 * sizes before loading anything; true implies skinnyMatmulAccepts.
 */
export function skinnyMatmulRouted(a: MatrixBlock, b: MatrixBlock): boolean {
  if (a.isSparse || b.isSparse || a.cols !== b.rows || a.cols === 0) return false;
  // t(w) %*% X: the 1 x n row vector's cells are w's, so this is t(X) %*% w.
  if (a.rows === 1 && b.cols > 1)
    return tmmRouted(b.rows, b.cols, 1) && compiledSkinnyTmmRows() !== undefined;
  return mmRouted(a.rows, a.cols, b.cols) && compiledSkinnyMmRows() !== undefined;
}

/** What skinnyMatmul computes at all: dense conformable A, B with d >= 1, B of 1..16 columns or A one row. */
export function skinnyMatmulAccepts(a: MatrixBlock, b: MatrixBlock): boolean {
  if (a.isSparse || b.isSparse || a.cols !== b.rows || a.cols === 0) return false;
  return (a.rows === 1 && b.cols > 1) || (b.cols >= 1 && b.cols <= SKINNY_MM_MAX_K);
}

/**
 * A %*% B with the compiled kernels whatever the size (skinnyMatmulAccepts; the library loaded),
 * split over the pool when it pays; the TypeScript kernel recomputes a non-finite result.
 */
export function skinnyMatmul(a: MatrixBlock, b: MatrixBlock, rt: KernelResources): MatrixBlock {
  if (a.rows === 1 && b.cols > 1) {
    const r = transARun(b, a.denseData(), 1, rt);
    // t(X) %*% w is d x 1; its cells are those of the 1 x d row t(w) %*% X.
    return r === null ? matmul(a, b) : MatrixBlock.dense(1, b.cols, r.denseData()).examSparsity();
  }
  const n = a.rows;
  const d = a.cols;
  const k = b.cols;
  const f = compiledSkinnyMmRows()!;
  countCompiledCall();
  const x = a.denseData();
  const v = b.denseData();
  let out = parallelSkinnyMm(rt, x, n, d, v, k);
  if (out === undefined) {
    out = allocDense(rt, n * k);
    if (f(x, n, d, v, k, 0, n, out) !== 0) return matmul(a, b);
  }
  if (!allFinite(out)) return matmul(a, b);
  return MatrixBlock.dense(n, k, out).examSparsity();
}

/** A %*% B for dense A and B when one side is skinny (see the header), else undefined. */
export function compiledSkinnyMatmul(a: MatrixBlock, b: MatrixBlock): MatrixBlock | undefined {
  return skinnyMatmulRouted(a, b) ? skinnyMatmul(a, b, kernelResources()) : undefined;
}

/** Whether t(X) %*% W (tmm) goes to the compiled kernel: dense, W thin (see the header). */
export function skinnyTransARouted(x: MatrixBlock, w: MatrixBlock): boolean {
  if (!skinnyTransAAccepts(x, w)) return false;
  return tmmRouted(x.rows, x.cols, w.cols) && compiledSkinnyTmmRows() !== undefined;
}

/** What skinnyTransA computes at all: dense X and W with as many rows, d >= 1, k >= 1. */
export function skinnyTransAAccepts(x: MatrixBlock, w: MatrixBlock): boolean {
  return !x.isSparse && !w.isSparse && x.rows === w.rows && x.cols > 0 && w.cols > 0;
}

/** t(X) %*% W with the compiled kernel whatever the size (skinnyTransAAccepts; the library loaded). */
export function skinnyTransA(x: MatrixBlock, w: MatrixBlock, rt: KernelResources): MatrixBlock {
  return transARun(x, w.denseData(), w.cols, rt) ?? matmul(transpose(x), w);
}

/** t(X) %*% W for dense X and a thin dense W (tmm), else undefined. */
export function compiledSkinnyTransA(x: MatrixBlock, w: MatrixBlock): MatrixBlock | undefined {
  return skinnyTransARouted(x, w) ? skinnyTransA(x, w, kernelResources()) : undefined;
}

/**
 * t(X) %*% W (d x k) for dense X with the compiled kernel; null when the result is not finite
 * (the caller recomputes it with the TypeScript kernel).
 */
function transARun(x: MatrixBlock, w: Float64Array, k: number, rt: KernelResources): MatrixBlock | null {
  const n = x.rows;
  const d = x.cols;
  const f = compiledSkinnyTmmRows()!;
  countCompiledCall();
  const xd = x.denseData();
  let out = parallelSkinnyPartials(rt, CompilerOps.tmm, xd, n, d, w, k);
  if (out === undefined) {
    out = new Float64Array(d * k);
    if (f(xd, n, d, w, k, 0, n, out) !== 0) return null;
  }
  if (!allFinite(out)) return null;
  return MatrixBlock.dense(d, k, out).examSparsity();
}

/** Whether mmchain(X, v, w) goes to the compiled kernel: a dense X of d <= SKINNY_MAX_D, large enough. */
export function skinnyMmchainRouted(x: MatrixBlock): boolean {
  const d = x.cols;
  return (
    skinnyMmchainAccepts(x) &&
    d <= SKINNY_MAX_D &&
    x.rows * d >= SKINNY_MIN_CELLS &&
    compiledSkinnyMmchainRows() !== undefined
  );
}

/** What skinnyMmchain computes at all: a dense X with at least one column. */
export function skinnyMmchainAccepts(x: MatrixBlock): boolean {
  return !x.isSparse && x.cols > 0;
}

/**
 * t(X) %*% (w * (X %*% v)) (d x 1) for dense X, v (d x 1) and w (n x 1) or none with the compiled
 * kernel whatever the size; undefined when the result is not finite (the caller then runs its
 * TypeScript loop).
 */
export function skinnyMmchain(
  x: MatrixBlock,
  v: MatrixBlock,
  w: MatrixBlock | undefined,
  rt: KernelResources,
): Float64Array | undefined {
  const n = x.rows;
  const d = x.cols;
  const f = compiledSkinnyMmchainRows()!;
  countCompiledCall();
  const xd = x.denseData();
  const vd = v.denseData();
  const wd = w?.denseData();
  let out = parallelSkinnyPartials(rt, CompilerOps.mmchain, xd, n, d, vd, 1, wd);
  if (out === undefined) {
    out = new Float64Array(d);
    if (f(xd, n, d, vd, wd ?? null, 0, n, out) !== 0) return undefined;
  }
  return allFinite(out) ? out : undefined;
}

/**
 * mmchain with the compiled kernel when X qualifies; undefined when it does not, the compiled
 * kernels are not available or the result is not finite.
 */
export function compiledMmchain(x: MatrixBlock, v: MatrixBlock, w?: MatrixBlock): Float64Array | undefined {
  return skinnyMmchainRouted(x) ? skinnyMmchain(x, v, w, kernelResources()) : undefined;
}
