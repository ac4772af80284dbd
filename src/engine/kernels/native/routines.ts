/**
 * Row-major wrappers over the column-major BLAS/LAPACK routines. A row-major m x n buffer is the
 * column-major n x m transpose, so products swap operands (C^T = B^T A^T) instead of copying, and
 * factorisations that do not care (inv, det up to pivots, syrk) run on the buffer as it is.
 * Inputs are never modified: routines that factor in place get a copy.
 */
import { allocDenseOverwritten } from '../parallel/shared-memory.js';
import { kernelResources } from '../../kernel-resources.js';
import type { RawRoutines } from './library.js';

/**
 * The thread count last given to the library: it is a setting of the library in this process,
 * so it is set only when a run wants another one (a call costs little, but not nothing).
 */
let libraryThreads = 0;

/** Every routine runs with the calling run's thread count (1 in a 1-thread run, per MPI rank). */
function useRunThreads(f: RawRoutines): void {
  const n = kernelResources().threads;
  if (f.setThreads === undefined || n === libraryThreads) return;
  // The first time, ask the library: setting the count it already has may restart its threads.
  if (libraryThreads === 0 && f.getThreads !== undefined) {
    libraryThreads = f.getThreads() as number;
    if (n === libraryThreads) return;
  }
  f.setThreads(n);
  libraryThreads = n;
}

const int = (v: number): Int32Array => Int32Array.of(v);
const dbl = (v: number): Float64Array => Float64Array.of(v);
const ONE = dbl(1);
const ZERO = dbl(0);

/** Row-major transpose of an r x c buffer. */
export function transposeBuffer(src: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  const B = 32;
  for (let ii = 0; ii < r; ii += B) {
    const ie = Math.min(ii + B, r);
    for (let jj = 0; jj < c; jj += B) {
      const je = Math.min(jj + B, c);
      for (let i = ii; i < ie; i++) for (let j = jj; j < je; j++) out[j * r + i] = src[i * c + j]!;
    }
  }
  return out;
}

/** dgemv 'N' streams columns; below this many rows per column dgemm is faster. */
const GEMV_N_MIN_ROWS = 2048;

/**
 * y = op(M) x for a column-major rows x cols matrix M (ld = rows). Matrix-vector products are
 * memory-bound: dgemv streams the matrix once, where dgemm with one column does not.
 */
function gemv(
  f: RawRoutines,
  trans: 'N' | 'T',
  rows: number,
  cols: number,
  mat: Float64Array,
  x: Float64Array,
): Float64Array {
  const y = new Float64Array(trans === 'N' ? rows : cols);
  f.dgemv(trans, int(rows), int(cols), ONE, mat, int(rows), x, int(1), ZERO, y, int(1), 1);
  return y;
}

/** C = A %*% B for row-major A (m x k) and B (k x n), all dimensions >= 1. */
export function gemm(
  f: RawRoutines,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  useRunThreads(f);
  // A v: the buffer of A is t(A) column-major (k x m). (u B would be dgemv 'N' over t(B), whose
  // kernel is slow for short columns: measured 435 ms against dgemm's 264 ms for 1e6x100.)
  if (n === 1) return gemv(f, 'T', k, m, a, b);
  // dgemm overwrites every cell (beta = 0): a dead result's buffer spares the page faults of a
  // fresh C (an 8 MB one cost ~2.5 ms, an eighth of a 1000^3 product).
  const c = allocDenseOverwritten(kernelResources(), m * n);
  // Column-major: C^T (n x m) = B^T (n x k) * A^T (k x m); the row-major buffers are those transposes.
  f.dgemm('N', 'N', int(n), int(m), int(k), ONE, b, int(n), a, int(k), ZERO, c, int(n), 1, 1);
  return c;
}

