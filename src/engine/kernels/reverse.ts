/** rev(X): reverses the order of the rows (SystemDS's rev works on rows, also for row vectors). */
import { MatrixBlock } from '../data/matrix-block.js';

export function reverseRows(x: MatrixBlock): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  if (x.isSparse) {
    const s = x.sparseData();
    const rowPtr = new Int32Array(m + 1);
    const total = s.rowPtr[m]!;
    const colIdx = new Int32Array(total);
    const values = new Float64Array(total);
    let w = 0;
    for (let i = m - 1, r = 0; i >= 0; i--, r++) {
      for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
        colIdx[w] = s.colIdx[p]!;
        values[w++] = s.values[p]!;
      }
      rowPtr[r + 1] = w;
    }
    return MatrixBlock.sparse(m, n, { rowPtr, colIdx, values });
  }
  const d = x.denseData();
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) out.set(d.subarray(i * n, (i + 1) * n), (m - 1 - i) * n);
  return MatrixBlock.dense(m, n, out);
}
