/**
 * The 'native' kernels: each one takes the native BLAS/LAPACK path when a library is loaded and
 * the operation is big enough, else (and for sparse inputs, and whenever NaN/Inf would make BLAS
 * differ from DML's zero semantics) the TypeScript kernel. Errors and their codes are those of the
 * TypeScript kernels: singular and non-positive-definite inputs fail the same way.
 */
import { fail } from '../../../common/diagnostics.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import type { KernelRegistry } from '../registry.js';
import { matmul } from '../matmul.js';
import { transpose } from '../transpose.js';
import { nativeTsmm } from '../tsmm.js';
import { compiledSkinnyMatmul, compiledSkinnyTransA } from '../skinny-mm.js';
import { det, lu, SINGULARITY_THRESHOLD } from '../decompositions/lu.js';
import { inv, qr, solve } from '../decompositions/qr.js';
import {
  ABSOLUTE_POSITIVITY_THRESHOLD,
  cholesky,
  RELATIVE_SYMMETRY_THRESHOLD,
} from '../decompositions/cholesky.js';
import { eigen, isSymmetric } from '../decompositions/eigen.js';
import { svd } from '../decompositions/svd.js';
import { countNativeCall, nativeBlas as loadedBlas } from './state.js';
import {
  gemm,
  gemmTransA,
  geqrf,
  getrf,
  getri,
  getrsTransposed,
  gesdd,
  pivotRange,
  potrf,
  syevd,
  transposeBuffer,
} from './routines.js';
import { GEMM_MIN_FLOPS, LAPACK_MIN_N, SVD_MIN_WORK } from './thresholds.js';
import type { RawRoutines } from './library.js';
import { CompilerOps } from '../../../common/op-names.js';

/** The library for an operation about to run natively (counted for -stats). */
function nativeBlas(): ReturnType<typeof loadedBlas> {
  const blas = loadedBlas();
  if (blas) countNativeCall();
  return blas;
}

/** Non-zero cells of d, or -1 when a cell is not finite (one branch-free pass for both checks). */
function finiteNnz(d: Float64Array): number {
  let nz = 0;
  let bad = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    nz += Number(v !== 0);
    bad += Number(v - v !== 0);
  }
  return bad === 0 ? nz : -1;
}

function allFinite(d: Float64Array): boolean {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return false;
  return true;
}

/** Routines when native is loaded and a dense square operand of order >= LAPACK_MIN_N has only finite cells. */
function lapackFor(a: MatrixBlock): RawRoutines | undefined {
  if (a.rows !== a.cols || a.rows < LAPACK_MIN_N) return undefined;
  const blas = nativeBlas();
  if (!blas || !allFinite(a.denseData())) return undefined;
  return blas.fns;
}

export function nativeMatmul(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  if (
    a.isSparse ||
    b.isSparse ||
    k !== b.rows ||
    2 * m * n * k < GEMM_MIN_FLOPS ||
    a.nnz === 0 ||
    b.nnz === 0
  )
    return matmul(a, b);
  // Skinny products are memory-bound: the compiled one-pass kernels beat dgemv/dgemm there.
  const skinny = compiledSkinnyMatmul(a, b);
  if (skinny) return skinny;
  const blas = nativeBlas();
  if (!blas) return matmul(a, b);
  const c = gemm(blas.fns, a.denseData(), b.denseData(), m, k, n);
  // BLAS multiplies 0 * Inf into NaN where DML skips the term; any non-finite input term leaves a
  // non-finite cell, so a finite result is exactly what the zero semantics give (up to rounding).
  const nnz = finiteNnz(c);
  if (nnz < 0) return matmul(a, b);
  return MatrixBlock.denseWithNnz(m, n, c, nnz).examSparsity();
}

/**
 * t(A) %*% B without materialising t(A) on the native path (BLAS reads A transposed in place):
 * for t(X) %*% y in lm's normal equations, where copying X would cost as much as the product.
 * Not yet in the kernel registry: the optimizer's rewrites can call it for t(X) %*% Y.
 */
