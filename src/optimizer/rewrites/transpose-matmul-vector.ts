/**
 * t(X) %*% y, y a column vector -> t(t(y) %*% X): the vector is transposed instead of X, so X is
 * never copied (for lm's normal equations the copy is as large as the input and costs more than
 * the product; the native kernel reads X in place). SystemDS does the same left-transpose
 * rewrite for vectors. Same products and sums, up to summation order. The mmchain shapes
 * t(X) %*% (X %*% v) and t(X) %*% (w * (X %*% v)) are left to matmul-to-mmchain.
 */
import type { Hop } from '../hop.js';
import { isColVector, isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const transposeMatmulVector: RewriteRule = {
  name: 'transpose-matmul-vector',
  batch: 'matmul',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '%*%', 2)) return unchanged(h);
    const [a, y] = h.inputs as [Hop, Hop];
    if (!isOp(a, 't', 1)) return unchanged(h);
    const x = a.inputs[0]!;
    // x with one column would make the result match this pattern again (and gains nothing).
    if (!isMatrix(x) || !(x.dims.cols > 1) || x === y || !isColVector(y)) return unchanged(h);
    if (isMmchainOperand(y, x)) return unchanged(h);
    const ty = op(ctx, 't', [y], h.span);
    return replaced(op(ctx, 't', [op(ctx, '%*%', [ty, x], h.span)], h.span));
  },
};

/** y is X %*% v or w * (X %*% v) (either order) over the same X: matmul-to-mmchain's shapes. */
function isMmchainOperand(y: Hop, x: Hop): boolean {
  const xv = (h: Hop): boolean => isOp(h, '%*%', 2) && h.inputs[0] === x;
  return xv(y) || (isOp(y, '*', 2) && (xv(y.inputs[0]!) || xv(y.inputs[1]!)));
}
