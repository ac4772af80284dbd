/** Catalogue entries: %*% solve inv det cholesky eigen lu qr svd (linalg helper). */
import { T, type BuiltinSpec } from '../spec.js';
import { matmulShape, scalarResult, solveShape, squareShape } from '../shape-rules.js';

/** inv, inverse, cholesky: a square matrix in, one of the same shape out. */
const one = (name: string, doc: string): BuiltinSpec => ({
  name,
  params: [{ name: 'target' }],
  returns: () => [T.matrix],
  shape: squareShape,
  doc,
});

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: '%*%',
    params: [{ name: 'e1' }, { name: 'e2' }],
    returns: () => [T.matrix],
    shape: matmulShape,
    doc: 'Matrix multiplication; both operands must be matrices with agreeing inner dimensions.',
  },
  {
    name: 'solve',
    params: [{ name: 'A' }, { name: 'b' }],
    returns: () => [T.matrix],
    shape: solveShape,
    doc: 'Solution x of A %*% x = b for square A (QR-based, as SystemDS).',
  },
  one('inv', 'Inverse of a square matrix; a singular matrix is an error.'),
  one('inverse', 'Inverse of a square matrix (alias of inv).'),
  {
    name: 'det',
    params: [{ name: 'target' }],
    returns: () => [T.double],
    shape: scalarResult,
    doc: 'Determinant of a square matrix.',
  },
  one('cholesky', 'Lower-triangular L with A = L %*% t(L) for a symmetric positive definite A.'),
  {
    name: 'eigen',
    params: [{ name: 'target' }],
    outputs: 2,
    returns: () => [T.matrix, T.matrix],
    doc: '[values, vectors] = eigen(A): eigenvalues ascending (column vector) and eigenvectors as columns.',
  },
  {
    name: 'lu',
    params: [{ name: 'target' }],
    outputs: 3,
    returns: () => [T.matrix, T.matrix, T.matrix],
    doc: '[P, L, U] = lu(A) with P %*% A = L %*% U (partial pivoting).',
  },
  {
    name: 'qr',
    params: [{ name: 'target' }],
    outputs: 2,
    returns: () => [T.matrix, T.matrix],
    doc: '[H, R] = qr(A): Householder vectors H (lower trapezoidal) and upper-triangular R.',
  },
  {
    name: 'svd',
    params: [{ name: 'target' }],
    outputs: 3,
    returns: () => [T.matrix, T.matrix, T.matrix],
    doc: '[U, S, V] = svd(A) with A = U %*% S %*% t(V), S diagonal with singular values descending.',
  },
];