/** C = t(A) %*% B for row-major A (k x m) and B (k x n), without materialising t(A). */
export function gemmTransA(
  f: RawRoutines,
  a: Float64Array,
  b: Float64Array,
  k: number,
  m: number,
  n: number,
): Float64Array {
  useRunThreads(f);
  if (n === 1 && m >= GEMV_N_MIN_ROWS) return gemv(f, 'N', m, k, a, b);
  const c = new Float64Array(m * n);
  // Column-major: C^T (n x m) = B^T (n x k) * A (k x m); A's buffer is A^T column-major (ld m).
  f.dgemm('N', 'T', int(n), int(m), int(k), ONE, b, int(n), a, int(m), ZERO, c, int(n), 1, 1);
  return c;
}

/**
 * t(X) %*% X (left) or X %*% t(X) for a row-major m x n X, symmetric result filled on both sides.
 * dsyrk computes one triangle; the other is mirrored so the result is exactly symmetric.
 */
export function syrk(f: RawRoutines, x: Float64Array, m: number, n: number, left: boolean): Float64Array {
  useRunThreads(f);
  const d = left ? n : m;
  const c = new Float64Array(d * d);
  // The buffer is Y = t(X) column-major (n x m, ld n): t(X) X = Y t(Y) ('N'), X t(X) = t(Y) Y ('T').
  f.dsyrk('U', left ? 'N' : 'T', int(d), int(left ? m : n), ONE, x, int(n), ZERO, c, int(d), 1, 1);
  // Column-major upper = row-major lower: copy it to the upper side.
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) c[i * d + j] = c[j * d + i]!;
  return c;
}

export interface LuResult {
  /** Column-major LU of the matrix given (unit-lower L below the diagonal, U on and above). */
  readonly lu: Float64Array;
  /** 1-based LAPACK row interchanges. */
  readonly ipiv: Int32Array;
}

/** dgetrf of a column-major n x n matrix (the buffer is copied). */
export function getrf(f: RawRoutines, colMajor: Float64Array, n: number): LuResult {
  useRunThreads(f);
  const lu = colMajor.slice();
  const ipiv = new Int32Array(n);
  const info = int(0);
  f.dgetrf(int(n), int(n), lu, int(n), ipiv, info);
  if (info[0]! < 0) throw new Error(`dgetrf: illegal argument ${-info[0]!}`);
  return { lu, ipiv };
}

/** Smallest and largest |U_ii| of an LU result. */
export function pivotRange(r: LuResult, n: number): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(r.lu[i * n + i]!);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Solves A X = B from the LU of the row-major A's buffer (that is, of t(A) column-major) with
 * trans='T'. B is row-major n x k; the result is row-major n x k.
 */
export function getrsTransposed(
  f: RawRoutines,
  r: LuResult,
  n: number,
  b: Float64Array,
  k: number,
): Float64Array {
  useRunThreads(f);
  const x = k === 1 ? b.slice() : transposeBuffer(b, n, k);
  const info = int(0);
  f.dgetrs('T', int(n), int(k), r.lu, int(n), r.ipiv, x, int(n), info, 1);
  if (info[0]! < 0) throw new Error(`dgetrs: illegal argument ${-info[0]!}`);
  return k === 1 ? x : transposeBuffer(x, k, n);
}

/** In-place inverse from an LU result (dgetri); returns false when U is exactly singular. */
export function getri(f: RawRoutines, r: LuResult, n: number): boolean {
  useRunThreads(f);
  const info = int(0);
  const query = new Float64Array(1);
  f.dgetri(int(n), r.lu, int(n), r.ipiv, query, int(-1), info);
  const lwork = Math.max(1, Math.ceil(query[0]!));
  f.dgetri(int(n), r.lu, int(n), r.ipiv, new Float64Array(lwork), int(lwork), info);
  if (info[0]! < 0) throw new Error(`dgetri: illegal argument ${-info[0]!}`);
  return info[0] === 0;
}

/**
 * Cholesky factor of a row-major symmetric n x n A: returns the row-major lower L, or the
 * 1-based index of the first non-positive leading minor.
 */
