/**
 * Singular value decomposition as SystemDS's svd(): [U, S, V] with A = U %*% S %*% t(V), the
 * compact form of Commons Math (p = min(m, n): U is m x p, S is a p x p diagonal matrix with the
 * singular values descending, V is n x p). Computed with ml-matrix (Golub-Kahan, JAMA lineage);
 * the signs of singular-vector pairs are what that algorithm gives.
 */
import { fail } from '../../../common/diagnostics.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { mlMatrix } from './ml-matrix.js';

export function svd(a: MatrixBlock): [MatrixBlock, MatrixBlock, MatrixBlock] {
  const m = a.rows;
  const n = a.cols;
  const p = Math.min(m, n);
  if (p === 0) return [MatrixBlock.dense(m, 0), MatrixBlock.dense(0, 0), MatrixBlock.dense(n, 0)];
  const d = a.denseData();
  for (let k = 0; k < d.length; k++)
    if (!Number.isFinite(d[k])) fail('DML5006', 'svd(): matrix contains NaN or infinite values');
  const { Matrix, SingularValueDecomposition } = mlMatrix();
  const dec = new SingularValueDecomposition(Matrix.from1DArray(m, n, d), {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: true,
    autoTranspose: true,
  });
  const s = dec.diagonal;
  const U = dec.leftSingularVectors;
  const V = dec.rightSingularVectors;
  const u = new Float64Array(m * p);
  for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) u[i * p + j] = U.get(i, j);
  const v = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) v[i * p + j] = V.get(i, j);
  const S = new Float64Array(p * p);
  for (let j = 0; j < p; j++) S[j * p + j] = s[j]!;
  return [MatrixBlock.dense(m, p, u), MatrixBlock.dense(p, p, S), MatrixBlock.dense(n, p, v)];
}
