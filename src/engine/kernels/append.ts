/**
 * cbind / rbind (n-ary append). Rows (cbind) or columns (rbind) must agree: DML4001 otherwise.
 * The result is sparse when the combined sparsity calls for it, dense otherwise.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock, SPARSITY_TURN_POINT } from '../data/matrix-block.js';

function wantsSparse(rows: number, cols: number, nnz: number): boolean {
  return cols > 1 && rows * cols > 0 && nnz / (rows * cols) < SPARSITY_TURN_POINT;
}

export function cbind(blocks: readonly MatrixBlock[], span?: Span): MatrixBlock {
  if (blocks.length === 0) return fail('DML3002', 'cbind() needs at least one argument', span);
  const rows = blocks[0]!.rows;
  let cols = 0;
  let nnz = 0;
  for (const [k, b] of blocks.entries()) {
    if (b.rows !== rows) {
      fail(
        'DML4001',
        `cbind(): argument ${k + 1} has ${b.rows} rows, but argument 1 has ${rows} (all arguments must have the same number of rows)`,
        span,
      );
    }
    cols += b.cols;
    nnz += b.nnz;
  }
  if (blocks.length === 1) return blocks[0]!;
  if (wantsSparse(rows, cols, nnz)) {
    const rowPtr = new Int32Array(rows + 1);
    const colIdx = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    const csrs = blocks.map((b) => (b.isSparse ? b.sparseData() : null));
    let w = 0;
    for (let i = 0; i < rows; i++) {
      let off = 0;
      for (let k = 0; k < blocks.length; k++) {
        const b = blocks[k]!;
        const s = csrs[k];
        if (s) {
          for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
            const v = s.values[p]!;
            if (v === 0) continue;
            colIdx[w] = s.colIdx[p]! + off;
            values[w++] = v;
          }
        } else {
          const d = b.denseData();
          for (let j = 0, q = i * b.cols; j < b.cols; j++, q++) {
            const v = d[q]!;
            if (v === 0) continue;
            colIdx[w] = j + off;
            values[w++] = v;
          }
        }
        off += b.cols;
      }
      rowPtr[i + 1] = w;
    }
    return MatrixBlock.sparse(rows, cols, { rowPtr, colIdx, values });
  }
  const out = new Float64Array(rows * cols);
  let off = 0;
  for (const b of blocks) {
    if (b.isSparse) {
      const s = b.sparseData();
      for (let i = 0; i < rows; i++) {
        for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++)
          out[i * cols + off + s.colIdx[p]!] = s.values[p]!;
      }
    } else {
      const d = b.denseData();
      for (let i = 0; i < rows; i++) out.set(d.subarray(i * b.cols, (i + 1) * b.cols), i * cols + off);
    }
    off += b.cols;
  }
  return MatrixBlock.dense(rows, cols, out);
}

export function rbind(blocks: readonly MatrixBlock[], span?: Span): MatrixBlock {
  if (blocks.length === 0) return fail('DML3002', 'rbind() needs at least one argument', span);
  const cols = blocks[0]!.cols;
  let rows = 0;
  let nnz = 0;
  for (const [k, b] of blocks.entries()) {
    if (b.cols !== cols) {
      fail(
        'DML4001',
        `rbind(): argument ${k + 1} has ${b.cols} columns, but argument 1 has ${cols} (all arguments must have the same number of columns)`,
        span,
      );
    }
    rows += b.rows;
    nnz += b.nnz;
  }
  if (blocks.length === 1) return blocks[0]!;
  if (wantsSparse(rows, cols, nnz)) {
    const rowPtr = new Int32Array(rows + 1);
    const colIdx = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let w = 0;
    let r = 0;
    for (const b of blocks) {
      const s = b.sparseData();
      for (let i = 0; i < b.rows; i++, r++) {
        for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
          const v = s.values[p]!;
          if (v === 0) continue;
          colIdx[w] = s.colIdx[p]!;
          values[w++] = v;
        }
        rowPtr[r + 1] = w;
      }
    }
    return MatrixBlock.sparse(rows, cols, { rowPtr, colIdx, values });
  }
  const out = new Float64Array(rows * cols);
  let off = 0;
  for (const b of blocks) {
    out.set(b.denseData(), off);
    off += b.rows * cols;
  }
  return MatrixBlock.dense(rows, cols, out);
}