export function potrf(f: RawRoutines, a: Float64Array, n: number): Float64Array | number {
  useRunThreads(f);
  // Row-major A's upper triangle is the column-major lower triangle of the same buffer.
  const buf = a.slice();
  const info = int(0);
  f.dpotrf('L', int(n), buf, int(n), info, 1);
  if (info[0]! < 0) throw new Error(`dpotrf: illegal argument ${-info[0]!}`);
  if (info[0]! > 0) return info[0]!;
  // Column-major L(i, j) (i >= j) sits at i + j*n; row-major L wants it at i*n + j.
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = j; i < n; i++) L[i * n + j] = buf[i + j * n]!;
  return L;
}

/** Symmetric eigen decomposition: ascending values and row-major vectors (as columns). */
export function syevd(
  f: RawRoutines,
  a: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  useRunThreads(f);
  const buf = a.slice();
  const w = new Float64Array(n);
  const info = int(0);
  const wq = new Float64Array(1);
  const iq = new Int32Array(1);
  f.dsyevd('V', 'L', int(n), buf, int(n), w, wq, int(-1), iq, int(-1), info, 1, 1);
  const lwork = Math.max(1, Math.ceil(wq[0]!));
  const liwork = Math.max(1, iq[0]!);
  f.dsyevd(
    'V',
    'L',
    int(n),
    buf,
    int(n),
    w,
    new Float64Array(lwork),
    int(lwork),
    new Int32Array(liwork),
    int(liwork),
    info,
    1,
    1,
  );
  if (info[0]! !== 0) throw new Error(`dsyevd failed (info ${info[0]!})`);
  // Column j of V is buf[j*n .. j*n+n): row-major V is the transpose of the buffer.
  return { values: w, vectors: transposeBuffer(buf, n, n) };
}

/**
 * Compact SVD of a row-major m x n A (p = min(m, n)): row-major U (m x p), s (p), V (n x p).
 * Runs dgesdd on the buffer as t(A) = U' S t(V'), so U = V' and V = U'.
 */
export function gesdd(
  f: RawRoutines,
  a: Float64Array,
  m: number,
  n: number,
): { u: Float64Array; s: Float64Array; v: Float64Array } {
  useRunThreads(f);
  const p = Math.min(m, n);
  const buf = a.slice();
  const s = new Float64Array(p);
  const uT = new Float64Array(n * p); // U' of t(A): n x p column-major
  const vtT = new Float64Array(p * m); // t(V') of t(A): p x m column-major
  const iwork = new Int32Array(8 * p);
  const info = int(0);
  const q = new Float64Array(1);
  f.dgesdd('S', int(n), int(m), buf, int(n), s, uT, int(n), vtT, int(p), q, int(-1), iwork, info, 1);
  const lwork = Math.max(1, Math.ceil(q[0]!));
  f.dgesdd(
    'S',
    int(n),
    int(m),
    buf,
    int(n),
    s,
    uT,
    int(n),
    vtT,
    int(p),
    new Float64Array(lwork),
    int(lwork),
    iwork,
    info,
    1,
  );
  if (info[0]! !== 0) throw new Error(`dgesdd failed (info ${info[0]!})`);
  // U (m x p row-major)[i, j] = V'(i, j) = t(V')(j, i), stored at j + i*p: the same buffer.
  // V (n x p row-major)[i, j] = U'(i, j), stored at i + j*n: a transpose.
  return { u: vtT, s, v: transposeBuffer(uT, p, n) };
}

/** dgeqrf of a row-major m x n A: column-major packed factors (R on and above the diagonal, Householder vectors below) and tau. */
export function geqrf(
  f: RawRoutines,
  a: Float64Array,
  m: number,
  n: number,
): { qr: Float64Array; tau: Float64Array } {
  useRunThreads(f);
  const qr = transposeBuffer(a, m, n);
  const tau = new Float64Array(Math.min(m, n));
  const info = int(0);
  const q = new Float64Array(1);
  f.dgeqrf(int(m), int(n), qr, int(m), tau, q, int(-1), info);
  const lwork = Math.max(1, Math.ceil(q[0]!));
  f.dgeqrf(int(m), int(n), qr, int(m), tau, new Float64Array(lwork), int(lwork), info);
  if (info[0]! !== 0) throw new Error(`dgeqrf failed (info ${info[0]!})`);
  return { qr, tau };
}
