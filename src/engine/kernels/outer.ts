/**
 * outer(a, b, op): the m x n matrix of op(a[i], b[j]) for vectors a (m cells, usually a column)
 * and b (n cells, usually a row, as in outer(a, t(b), "<")). Any binary cell-wise operator string.
 */
import { binaryCellFn, isBinaryOp } from '../../common/scalar-ops.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';

export function outer(a: MatrixBlock, b: MatrixBlock, op: string, span?: Span): MatrixBlock {
  if (!isBinaryOp(op)) fail('DML3004', `outer(): unknown operator "${op}"`, span);
  if (a.cols !== 1 && a.rows !== 1)
    fail('DML4001', `outer(): the first argument must be a vector, got a ${a.rows}x${a.cols} matrix`, span);
  if (b.cols !== 1 && b.rows !== 1)
    fail('DML4001', `outer(): the second argument must be a vector, got a ${b.rows}x${b.cols} matrix`, span);
  const f = binaryCellFn(op);
  const m = a.length;
  const n = b.length;
  const ad = a.denseData();
  const bd = b.denseData();
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const x = ad[i]!;
    for (let j = 0, q = i * n; j < n; j++, q++) out[q] = f(x, bd[j]!);
  }
  return MatrixBlock.dense(m, n, out).examSparsity();
}
