/**
 * Right and left indexing (the interpreter's rix / lix instructions call these directly).
 * Bounds here are 0-based and inclusive, already validated by checkIndexRange, except where noted.
 * Left indexing never mutates its target: DML has value semantics, so it returns a new block.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { CsrBuilder } from './csr-builder.js';

/** SystemDS's cast of a double index: floor(v + 2^-53) (UtilFunctions.toLong). */
const DOUBLE_EPS = Math.pow(2, -53);
export function indexFromDouble(v: number): number {
  return Math.floor(v + DOUBLE_EPS);
}

export interface IndexRange {
  /** 0-based inclusive bounds. */
  readonly rl: number;
  readonly ru: number;
  readonly cl: number;
  readonly cu: number;
}

/**
 * Validates 1-based inclusive DML bounds against a rows x cols matrix (double bounds are cast as
 * SystemDS casts them) and returns the 0-based inclusive range. Throws DML5001 when out of bounds
 * or when a range is reversed.
 */
export function checkIndexRange(
  rows: number,
  cols: number,
  rl1: number,
  ru1: number,
  cl1: number,
  cu1: number,
  span?: Span,
): IndexRange {
  const rl = indexFromDouble(rl1);
  const ru = indexFromDouble(ru1);
  const cl = indexFromDouble(cl1);
  const cu = indexFromDouble(cu1);
  if (
    !(rl >= 1 && ru >= rl && ru <= rows && cl >= 1 && cu >= cl && cu <= cols)
    // NaN bounds fail every comparison above, so they land here too.
  ) {
    fail(
      'DML5001',
      `index out of bounds: [${fmt(rl1)}:${fmt(ru1)}, ${fmt(cl1)}:${fmt(cu1)}] of a ${rows}x${cols} matrix`,
      span,
    );
  }
  return { rl: rl - 1, ru: ru - 1, cl: cl - 1, cu: cu - 1 };
}

function fmt(v: number): string {
  return String(v);
}

/** X[rl:ru, cl:cu] (0-based inclusive). */
export function rightIndex(x: MatrixBlock, rl: number, ru: number, cl: number, cu: number): MatrixBlock {
  const m = ru - rl + 1;
  const n = cu - cl + 1;
  if (m === x.rows && n === x.cols) return x;
  if (m === 1 && n === 1) return MatrixBlock.dense(1, 1, Float64Array.of(x.get(rl, cl)));
  if (x.isSparse) {
    const s = x.sparseData();
    const b = new CsrBuilder(m, n, Math.min(s.values.length, m * n));
    for (let i = rl; i <= ru; i++) {
      let p = lowerBound(s.colIdx, s.rowPtr[i]!, s.rowPtr[i + 1]!, cl);
      const e = s.rowPtr[i + 1]!;
      for (; p < e && s.colIdx[p]! <= cu; p++) b.push(s.colIdx[p]! - cl, s.values[p]!);
      b.endRow();
    }
    return b.build();
  }
  const d = x.denseData();
  const cols = x.cols;
  const out = new Float64Array(m * n);
  if (n === cols) {
    out.set(d.subarray(rl * cols, (ru + 1) * cols));
  } else if (n === 1) {
    for (let i = 0, q = rl * cols + cl; i < m; i++, q += cols) out[i] = d[q]!;
  } else if (n <= 32) {
    // Narrow slices (P[, 1:K]): a view per row costs more than copying its few cells.
    for (let i = 0, q = rl * cols + cl, o = 0; i < m; i++, q += cols)
      for (let j = 0; j < n; j++) out[o++] = d[q + j]!;
  } else {
    for (let i = 0; i < m; i++) {
      const src = (rl + i) * cols + cl;
      out.set(d.subarray(src, src + n), i * n);
    }
  }
  return MatrixBlock.dense(m, n, out);
}

/**
 * A copy of X with X[rl:ru, cl:cu] replaced by Y (a matrix of exactly those dims, or a scalar
 * that fills the range). Bounds are 0-based inclusive and already validated.
 */
export function leftIndex(
  x: MatrixBlock,
  y: MatrixBlock | number,
  rl: number,
  ru: number,
  cl: number,
  cu: number,
  span?: Span,
): MatrixBlock {
  const m = ru - rl + 1;
  const n = cu - cl + 1;
  if (typeof y !== 'number' && (y.rows !== m || y.cols !== n)) {
    fail(
      'DML4001',
      `left indexing: the right-hand side is a ${y.rows}x${y.cols} matrix, but the target range [${rl + 1}:${ru + 1}, ${cl + 1}:${cu + 1}] is ${m}x${n}`,
      span,
    );
  }
  const cols = x.cols;
  // Sparse targets stay sparse when the written range is small next to the matrix.
  const writesDense = typeof y === 'number' ? (y === 0 ? 0 : m * n) : y.nnz;
  if (x.isSparse && x.nnz + writesDense < 0.4 * x.rows * cols) {
    const s = x.sparseData();
    const b = new CsrBuilder(x.rows, cols, x.nnz + writesDense);
    const yRow = typeof y === 'number' ? null : y;
    for (let i = 0; i < x.rows; i++) {
      const s0 = s.rowPtr[i]!;
      const s1 = s.rowPtr[i + 1]!;
      if (i < rl || i > ru) {
        for (let p = s0; p < s1; p++) b.push(s.colIdx[p]!, s.values[p]!);
      } else {
        let p = s0;
        for (; p < s1 && s.colIdx[p]! < cl; p++) b.push(s.colIdx[p]!, s.values[p]!);
        if (yRow === null) {
          for (let j = 0; j < n; j++) b.push(cl + j, y as number);
        } else if (yRow.isSparse) {
          const ys = yRow.sparseData();
          const r = i - rl;
          for (let q = ys.rowPtr[r]!; q < ys.rowPtr[r + 1]!; q++) b.push(cl + ys.colIdx[q]!, ys.values[q]!);
        } else {
          const yd = yRow.denseData();
          for (let j = 0, q = (i - rl) * n; j < n; j++, q++) b.push(cl + j, yd[q]!);
        }
        while (p < s1 && s.colIdx[p]! <= cu) p++;
        for (; p < s1; p++) b.push(s.colIdx[p]!, s.values[p]!);
      }
      b.endRow();
    }
    return b.build();
  }
  const out = x.denseData().slice();
  if (typeof y === 'number') {
    for (let i = rl; i <= ru; i++) out.fill(y, i * cols + cl, i * cols + cu + 1);
  } else if (!y.isSparse) {
    const yd = y.denseData();
    if (n === cols) out.set(yd, rl * cols);
    else for (let i = 0; i < m; i++) out.set(yd.subarray(i * n, (i + 1) * n), (rl + i) * cols + cl);
  } else {
    for (let i = 0; i < m; i++) {
      const base = (rl + i) * cols + cl;
      out.fill(0, base, base + n);
    }
    y.forEachNonZero((i, j, v) => {
      out[(rl + i) * cols + cl + j] = v;
    });
  }
  return MatrixBlock.dense(x.rows, cols, out).examSparsity();
}

/** First position p in [lo, hi) with a[p] >= key (a ascending). */
function lowerBound(a: Int32Array, lo: number, hi: number, key: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
