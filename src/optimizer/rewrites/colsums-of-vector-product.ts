/**
 * colSums(X * y) and colSums(y * X), y a column vector with nrow(X) rows -> t(y) %*% X: a
 * vector-matrix product instead of an m x n intermediate. Same value up to summation order,
 * except that a zero y_i times an infinite X_ij contributes nothing (matmul semantics) where
 * the cell-wise form gives NaN — the NaN/Inf caveat SystemDS accepts for this rewrite.
 */
import type { Hop } from '../hop.js';
import { isColVector, isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const colSumsOfVectorProduct: RewriteRule = {
  name: 'colsums-of-vector-product',
  batch: 'matmul',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const p = h.inputs[0];
    if (!isOp(h, 'colSums', 1) || !isOp(p, '*', 2)) return unchanged(h);
    const [a, b] = p.inputs as [Hop, Hop];
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (
        isMatrix(x) &&
        isColVector(y) &&
        x.dims.rows >= 0 &&
        y.dims.rows === x.dims.rows &&
        x.dims.cols > 1
      ) {
        return replaced(op(ctx, '%*%', [op(ctx, 't', [y], h.span), x], h.span));
      }
    }
    return unchanged(h);
  },
};
