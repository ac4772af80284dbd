/**
 * diag(X): a column vector becomes a diagonal matrix; a square matrix gives the column vector of
 * its diagonal (SystemDS's rdiag). Anything else is a size error, as in SystemDS.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { CsrBuilder } from './csr-builder.js';

export function diag(x: MatrixBlock, span?: Span): MatrixBlock {
  if (x.cols === 1) {
    // Vector to diagonal matrix (a 1x1 input gives the same 1x1 matrix).
    const n = x.rows;
    const b = new CsrBuilder(n, n, x.nnz);
    for (let i = 0; i < n; i++) {
      b.push(i, x.get(i, 0));
      b.endRow();
    }
    return b.build();
  }
  if (x.rows === x.cols) {
    const n = x.rows;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x.get(i, i);
    return MatrixBlock.dense(n, 1, out);
  }
  return fail(
    'DML4001',
    `diag() expects a column vector or a square matrix, got a ${x.rows}x${x.cols} matrix`,
    span,
  );
}