export function nativeMatmulTransA(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  const k = a.rows;
  const m = a.cols;
  const n = b.cols;
  if (k !== b.rows) throw new RangeError(`matmul: t(${a.rows}x${a.cols}) %*% ${b.rows}x${b.cols}`);
  const skinny = compiledSkinnyTransA(a, b);
  if (skinny) return skinny;
  const blas =
    a.isSparse || b.isSparse || 2 * m * n * k < GEMM_MIN_FLOPS || a.nnz === 0 || b.nnz === 0
      ? undefined
      : nativeBlas();
  if (blas && m > 0 && n > 0) {
    const c = gemmTransA(blas.fns, a.denseData(), b.denseData(), k, m, n);
    if (allFinite(c)) return MatrixBlock.dense(m, n, c).examSparsity();
  }
  return matmul(transpose(a), b);
}

/** Singular as the TypeScript QR path judges it: a pivot negligible relative to the largest. */
function luSingular(r: ReturnType<typeof getrf>, n: number): boolean {
  const { min, max } = pivotRange(r, n);
  return !(min > max * n * Number.EPSILON);
}

export function nativeSolve(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  const f = b.rows === a.rows && allFinite(b.denseData()) ? lapackFor(a) : undefined;
  if (!f) return solve(a, b);
  const n = a.rows;
  // The row-major buffer of A is t(A) column-major: factor it and solve with trans='T'.
  const r = getrf(f, a.denseData(), n);
  if (luSingular(r, n)) fail('DML5002', 'matrix is singular');
  return MatrixBlock.dense(n, b.cols, getrsTransposed(f, r, n, b.denseData(), b.cols));
}

export function nativeInv(a: MatrixBlock): MatrixBlock {
  const f = lapackFor(a);
  if (!f) return inv(a);
  const n = a.rows;
  // inv(t(A)) = t(inv(A)): inverting the buffer as it is yields row-major inv(A).
  const r = getrf(f, a.denseData(), n);
  if (luSingular(r, n) || !getri(f, r, n)) fail('DML5002', 'matrix is singular');
  return MatrixBlock.dense(n, n, r.lu);
}

export function nativeDet(a: MatrixBlock): number {
  const f = lapackFor(a);
  if (!f) return det(a);
  const n = a.rows;
  // Factor A itself (not t(A)) so the pivots, and the singularity test on them, are the TS kernel's.
  const r = getrf(f, transposeBuffer(a.denseData(), n, n), n);
  let d = 1;
  for (let i = 0; i < n; i++) {
    const u = r.lu[i * n + i]!;
    if (!(Math.abs(u) >= SINGULARITY_THRESHOLD)) return 0;
    d *= r.ipiv[i] !== i + 1 ? -u : u;
  }
  return d;
}

export function nativeLu(a: MatrixBlock): [MatrixBlock, MatrixBlock, MatrixBlock] {
  const f = lapackFor(a);
  if (!f) return lu(a);
  const n = a.rows;
  const r = getrf(f, transposeBuffer(a.denseData(), n, n), n);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (!(Math.abs(r.lu[i * n + i]!) >= SINGULARITY_THRESHOLD)) fail('DML5002', 'lu(): matrix is singular');
    const j = r.ipiv[i]! - 1;
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const P = new Float64Array(n * n);
  const L = new Float64Array(n * n);
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    P[i * n + perm[i]!] = 1;
    L[i * n + i] = 1;
    // Column-major LU: cell (i, j) at i + j*n.
    for (let j = 0; j < i; j++) L[i * n + j] = r.lu[i + j * n]!;
    for (let j = i; j < n; j++) U[i * n + j] = r.lu[i + j * n]!;
  }
  return [MatrixBlock.dense(n, n, P), MatrixBlock.dense(n, n, L), MatrixBlock.dense(n, n, U)];
}

export function nativeCholesky(a: MatrixBlock): MatrixBlock {
  const f = lapackFor(a);
  if (!f) return cholesky(a);
  const n = a.rows;
  const d = a.denseData();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const lij = d[i * n + j]!;
      const lji = d[j * n + i]!;
      const maxDelta = RELATIVE_SYMMETRY_THRESHOLD * Math.max(Math.abs(lij), Math.abs(lji));
      if (!(Math.abs(lij - lji) <= maxDelta)) fail('DML5005', 'cholesky(): matrix is not symmetric');
    }
  }
  const L = potrf(f, d, n);
  // Commons Math rejects pivots (L_ii squared) at or below 1e-10, not only non-positive ones.
  if (typeof L === 'number') fail('DML5005', 'cholesky(): matrix is not positive definite');
  for (let i = 0; i < n; i++) {
    const lii = L[i * n + i]!;
    if (!(lii * lii > ABSOLUTE_POSITIVITY_THRESHOLD))
      fail('DML5005', 'cholesky(): matrix is not positive definite');
  }
  return MatrixBlock.dense(n, n, L);
}

