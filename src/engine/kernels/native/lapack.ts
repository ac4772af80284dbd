/**
 * The LAPACK bodies of the linear-algebra ops' 'lapack' variants (decompositions/variants.ts):
 * each computes its op from a loaded library's routines for inputs the variant accepts (dense
 * cells, all finite, the shape the op needs). Errors and their codes are those of the TypeScript
 * kernels: singular and non-positive-definite inputs fail the same way.
 */
import { fail } from '../../../common/diagnostics.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { SINGULARITY_THRESHOLD } from '../decompositions/lu.js';
import { qr } from '../decompositions/qr.js';
import { ABSOLUTE_POSITIVITY_THRESHOLD, RELATIVE_SYMMETRY_THRESHOLD } from '../decompositions/cholesky.js';
import type { RawRoutines } from './library.js';
import {
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

/** Singular as the TypeScript QR path judges it: a pivot negligible relative to the largest. */
function luSingular(r: ReturnType<typeof getrf>, n: number): boolean {
  const { min, max } = pivotRange(r, n);
  return !(min > max * n * Number.EPSILON);
}

export function lapackSolve(f: RawRoutines, a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  const n = a.rows;
  // The row-major buffer of A is t(A) column-major: factor it and solve with trans='T'.
  const r = getrf(f, a.denseData(), n);
  if (luSingular(r, n)) fail('DML5002', 'matrix is singular');
  return MatrixBlock.dense(n, b.cols, getrsTransposed(f, r, n, b.denseData(), b.cols));
}

export function lapackInv(f: RawRoutines, a: MatrixBlock): MatrixBlock {
  const n = a.rows;
  // inv(t(A)) = t(inv(A)): inverting the buffer as it is yields row-major inv(A).
  const r = getrf(f, a.denseData(), n);
  if (luSingular(r, n) || !getri(f, r, n)) fail('DML5002', 'matrix is singular');
  return MatrixBlock.dense(n, n, r.lu);
}

export function lapackDet(f: RawRoutines, a: MatrixBlock): number {
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

export function lapackLu(f: RawRoutines, a: MatrixBlock): [MatrixBlock, MatrixBlock, MatrixBlock] {
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

export function lapackCholesky(f: RawRoutines, a: MatrixBlock): MatrixBlock {
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

/** Symmetric A only (the variant checks): dsyevd reads one triangle. */
export function lapackEigen(f: RawRoutines, a: MatrixBlock): [MatrixBlock, MatrixBlock] {
  const n = a.rows;
  const { values, vectors } = syevd(f, a.denseData(), n);
  return [MatrixBlock.dense(n, 1, values), MatrixBlock.dense(n, n, vectors)];
}

export function lapackSvd(f: RawRoutines, a: MatrixBlock): [MatrixBlock, MatrixBlock, MatrixBlock] {
  const m = a.rows;
  const n = a.cols;
  const p = Math.min(m, n);
  const r = gesdd(f, a.denseData(), m, n);
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
export function lapackQr(f: RawRoutines, a: MatrixBlock): [MatrixBlock, MatrixBlock] {
  const m = a.rows;
  const n = a.cols;
  const p = Math.min(m, n);
  const { qr: fac, tau } = geqrf(f, a.denseData(), m, n);
  if (tau.some((t) => t === 1)) return qr(a);
  const H = new Float64Array(m * n);
  const R = new Float64Array(m * n);
  for (let j = 0; j < p; j++) {
    const t = tau[j]!;
    const pivot = fac[j + j * m]!;
    // Column-major cell (i, j) at i + j*m.
    const flip = t === 0 && pivot !== 0;
    for (let c = j; c < n; c++) R[j * n + c] = flip ? -fac[j + c * m]! : fac[j + c * m]!;
    if (flip) H[j * n + j] = 2;
    else if (t !== 0) {
      H[j * n + j] = t;
      for (let i = j + 1; i < m; i++) H[i * n + j] = t * fac[i + j * m]!;
    }
  }
  return [MatrixBlock.dense(m, n, H), MatrixBlock.dense(m, n, R)];
}
