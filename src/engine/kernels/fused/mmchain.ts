/**
 * Matrix-multiplication chains in one pass over X (SystemDS's MapMultChain):
 *   t(X) %*% (X %*% v)          (XtXv)
 *   t(X) %*% (w * (X %*% v))    (XtwXv)
 * For each row x_i of X: s = x_i . v (times w_i), then out += s * x_i. Only a scalar per row
 * is live: neither t(X) nor X %*% v is materialised. As in the engine's matmul, terms with a
 * zero factor contribute nothing (0 * Inf adds no NaN). A large dense X goes to the compiled
 * one-pass kernel (src/engine/kernels/skinny-mm.ts), split over the pool when X is shared.
 */
import { MatrixBlock } from '../../data/matrix-block.js';
import { compiledMmchain } from '../skinny-mm.js';

export function mmchain(x: MatrixBlock, v: MatrixBlock, w?: MatrixBlock): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  if (v.rows !== n || v.cols !== 1)
    throw new RangeError(`mmchain: v must be ${n}x1, got ${v.rows}x${v.cols}`);
  if (w !== undefined && (w.rows !== m || w.cols !== 1))
    throw new RangeError(`mmchain: w must be ${m}x1, got ${w.rows}x${w.cols}`);
  const compiled = compiledMmchain(x, v, w);
  if (compiled !== undefined) return MatrixBlock.dense(n, 1, compiled).examSparsity();
  const vd = v.denseData();
  const wd = w?.denseData();
  const out = new Float64Array(n);
  if (x.isSparse) {
    const s = x.sparseData();
    for (let i = 0; i < m; i++) {
      const end = s.rowPtr[i + 1]!;
      let dot = 0;
      for (let p = s.rowPtr[i]!; p < end; p++) {
        const a = s.values[p]!;
        const b = vd[s.colIdx[p]!]!;
        if (a !== 0 && b !== 0) dot += a * b;
      }
      if (wd !== undefined) dot *= wd[i]!; // cell-wise, as w * (X %*% v)
      if (dot === 0) continue;
      for (let p = s.rowPtr[i]!; p < end; p++) {
        const a = s.values[p]!;
        if (a !== 0) out[s.colIdx[p]!]! += a * dot;
      }
    }
  } else {
    const d = x.denseData();
    for (let i = 0; i < m; i++) {
      const off = i * n;
      let dot = 0;
      for (let j = 0; j < n; j++) {
        const a = d[off + j]!;
        const b = vd[j]!;
        if (a !== 0 && b !== 0) dot += a * b;
      }
      if (wd !== undefined) dot *= wd[i]!; // cell-wise, as w * (X %*% v)
      if (dot === 0) continue;
      for (let j = 0; j < n; j++) {
        const a = d[off + j]!;
        if (a !== 0) out[j]! += a * dot;
      }
    }
  }
  return MatrixBlock.dense(n, 1, out).examSparsity();
}
