/**
 * Householder QR as Apache Commons Math's QRDecomposition (which SystemDS calls for qr, solve and
 * inv). qr() returns [H, R]: H (m x n, lower trapezoidal) holds the Householder vectors scaled as
 * Commons Math's getH() does (h_j = v_j / -r_jj), so Q = prod_j (I - h_j t(h_j) / h_jj); R is m x n.
 * solve() and inv() use the same factors; singular when a diagonal entry of R is negligible
 * relative to the largest (Commons Math only rejects exact zeros; we reject near-zeros too
 * rather than return garbage).
 */
import { fail } from '../../../common/diagnostics.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { identity, requireSquare } from './util.js';

interface QrFactors {
  /** Transposed, packed factors: qrt[j*m + i] for column j, row i. */
  readonly qrt: Float64Array;
  readonly rDiag: Float64Array;
  readonly m: number;
  readonly n: number;
}

function qrFactor(a: MatrixBlock): QrFactors {
  const m = a.rows;
  const n = a.cols;
  const src = a.denseData();
  const qrt = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) qrt[j * m + i] = src[i * n + j]!;
  const p = Math.min(m, n);
  const rDiag = new Float64Array(p);
  for (let minor = 0; minor < p; minor++) {
    const mo = minor * m;
    let xNormSqr = 0;
    for (let row = minor; row < m; row++) xNormSqr += qrt[mo + row]! * qrt[mo + row]!;
    const alpha = qrt[mo + minor]! > 0 ? -Math.sqrt(xNormSqr) : Math.sqrt(xNormSqr);
    rDiag[minor] = alpha;
    if (alpha !== 0) {
      qrt[mo + minor]! -= alpha;
      const denom = alpha * qrt[mo + minor]!;
      for (let col = minor + 1; col < n; col++) {
        const co = col * m;
        let s = 0;
        for (let row = minor; row < m; row++) s += qrt[co + row]! * qrt[mo + row]!;
        s /= denom;
        for (let row = minor; row < m; row++) qrt[co + row]! += s * qrt[mo + row]!;
      }
    }
  }
  return { qrt, rDiag, m, n };
}

export function qr(a: MatrixBlock): [MatrixBlock, MatrixBlock] {
  const { qrt, rDiag, m, n } = qrFactor(a);
  const H = new Float64Array(m * n);
  const R = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < Math.min(i + 1, n); j++)
      H[i * n + j] = rDiag[j] === 0 ? 0 : qrt[j * m + i]! / -rDiag[j]!;
  }
  for (let row = Math.min(m, n) - 1; row >= 0; row--) {
    R[row * n + row] = rDiag[row]!;
    for (let col = row + 1; col < n; col++) R[row * n + col] = qrt[col * m + row]!;
  }
  return [MatrixBlock.dense(m, n, H), MatrixBlock.dense(m, n, R)];
}

/** Least-squares solution of A x = B (exact for square A); A must have rows >= cols and full rank. */
export function qrSolve(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  if (b.rows !== a.rows) fail('DML4001', `solve(): A is ${a.rows}x${a.cols} but b has ${b.rows} rows`);
  if (a.rows < a.cols)
    fail('DML4002', `solve(): A must have at least as many rows as columns, got ${a.rows}x${a.cols}`);
  const { qrt, rDiag, m, n } = qrFactor(a);
  let rmax = 0;
  for (const r of rDiag) rmax = Math.max(rmax, Math.abs(r));
  const tol = rmax * Math.max(m, n) * Number.EPSILON;
  for (const r of rDiag) if (!(Math.abs(r) > tol)) fail('DML5002', 'matrix is singular');
  const k = b.cols;
  // Work on columns of B (transposed copy) so the inner loops are contiguous.
  const bd = b.denseData();
  const y = new Float64Array(k * m);
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) y[c * m + i] = bd[i * k + c]!;
  for (let minor = 0; minor < n; minor++) {
    const mo = minor * m;
    const factor = 1 / (rDiag[minor]! * qrt[mo + minor]!);
    for (let c = 0; c < k; c++) {
      const yo = c * m;
      let d = 0;
      for (let row = minor; row < m; row++) d += y[yo + row]! * qrt[mo + row]!;
      d *= factor;
      for (let row = minor; row < m; row++) y[yo + row]! += d * qrt[mo + row]!;
    }
  }
  const x = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const yo = c * m;
    for (let j = n - 1; j >= 0; j--) {
      y[yo + j]! /= rDiag[j]!;
      const yj = y[yo + j]!;
      for (let i = 0; i < j; i++) y[yo + i]! -= yj * qrt[j * m + i]!;
    }
    for (let j = 0; j < n; j++) x[j * k + c] = y[yo + j]!;
  }
  return MatrixBlock.dense(n, k, x);
}

export function inv(a: MatrixBlock): MatrixBlock {
  const n = requireSquare(a, 'inv()');
  if (n === 0) return MatrixBlock.dense(0, 0);
  return qrSolve(a, MatrixBlock.dense(n, n, identity(n)));
}

/** solve(A, b) as SystemDS: A must be square. */
export function solve(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  if (a.rows === a.cols && a.rows === 0) return MatrixBlock.dense(0, b.cols);
  return qrSolve(a, b);
}
