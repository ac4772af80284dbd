/** Gathers rows of X in a given order (order(), and any kernel that permutes rows). */
import { MatrixBlock } from '../data/matrix-block.js';

/** Row r of the result is row perm[r] of X (0-based). Keeps the input's storage format. */
export function selectRowsInOrder(x: MatrixBlock, perm: readonly number[]): MatrixBlock {
  const n = x.cols;
  const m = perm.length;
  if (x.isSparse) {
    const s = x.sparseData();
    let total = 0;
    for (const i of perm) total += s.rowPtr[i + 1]! - s.rowPtr[i]!;
    const rowPtr = new Int32Array(m + 1);
    const colIdx = new Int32Array(total);
    const values = new Float64Array(total);
    let w = 0;
    for (let r = 0; r < m; r++) {
      const i = perm[r]!;
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
  if (n === 1) for (let r = 0; r < m; r++) out[r] = d[perm[r]!]!;
  else for (let r = 0; r < m; r++) out.set(d.subarray(perm[r]! * n, (perm[r]! + 1) * n), r * n);
  return MatrixBlock.dense(m, n, out);
}
