/**
 * A %*% B for every combination of dense and sparse operands (TypeScript baseline kernel).
 *
 * Zero semantics (as SystemDS's sparse-safe kernels): a product term a[i,k]*b[k,j] contributes
 * only when both factors are non-zero, so 0 * NaN and 0 * Inf add nothing. This makes the result
 * independent of the storage format; the dense paths keep it by skipping zero a[i,k] and, only
 * for the rare non-finite a[i,k], skipping zero b[k,j].
 */
import { MatrixBlock, type CsrData } from '../data/matrix-block.js';
import { parallelSparseDense } from './parallel/ops.js';
import { allocDense } from './parallel/shared-memory.js';
import { kernelResources } from '../kernel-resources.js';
import { compiledCsrCsrRows, compiledCsrDenseRows, compiledDenseCsrRows } from './compiled/sparse.js';
import { countCompiledCall } from './compiled/library.js';

/** k-block and j-block sizes: a 128x512 block of B (512 KB) stays in L2 while all rows of A stream by. */
const BK = 128;
const BJ = 512;

export function matmul(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}x${a.cols} %*% ${b.rows}x${b.cols}`);
  const m = a.rows;
  const n = b.cols;
  if (m === 0 || n === 0) return MatrixBlock.dense(m, n);
  if (a.cols === 0 || a.nnz === 0 || b.nnz === 0) return MatrixBlock.zeros(m, n);
  if (a.isSparse && b.isSparse) return sparseSparse(a, b);
  if (a.isSparse)
    return MatrixBlock.dense(m, n, sparseDense(a.sparseData(), m, b.denseData(), n)).examSparsity();
  if (b.isSparse)
    return MatrixBlock.dense(m, n, denseSparse(a.denseData(), m, a.cols, b.sparseData(), n)).examSparsity();
  if (n === 1) return MatrixBlock.dense(m, 1, denseMatVec(a.denseData(), m, a.cols, b.denseData()));
  return MatrixBlock.dense(m, n, denseDense(a.denseData(), m, a.cols, b.denseData(), n)).examSparsity();
}

function denseDense(a: Float64Array, m: number, kd: number, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let kk = 0; kk < kd; kk += BK) {
    const kEnd = Math.min(kk + BK, kd);
    for (let jj = 0; jj < n; jj += BJ) {
      const jEnd = Math.min(jj + BJ, n);
      for (let i = 0; i < m; i++) {
        const ci = i * n;
        const ai = i * kd;
        for (let k = kk; k < kEnd; k++) {
          const aik = a[ai + k]!;
          if (aik === 0) continue;
          const bk = k * n;
          if (Number.isFinite(aik)) {
            for (let j = jj; j < jEnd; j++) c[ci + j]! += aik * b[bk + j]!;
          } else {
            for (let j = jj; j < jEnd; j++) {
              const bv = b[bk + j]!;
              if (bv !== 0) c[ci + j]! += aik * bv;
            }
          }
        }
      }
    }
  }
  return c;
}

function denseMatVec(a: Float64Array, m: number, kd: number, v: Float64Array): Float64Array {
  const c = new Float64Array(m);
  for (let i = 0; i < m; i++) c[i] = dot(a, i * kd, v, 0, kd);
  return c;
}

/** Dot product of x[xo..xo+len) and y[yo..yo+len) under the zero semantics above. */
export function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s = 0;
  for (let k = 0; k < len; k++) {
    const xv = x[xo + k]!;
    if (xv === 0) continue;
    const yv = y[yo + k]!;
    if (yv === 0) continue;
    s += xv * yv;
  }
  return s;
}

function sparseDense(a: CsrData, m: number, b: Float64Array, n: number): Float64Array {
  // Large products: row ranges on the worker pool (the same range kernel, identical values).
  const compiled = compiledCsrDenseRows() !== undefined;
  if (compiled) countCompiledCall();
  const rt = kernelResources();
  const par = parallelSparseDense(rt, a, m, b, n, compiled);
  if (par !== undefined) return par;
  const c = allocDense(rt, m * n);
  sparseDenseRows(a.rowPtr, a.colIdx, a.values, b, n, c, 0, m);
  return c;
}

/**
 * Rows r0..r1 of C = A %*% B for CSR A and dense row-major B (n columns): each output row is built
 * by axpys of B's rows. Eight stored entries are taken at a time so the output row is loaded
 * and stored once per eight rows of B; the additions keep their one-by-one order, so every cell is
 * bit-identical to the simple loop. Zero entries are skipped, and a non-finite entry only meets
 * B's non-zeros (the zero semantics in the header). The compiled kernel (native/sparse.c), when
 * loaded, runs instead, in this thread: it adds each cell's terms in the same order, so the
 * values are bit-identical either way.
 */
export function sparseDenseRows(
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  b: Float64Array,
  n: number,
  c: Float64Array,
  r0: number,
  r1: number,
): void {
  const compiled = compiledCsrDenseRows();
  if (compiled !== undefined) {
    compiled(rowPtr, colIdx, values, b, n, c, r0, r1);
    return;
  }
  for (let i = r0; i < r1; i++) {
    const ci = i * n;
    const end = rowPtr[i + 1]!;
    let p = rowPtr[i]!;
    for (; p + 8 <= end; p += 8) {
      const a0 = values[p]!;
      const a1 = values[p + 1]!;
      const a2 = values[p + 2]!;
      const a3 = values[p + 3]!;
      const a4 = values[p + 4]!;
      const a5 = values[p + 5]!;
      const a6 = values[p + 6]!;
      const a7 = values[p + 7]!;
      // All eight finite and non-zero (x - x is 0 only for finite x): the fused update.
      const finite =
        a0 - a0 + (a1 - a1) + (a2 - a2) + (a3 - a3) + (a4 - a4) + (a5 - a5) + (a6 - a6) + (a7 - a7) === 0;
      if (
        finite &&
        a0 !== 0 &&
        a1 !== 0 &&
        a2 !== 0 &&
        a3 !== 0 &&
        a4 !== 0 &&
        a5 !== 0 &&
        a6 !== 0 &&
        a7 !== 0
      ) {
        const b0 = colIdx[p]! * n;
        const b1 = colIdx[p + 1]! * n;
        const b2 = colIdx[p + 2]! * n;
        const b3 = colIdx[p + 3]! * n;
        const b4 = colIdx[p + 4]! * n;
        const b5 = colIdx[p + 5]! * n;
        const b6 = colIdx[p + 6]! * n;
        const b7 = colIdx[p + 7]! * n;
        for (let j = 0; j < n; j++)
          c[ci + j] =
            c[ci + j]! +
            a0 * b[b0 + j]! +
            a1 * b[b1 + j]! +
            a2 * b[b2 + j]! +
            a3 * b[b3 + j]! +
            a4 * b[b4 + j]! +
            a5 * b[b5 + j]! +
            a6 * b[b6 + j]! +
            a7 * b[b7 + j]!;
      } else {
        for (let q = p; q < p + 8; q++) axpyEntry(values[q]!, b, colIdx[q]! * n, c, ci, n);
      }
    }
    for (; p < end; p++) axpyEntry(values[p]!, b, colIdx[p]! * n, c, ci, n);
  }
}

/** c[ci..ci+n) += aik * b[bk..bk+n) under the zero semantics. */
function axpyEntry(aik: number, b: Float64Array, bk: number, c: Float64Array, ci: number, n: number): void {
  if (aik === 0) return;
  if (Number.isFinite(aik)) {
    for (let j = 0; j < n; j++) c[ci + j]! += aik * b[bk + j]!;
  } else {
    for (let j = 0; j < n; j++) {
      const bv = b[bk + j]!;
      if (bv !== 0) c[ci + j]! += aik * bv;
    }
  }
}

function denseSparse(a: Float64Array, m: number, kd: number, b: CsrData, n: number): Float64Array {
  const c = new Float64Array(m * n);
  const compiled = compiledDenseCsrRows();
  if (compiled !== undefined) {
    // Same k order per cell as the loop below: bit-identical values.
    countCompiledCall();
    compiled(a, kd, b.rowPtr, b.colIdx, b.values, n, c, 0, m);
    return c;
  }
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * kd;
    for (let k = 0; k < kd; k++) {
      const aik = a[ai + k]!;
      if (aik === 0) continue;
      for (let p = b.rowPtr[k]!; p < b.rowPtr[k + 1]!; p++) {
        const bv = b.values[p]!;
        if (bv !== 0) c[ci + b.colIdx[p]!]! += aik * bv;
      }
    }
  }
  return c;
}

/** Gustavson's row-by-row product with a dense accumulator; builds CSR without densifying. */
function sparseSparse(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  const m = a.rows;
  const n = b.cols;
  const A = a.sparseData();
  const B = b.sparseData();
  const acc = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const rowPtr = new Int32Array(m + 1);
  let colIdx = new Int32Array(Math.max(16, Math.min(m * n, a.nnz + b.nnz)));
  let values = new Float64Array(colIdx.length);
  let w = 0;
  /** Room for `need` entries, keeping the first `used`. */
  const grow = (used: number, need: number): void => {
    const cap = Math.max(need, colIdx.length * 2);
    const ci = new Int32Array(cap);
    ci.set(colIdx.subarray(0, used));
    const cv = new Float64Array(cap);
    cv.set(values.subarray(0, used));
    colIdx = ci;
    values = cv;
  };
  const compiled = compiledCsrCsrRows();
  if (compiled !== undefined) {
    // The same loop in C (native/sparse.c), identical entries; it stops before a row that would
    // overflow the arrays, and resumes there once they have grown.
    countCompiledCall();
    let r = 0;
    while (r < m) {
      r = compiled(
        A.rowPtr,
        A.colIdx,
        A.values,
        B.rowPtr,
        B.colIdx,
        B.values,
        n,
        acc,
        mark,
        touched,
        rowPtr,
        colIdx,
        values,
        colIdx.length,
        r,
        m,
      );
      // Grow to the size the rows so far predict (one copy instead of a doubling series).
      if (r < m)
        grow(
          rowPtr[r]!,
          Math.max(rowPtr[r]! + n, Math.min(m * n, Math.ceil((rowPtr[r]! / Math.max(r, 1)) * m * 1.1))),
        );
    }
    w = rowPtr[m]!;
  } else {
    for (let i = 0; i < m; i++) {
      let cnt = 0;
      for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) {
        const aik = A.values[p]!;
        if (aik === 0) continue;
        const k = A.colIdx[p]!;
        for (let q = B.rowPtr[k]!; q < B.rowPtr[k + 1]!; q++) {
          const bv = B.values[q]!;
          if (bv === 0) continue;
          const j = B.colIdx[q]!;
          if (mark[j] !== i) {
            mark[j] = i;
            acc[j] = 0;
            touched[cnt++] = j;
          }
          acc[j]! += aik * bv;
        }
      }
      const cols = touched.subarray(0, cnt).sort();
      if (w + cnt > colIdx.length) grow(w, w + cnt);
      for (let t = 0; t < cnt; t++) {
        const j = cols[t]!;
        const v = acc[j]!;
        if (v === 0) continue; // cancellation: keep CSR free of explicit zeros
        colIdx[w] = j;
        values[w++] = v;
      }
      rowPtr[i + 1] = w;
    }
  }
  return MatrixBlock.sparse(m, n, {
    rowPtr,
    colIdx: colIdx.slice(0, w),
    values: values.slice(0, w),
  }).examSparsity();
}
