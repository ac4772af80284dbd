/** Shared helpers of the decomposition kernels (dense row-major copies, square checks). */
import { fail } from '../../../common/diagnostics.js';
import type { MatrixBlock } from '../../data/matrix-block.js';

/** Fresh dense row-major copy (the kernels factor in place). */
export function denseCopy(a: MatrixBlock): Float64Array {
  return a.denseData().slice();
}

export function requireSquare(a: MatrixBlock, what: string): number {
  if (a.rows !== a.cols) fail('DML4002', `${what} requires a square matrix, got ${a.rows}x${a.cols}`);
  return a.rows;
}

export function identity(n: number): Float64Array {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return d;
}