export function nativeEigen(a: MatrixBlock): [MatrixBlock, MatrixBlock] {
  const f = lapackFor(a);
  const n = a.rows;
  if (!f || !isSymmetric(a.denseData(), n)) return eigen(a);
  const { values, vectors } = syevd(f, a.denseData(), n);
  return [MatrixBlock.dense(n, 1, values), MatrixBlock.dense(n, n, vectors)];
}

export function nativeSvd(a: MatrixBlock): [MatrixBlock, MatrixBlock, MatrixBlock] {
  const m = a.rows;
  const n = a.cols;
  const p = Math.min(m, n);
  if (p === 0 || m * n * p < SVD_MIN_WORK) return svd(a);
  const blas = nativeBlas();
  if (!blas || !allFinite(a.denseData())) return svd(a);
  const r = gesdd(blas.fns, a.denseData(), m, n);
  const S = new Float64Array(p * p);
  for (let j = 0; j < p; j++) S[j * p + j] = r.s[j]!;
  return [MatrixBlock.dense(m, p, r.u), MatrixBlock.dense(p, p, S), MatrixBlock.dense(n, p, r.v)];
}

/**
 * qr() in SystemDS's (Commons Math's) layout from LAPACK's dgeqrf. Both choose the reflector sign
 * opposite to the pivot, so R agrees and Commons' Householder column is h_j = tau_j * v_j (v_j
 * with its implicit unit entry). Two cases differ: a column already reduced (tau = 0: LAPACK
 * leaves it, Commons reflects it, negating R's row and giving h_jj = 2), fixed up here; and an
 * exactly zero pivot with non-zeros below (tau = 1: the signs differ), left to the TS kernel.
 */
export function nativeQr(a: MatrixBlock): [MatrixBlock, MatrixBlock] {
  const m = a.rows;
  const n = a.cols;
  const p = Math.min(m, n);
  if (p === 0 || m * n * p < SVD_MIN_WORK) return qr(a);
  const blas = nativeBlas();
  if (!blas || !allFinite(a.denseData())) return qr(a);
  const { qr: f, tau } = geqrf(blas.fns, a.denseData(), m, n);
  if (tau.some((t) => t === 1)) return qr(a);
  const H = new Float64Array(m * n);
  const R = new Float64Array(m * n);
  for (let j = 0; j < p; j++) {
    const t = tau[j]!;
    const pivot = f[j + j * m]!;
    // Column-major cell (i, j) at i + j*m.
    const flip = t === 0 && pivot !== 0;
    for (let c = j; c < n; c++) R[j * n + c] = flip ? -f[j + c * m]! : f[j + c * m]!;
    if (flip) H[j * n + j] = 2;
    else if (t !== 0) {
      H[j * n + j] = t;
      for (let i = j + 1; i < m; i++) H[i * n + j] = t * f[i + j * m]!;
    }
  }
  return [MatrixBlock.dense(m, n, H), MatrixBlock.dense(m, n, R)];
}

export { nativeTsmm };

/** Registers the native kernels. */
export function registerNativeKernels(reg: KernelRegistry): void {
  reg.register('native', 'matmul', nativeMatmul);
  reg.register('native', CompilerOps.tsmm, nativeTsmm);
  reg.register('native', 'solve', nativeSolve);
  reg.register('native', 'inv', nativeInv);
  reg.register('native', 'det', nativeDet);
  reg.register('native', 'cholesky', nativeCholesky);
  reg.register('native', 'eigen', nativeEigen);
  reg.register('native', 'lu', nativeLu);
  reg.register('native', 'svd', nativeSvd);
  reg.register('native', 'qr', nativeQr);
}
