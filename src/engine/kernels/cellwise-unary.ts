/** Cell-wise unary operations on matrices (math functions, unary minus, `!`, is.na ...). */
import { unaryCellFn, type UnaryOp } from '../../common/scalar-ops.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { CsrBuilder } from './csr-builder.js';
import { parallelUnary } from './parallel/ops.js';
import { allocDenseOverwritten } from './parallel/shared-memory.js';
import { kernelResources } from '../kernel-resources.js';

export function cellwiseUnary(op: UnaryOp, a: MatrixBlock): MatrixBlock {
  return parallelUnary(kernelResources(), op, a) ?? mapCells(unaryCellFn(op), a);
}

/** Applies f to every cell; sparse-safe (only stored cells visited) when f(0) is 0. */
export function mapCells(f: (x: number) => number, a: MatrixBlock): MatrixBlock {
  if (a.isSparse && f(0) === 0) {
    const s = a.sparseData();
    const out = new CsrBuilder(a.rows, a.cols, a.nnz);
    for (let i = 0; i < a.rows; i++) {
      for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) out.push(s.colIdx[p]!, f(s.values[p]!));
      out.endRow();
    }
    return out.build();
  }
  const d = a.isSparse ? a.row.bind(a) : null;
  const out = allocDenseOverwritten(kernelResources(), a.rows * a.cols);
  if (d === null) {
    const x = a.denseData();
    for (let k = 0; k < x.length; k++) out[k] = f(x[k]!);
  } else {
    for (let i = 0; i < a.rows; i++) {
      const r = d(i);
      const off = i * a.cols;
      for (let j = 0; j < a.cols; j++) out[off + j] = f(r[j]!);
    }
  }
  return MatrixBlock.dense(a.rows, a.cols, out).examSparsity();
}
