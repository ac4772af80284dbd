/**
 * Transpose-self matrix multiply: t(X) %*% X (left) or X %*% t(X) (right). Computes the upper
 * triangle only and mirrors it, so the result is exactly symmetric (what solve/cholesky expect).
 * Zero semantics as matmul: terms with a zero factor contribute nothing.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { dot } from './matmul.js';

export function tsmm(x: MatrixBlock, left: boolean): MatrixBlock {
  const out = left ? tsmmLeft(x) : tsmmRight(x);
  const n = left ? x.cols : x.rows;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j]!;
  return MatrixBlock.dense(n, n, out).examSparsity();
}

/** t(X) %*% X as a sum of outer products of the rows of X (one pass over X, row-major friendly). */
function tsmmLeft(x: MatrixBlock): Float64Array {
  const m = x.rows;
  const n = x.cols;
  const c = new Float64Array(n * n);
  if (x.isSparse) {
    const s = x.sparseData();
    for (let r = 0; r < m; r++) {
      const end = s.rowPtr[r + 1]!;
      for (let p = s.rowPtr[r]!; p < end; p++) {
        const xi = s.values[p]!;
        if (xi === 0) continue;
        const ci = s.colIdx[p]! * n;
        for (let q = p; q < end; q++) {
          const xj = s.values[q]!;
          if (xj !== 0) c[ci + s.colIdx[q]!]! += xi * xj;
        }
      }
    }
    return c;
  }
  const d = x.denseData();
  for (let r = 0; r < m; r++) {
    const ro = r * n;
    for (let i = 0; i < n; i++) {
      const xi = d[ro + i]!;
      if (xi === 0) continue;
      const ci = i * n;
      if (Number.isFinite(xi)) {
        for (let j = i; j < n; j++) c[ci + j]! += xi * d[ro + j]!;
      } else {
        for (let j = i; j < n; j++) {
          const xj = d[ro + j]!;
          if (xj !== 0) c[ci + j]! += xi * xj;
        }
      }
    }
  }
  return c;
}

/** X %*% t(X): pairwise dot products of rows. */
function tsmmRight(x: MatrixBlock): Float64Array {
  const m = x.rows;
  const n = x.cols;
  const c = new Float64Array(m * m);
  if (x.isSparse) {
    const s = x.sparseData();
    for (let i = 0; i < m; i++) {
      for (let j = i; j < m; j++) {
        // merge the two sorted column lists
        let p = s.rowPtr[i]!;
        const pe = s.rowPtr[i + 1]!;
        let q = s.rowPtr[j]!;
        const qe = s.rowPtr[j + 1]!;
        let sum = 0;
        while (p < pe && q < qe) {
          const cp = s.colIdx[p]!;
          const cq = s.colIdx[q]!;
          if (cp === cq) {
            const a = s.values[p++]!;
            const b = s.values[q++]!;
            if (a !== 0 && b !== 0) sum += a * b;
          } else if (cp < cq) p++;
          else q++;
        }
        c[i * m + j] = sum;
      }
    }
    return c;
  }
  const d = x.denseData();
  for (let i = 0; i < m; i++) for (let j = i; j < m; j++) c[i * m + j] = dot(d, i * n, d, j * n, n);
  return c;
}
