/**
 * The local variants of A %*% B (matmul) and t(X) %*% Y (tmm), one table per op in preference
 * order. Dense products big enough for a native call go to the compiled one-pass kernels when one
 * side is skinny (memory-bound shapes where they beat dgemm/dgemv, skinny-mm.ts), else to BLAS
 * dgemm; everything else (sparse operands, small or all-zero products, no library) to the
 * TypeScript kernel, whose own sparse/dense dispatch (compiled CSR row kernels, threads) is a
 * matter of data layout, not of variant. Compiled and BLAS results are kept only when finite:
 * they multiply 0 * Inf into NaN where DML skips the term, and the TypeScript kernel recomputes.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { kernelResources } from '../kernel-resources.js';
import { compiledDescription, compiledKernels } from './compiled/library.js';
import { compiledSkinnyMmRows, compiledSkinnyTmmRows } from './compiled/skinny-mm.js';
import { allFinite, finiteNnz } from './finite.js';
import { matmul } from './matmul.js';
import { gemm, gemmTransA } from './native/routines.js';
import { blasUnavailable, countNativeCall, nativeBlas, nativeDisabled } from './native/state.js';
import { GEMM_MIN_FLOPS } from './native/thresholds.js';
import {
  skinnyMatmul,
  skinnyMatmulAccepts,
  skinnyMatmulRouted,
  skinnyTransA,
  skinnyTransAAccepts,
  skinnyTransARouted,
} from './skinny-mm.js';
import { transpose } from './transpose.js';
import { runFirstVariant, typeScriptVariant, type KernelVariant } from './variants.js';

/** A %*% B, or t(A) %*% B for tmm. */
export interface MatmulInputs {
  readonly a: MatrixBlock;
  readonly b: MatrixBlock;
}

export type MatmulVariant = KernelVariant<MatmulInputs, MatrixBlock>;

/**
 * Dense operands of a product of at least GEMM_MIN_FLOPS, neither all zeros: the products worth
 * a native or compiled call (m x k times k x n; for tmm, A is k x m).
 */
function denseAndLarge(a: MatrixBlock, b: MatrixBlock, m: number, k: number): boolean {
  return !a.isSparse && !b.isSparse && 2 * m * b.cols * k >= GEMM_MIN_FLOPS && a.nnz !== 0 && b.nnz !== 0;
}

/** Why the compiled skinny kernels cannot run here (`bound`: whether the ones needed are in the library). */
function skinnyUnavailable(bound: () => boolean): string | undefined {
  if (compiledKernels() === undefined) return compiledDescription();
  return bound() ? undefined : 'the compiled library predates native/skinny-mm.c';
}

/**
 * Skinny dense A %*% B (B of at most 16 columns, or A one row) with the compiled one-pass kernels,
 * split over threads when large. It was part of the dense native path, so TESSERA_BLAS=none (the
 * TypeScript baseline) turns it off with BLAS, as it always has.
 */
export const matmulCompiledSkinny: MatmulVariant = {
  name: 'compiled-skinny',
  unavailable: () =>
    skinnyUnavailable(() => compiledSkinnyMmRows() !== undefined && compiledSkinnyTmmRows() !== undefined),
  accepts: ({ a, b }) => skinnyMatmulAccepts(a, b),
  supports: ({ a, b }) =>
    a.cols === b.rows && denseAndLarge(a, b, a.rows, a.cols) && !nativeDisabled() && skinnyMatmulRouted(a, b),
  run: ({ a, b }, rt) => skinnyMatmul(a, b, rt),
};

/** Dense A %*% B with BLAS dgemm. */
export const matmulBlas: MatmulVariant = {
  name: 'blas',
  unavailable: blasUnavailable,
  // dgemm wants leading dimensions of at least 1.
  accepts: ({ a, b }) =>
    !a.isSparse && !b.isSparse && a.cols === b.rows && a.rows >= 1 && a.cols >= 1 && b.cols >= 1,
  supports: ({ a, b }) =>
    a.cols === b.rows && denseAndLarge(a, b, a.rows, a.cols) && nativeBlas() !== undefined,
  run({ a, b }) {
    const blas = nativeBlas()!;
    countNativeCall();
    const m = a.rows;
    const n = b.cols;
    const c = gemm(blas.fns, a.denseData(), b.denseData(), m, a.cols, n);
    // Any non-finite input term leaves a non-finite cell, so a finite result is exactly what the
    // zero semantics give (up to rounding).
    const nnz = finiteNnz(c);
    if (nnz < 0) return matmul(a, b);
    return MatrixBlock.denseWithNnz(m, n, c, nnz).examSparsity();
  },
};

export const matmulTypeScript: MatmulVariant = typeScriptVariant(({ a, b }) => matmul(a, b));

/** Every matmul variant in preference order; the kernel runs the first that supports the call. */
export const MATMUL_VARIANTS: readonly MatmulVariant[] = [matmulCompiledSkinny, matmulBlas, matmulTypeScript];

/** A %*% B: the first variant that supports the call. */
export function matmulKernel(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  return runFirstVariant(MATMUL_VARIANTS, { a, b }, kernelResources());
}

/** t(X) %*% W for a thin dense W with the compiled one-pass kernel (no TESSERA_BLAS=none gate). */
export const tmmCompiledSkinny: MatmulVariant = {
  name: 'compiled-skinny',
  unavailable: () => skinnyUnavailable(() => compiledSkinnyTmmRows() !== undefined),
  accepts: ({ a, b }) => skinnyTransAAccepts(a, b),
  supports: ({ a, b }) => skinnyTransARouted(a, b),
  run: ({ a, b }, rt) => skinnyTransA(a, b, rt),
};

/** Dense t(A) %*% B with BLAS reading A transposed in place (no copy of t(A)). */
export const tmmBlas: MatmulVariant = {
  name: 'blas',
  unavailable: blasUnavailable,
  accepts: ({ a, b }) =>
    !a.isSparse && !b.isSparse && a.rows === b.rows && a.rows >= 1 && a.cols >= 1 && b.cols >= 1,
  supports: ({ a, b }) =>
    denseAndLarge(a, b, a.cols, a.rows) && a.cols > 0 && b.cols > 0 && nativeBlas() !== undefined,
  run({ a, b }) {
    const blas = nativeBlas()!;
    countNativeCall();
    const c = gemmTransA(blas.fns, a.denseData(), b.denseData(), a.rows, a.cols, b.cols);
    if (allFinite(c)) return MatrixBlock.dense(a.cols, b.cols, c).examSparsity();
    return matmul(transpose(a), b);
  },
};

export const tmmTypeScript: MatmulVariant = typeScriptVariant(({ a, b }) => matmul(transpose(a), b));

/** Every tmm variant in preference order. */
export const TMM_VARIANTS: readonly MatmulVariant[] = [tmmCompiledSkinny, tmmBlas, tmmTypeScript];

/**
 * t(A) %*% B without materialising t(A) where a variant can (for t(X) %*% y in lm's normal
 * equations, where copying X would cost as much as the product).
 */
export function tmmKernel(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  if (a.rows !== b.rows) throw new RangeError(`matmul: t(${a.rows}x${a.cols}) %*% ${b.rows}x${b.cols}`);
  return runFirstVariant(TMM_VARIANTS, { a, b }, kernelResources());
}
