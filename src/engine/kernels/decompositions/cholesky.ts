/**
 * Cholesky factor L (lower triangular, A = L %*% t(L)) as Apache Commons Math's
 * CholeskyDecomposition with SystemDS's thresholds: symmetric within a relative 1e-6, and every
 * pivot above 1e-10 (else "not positive definite").
 */
import { fail } from '../../../common/diagnostics.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { denseCopy, requireSquare } from './util.js';

export const RELATIVE_SYMMETRY_THRESHOLD = 1e-6;
export const ABSOLUTE_POSITIVITY_THRESHOLD = 1e-10;

export function cholesky(a: MatrixBlock): MatrixBlock {
  const n = requireSquare(a, 'cholesky()');
  // lt holds t(L) while it is built (row i of lt is column i of L).
  const lt = denseCopy(a);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const lij = lt[i * n + j]!;
      const lji = lt[j * n + i]!;
      const maxDelta = RELATIVE_SYMMETRY_THRESHOLD * Math.max(Math.abs(lij), Math.abs(lji));
      if (!(Math.abs(lij - lji) <= maxDelta)) fail('DML5005', 'cholesky(): matrix is not symmetric');
      lt[j * n + i] = 0;
    }
  }
  for (let i = 0; i < n; i++) {
    const ii = lt[i * n + i]!;
    if (!(ii > ABSOLUTE_POSITIVITY_THRESHOLD)) fail('DML5005', 'cholesky(): matrix is not positive definite');
    const d = Math.sqrt(ii);
    lt[i * n + i] = d;
    const inverse = 1 / d;
    for (let q = n - 1; q > i; q--) {
      lt[i * n + q]! *= inverse;
      const liq = lt[i * n + q]!;
      for (let p = q; p < n; p++) lt[q * n + p]! -= liq * lt[i * n + p]!;
    }
  }
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) L[i * n + j] = lt[j * n + i]!;
  return MatrixBlock.dense(n, n, L);
}
