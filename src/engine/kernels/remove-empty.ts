/**
 * removeEmpty(target, margin, select, empty.return): drops all-zero rows (or columns), or keeps
 * exactly those selected by a non-zero entry of `select`. NaN counts as non-zero. When nothing is
 * kept the result is a 1 x n (or m x 1) zero matrix, or 0 x n (m x 0) with empty.return=FALSE.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { rightIndex } from './indexing.js';
import { transpose } from './transpose.js';

export type Margin = 'rows' | 'cols';

export function removeEmpty(
  x: MatrixBlock,
  margin: Margin,
  select?: MatrixBlock,
  emptyReturn = true,
  span?: Span,
): MatrixBlock {
  const n = margin === 'rows' ? x.rows : x.cols;
  let keep: Uint8Array;
  if (select) {
    if ((select.rows !== 1 && select.cols !== 1) || select.length !== n) {
      fail(
        'DML4001',
        `removeEmpty(): select must be a vector of ${n} entries (one per ${margin === 'rows' ? 'row' : 'column'}), got a ${select.rows}x${select.cols} matrix`,
        span,
      );
    }
    keep = new Uint8Array(n);
    select.forEachNonZero((i, j) => {
      keep[select.cols === 1 ? i : j] = 1;
    });
  } else {
    keep = new Uint8Array(n);
    if (margin === 'rows') x.forEachNonZero((i) => (keep[i] = 1));
    else x.forEachNonZero((_i, j) => (keep[j] = 1));
  }
  let count = 0;
  for (let k = 0; k < n; k++) count += keep[k]!;
  if (count === 0) {
    const len = emptyReturn ? 1 : 0;
    return margin === 'rows' ? MatrixBlock.zeros(len, x.cols) : MatrixBlock.zeros(x.rows, len);
  }
  if (count === n) return x;
  if (margin === 'cols') {
    // Column selection through the row kernel keeps one code path for dense and sparse inputs.
    return transpose(selectRows(transpose(x), keep, count));
  }
  return selectRows(x, keep, count);
}

/** The rows i with keep[i] = 1, in order. */
export function selectRows(x: MatrixBlock, keep: Uint8Array, count: number): MatrixBlock {
  const n = x.cols;
  if (x.isSparse) {
    const s = x.sparseData();
    let total = 0;
    for (let i = 0; i < x.rows; i++) if (keep[i]) total += s.rowPtr[i + 1]! - s.rowPtr[i]!;
    const rowPtr = new Int32Array(count + 1);
    const colIdx = new Int32Array(total);
    const values = new Float64Array(total);
    let w = 0;
    let r = 0;
    for (let i = 0; i < x.rows; i++) {
      if (!keep[i]) continue;
      for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
        colIdx[w] = s.colIdx[p]!;
        values[w++] = s.values[p]!;
      }
      rowPtr[++r] = w;
    }
    return MatrixBlock.sparse(count, n, { rowPtr, colIdx, values }).examSparsity();
  }
  if (count === 1) {
    for (let i = 0; i < x.rows; i++) if (keep[i]) return rightIndex(x, i, i, 0, n - 1);
  }
  const d = x.denseData();
  const out = new Float64Array(count * n);
  let r = 0;
  for (let i = 0; i < x.rows; i++) {
    if (!keep[i]) continue;
    out.set(d.subarray(i * n, (i + 1) * n), r * n);
    r++;
  }
  return MatrixBlock.dense(count, n, out).examSparsity();
}
