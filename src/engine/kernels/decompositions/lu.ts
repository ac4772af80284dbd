/**
 * LU decomposition with partial pivoting, P %*% A = L %*% U, following Apache Commons Math's
 * LUDecomposition (which SystemDS calls): left-looking Crout elimination, the largest |pivot| in
 * the column (first one on ties), singular when a pivot is below 1e-11 in absolute value.
 */
import { fail } from '../../../common/diagnostics.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { denseCopy, requireSquare } from './util.js';

/** Commons Math's default singularity threshold. */
export const SINGULARITY_THRESHOLD = 1e-11;

export interface LuFactors {
  /** Packed L (unit diagonal implied, below the diagonal) and U (on and above). */
  readonly lu: Float64Array;
  readonly pivot: Int32Array;
  readonly n: number;
  /** Even number of row swaps. */
  readonly even: boolean;
  readonly singular: boolean;
}

export function luFactor(a: MatrixBlock, what: string): LuFactors {
  const n = requireSquare(a, what);
  const lu = denseCopy(a);
  const pivot = Int32Array.from({ length: n }, (_, i) => i);
  let even = true;
  for (let col = 0; col < n; col++) {
    for (let row = 0; row < col; row++) {
      let sum = lu[row * n + col]!;
      for (let i = 0; i < row; i++) sum -= lu[row * n + i]! * lu[i * n + col]!;
      lu[row * n + col] = sum;
    }
    let max = col;
    let largest = -Infinity;
    for (let row = col; row < n; row++) {
      let sum = lu[row * n + col]!;
      for (let i = 0; i < col; i++) sum -= lu[row * n + i]! * lu[i * n + col]!;
      lu[row * n + col] = sum;
      if (Math.abs(sum) > largest) {
        largest = Math.abs(sum);
        max = row;
      }
    }
    if (!(Math.abs(lu[max * n + col]!) >= SINGULARITY_THRESHOLD))
      return { lu, pivot, n, even, singular: true };
    if (max !== col) {
      for (let i = 0; i < n; i++) {
        const t = lu[max * n + i]!;
        lu[max * n + i] = lu[col * n + i]!;
        lu[col * n + i] = t;
      }
      const t = pivot[max]!;
      pivot[max] = pivot[col]!;
      pivot[col] = t;
      even = !even;
    }
    const d = lu[col * n + col]!;
    for (let row = col + 1; row < n; row++) lu[row * n + col]! /= d;
  }
  return { lu, pivot, n, even, singular: false };
}

export function lu(a: MatrixBlock): [MatrixBlock, MatrixBlock, MatrixBlock] {
  const f = luFactor(a, 'lu()');
  if (f.singular) fail('DML5002', 'lu(): matrix is singular');
  const n = f.n;
  const P = new Float64Array(n * n);
  const L = new Float64Array(n * n);
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    P[i * n + f.pivot[i]!] = 1;
    L[i * n + i] = 1;
    for (let j = 0; j < n; j++) {
      if (j < i) L[i * n + j] = f.lu[i * n + j]!;
      else U[i * n + j] = f.lu[i * n + j]!;
    }
  }
  return [MatrixBlock.dense(n, n, P), MatrixBlock.dense(n, n, L), MatrixBlock.dense(n, n, U)];
}

/** Determinant from the LU factors (0 for a singular matrix, as Commons Math). */
export function det(a: MatrixBlock): number {
  if (a.rows === 0 && a.cols === 0) return 1;
  const f = luFactor(a, 'det()');
  if (f.singular) {
    // Pivots below the threshold are treated as zero unless a non-finite cell poisons the matrix.
    for (let k = 0; k < f.lu.length; k++) if (Number.isNaN(f.lu[k])) return NaN;
    return 0;
  }
  let d = f.even ? 1 : -1;
  for (let i = 0; i < f.n; i++) d *= f.lu[i * f.n + i]!;
  return d;
}
