/**
 * lower.tri / upper.tri (target, diag=FALSE, values=FALSE): the lower (upper) triangle of X,
 * with or without the diagonal; as 0/1 indicators (as R's lower.tri) or with X's values
 * (values=TRUE). Works on rectangular matrices too, as R does.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { CsrBuilder } from './csr-builder.js';

export function triangle(x: MatrixBlock, lower: boolean, withDiag: boolean, values: boolean): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  const b = new CsrBuilder(m, n, values ? x.nnz : (m * n) / 2);
  for (let i = 0; i < m; i++) {
    // Columns [lo, hi] of row i belong to the triangle.
    const lo = lower ? 0 : withDiag ? i : i + 1;
    const hi = lower ? Math.min(n - 1, withDiag ? i : i - 1) : n - 1;
    if (values) {
      if (x.isSparse) {
        const s = x.sparseData();
        for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
          const j = s.colIdx[p]!;
          if (j >= lo && j <= hi) b.push(j, s.values[p]!);
        }
      } else {
        const d = x.denseData();
        for (let j = lo; j <= hi; j++) b.push(j, d[i * n + j]!);
      }
    } else {
      for (let j = lo; j <= hi; j++) b.push(j, 1);
    }
    b.endRow();
  }
  return b.build();
}
