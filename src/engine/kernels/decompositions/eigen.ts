/**
 * Eigen decomposition, as SystemDS's eigen(): values ascending in a column vector, vectors as the
 * columns of the second output (sorted with the values by a stable selection sort, as SystemDS's
 * sortEVs). Symmetric inputs use ml-matrix's Householder tridiagonalisation + implicit QL (JAMA's
 * tred2/tql2, the algorithm family Commons Math's EigenDecomposition also descends from); the
 * eigenvector signs are what that algorithm gives and may differ from SystemDS's. Non-symmetric
 * inputs with real eigenvalues are accepted (Hessenberg QR); complex eigenvalues are an error.
 */
import { fail } from '../../../common/diagnostics.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { mlMatrix } from './ml-matrix.js';
import { requireSquare } from './util.js';

export function eigen(a: MatrixBlock): [MatrixBlock, MatrixBlock] {
  const n = requireSquare(a, 'eigen()');
  if (n === 0) return [MatrixBlock.dense(0, 1), MatrixBlock.dense(0, 0)];
  const d = a.denseData();
  for (let k = 0; k < d.length; k++)
    if (!Number.isFinite(d[k])) fail('DML5006', 'eigen(): matrix contains NaN or infinite values');
  const symmetric = isSymmetric(d, n);
  const { EigenvalueDecomposition, Matrix } = mlMatrix();
  const m = Matrix.from1DArray(n, n, d);
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: symmetric });
  if (!symmetric) {
    const im = evd.imaginaryEigenvalues;
    if (im.some((v) => v !== 0)) fail('DML5006', 'eigen(): matrix has complex eigenvalues (not supported)');
  }
  const values = Float64Array.from(evd.realEigenvalues);
  const V = evd.eigenvectorMatrix;
  const vec = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vec[i * n + j] = V.get(i, j);
  sortEigen(values, vec, n);
  return [MatrixBlock.dense(n, 1, values), MatrixBlock.dense(n, n, vec)];
}

/** Symmetric within a few ulps relative to the largest entry (what Commons Math tolerates). */
export function isSymmetric(d: Float64Array, n: number): boolean {
  let scale = 0;
  for (let k = 0; k < d.length; k++) scale = Math.max(scale, Math.abs(d[k]!));
  const tol = 10 * n * n * Number.EPSILON * scale;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (Math.abs(d[i * n + j]! - d[j * n + i]!) > tol) return false;
  return true;
}

/** Ascending selection sort moving vector columns along (SystemDS's sortEVs). */
function sortEigen(values: Float64Array, vec: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let k = i;
    let p = values[i]!;
    for (let j = i + 1; j < n; j++) {
      if (values[j]! < p) {
        k = j;
        p = values[j]!;
      }
    }
    if (k !== i) {
      values[k] = values[i]!;
      values[i] = p;
      for (let r = 0; r < n; r++) {
        const t = vec[r * n + i]!;
        vec[r * n + i] = vec[r * n + k]!;
        vec[r * n + k] = t;
      }
    }
  }
}
