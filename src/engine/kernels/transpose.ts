/** t(X): transpose. Sparse inputs stay sparse (CSR transpose by counting sort over columns). */
import { MatrixBlock } from '../data/matrix-block.js';
import { parallelTranspose } from './parallel/ops.js';
import { allocDenseOverwritten } from './parallel/shared-memory.js';
import { kernelResources } from '../kernel-resources.js';

export function transpose(x: MatrixBlock): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  if (x.isSparse) {
    const s = x.sparseData();
    const end = s.rowPtr[m]!;
    const ptr = new Int32Array(n + 1);
    for (let p = 0; p < end; p++) if (s.values[p] !== 0) ptr[s.colIdx[p]! + 1]!++;
    for (let j = 0; j < n; j++) ptr[j + 1]! += ptr[j]!;
    const nnz = ptr[n]!;
    const colIdx = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    const pos = ptr.slice(0, n);
    // Rows are visited in ascending order, so each output row gets ascending column indices.
    for (let i = 0; i < m; i++) {
      for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
        const v = s.values[p]!;
        if (v === 0) continue;
        const q = pos[s.colIdx[p]!]!++;
        colIdx[q] = i;
        values[q] = v;
      }
    }
    return MatrixBlock.sparse(n, m, { rowPtr: ptr, colIdx, values }).examSparsity();
  }
  const rt = kernelResources();
  const par = parallelTranspose(rt, x);
  if (par !== undefined) return par;
  const d = x.denseData();
  const out = allocDenseOverwritten(rt, m * n);
  if (m === 1 || n === 1) {
    out.set(d);
  } else {
    // Blocked so that both the reads and the writes stay within cache lines.
    const B = 32;
    for (let bi = 0; bi < m; bi += B) {
      const ie = Math.min(m, bi + B);
      for (let bj = 0; bj < n; bj += B) {
        const je = Math.min(n, bj + B);
        for (let i = bi; i < ie; i++) {
          const ri = i * n;
          for (let j = bj; j < je; j++) out[j * m + i] = d[ri + j]!;
        }
      }
    }
  }
  return MatrixBlock.dense(n, m, out);
}
