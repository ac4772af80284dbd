/**
 * t(X) %*% Y -> tmm(X, Y): the product with X read transposed in place (BLAS dgemm with
 * transa='T'), so the transpose of X is never materialised. For multiLogReg's gradient
 * t(X) %*% (P - Y) on a 1e5x50 X, the copy cost more than the product. Vectors Y (known to have
 * one column) are left to transpose-matmul-vector, t(X) %*% X to tsmm and the mmchain shapes to
 * matmul-to-mmchain, which run earlier in the batch. Only when t(X) has no other consumer: a t(X)
 * computed anyway is free to reuse. Same products and sums, up to summation order.
 */
import type { Hop } from '../hop.js';
import { isMatrix, isOp, op, singleUse } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';
import { CompilerOps } from '../../common/op-names.js';

export const matmulTransposeLeft: RewriteRule = {
  name: 'matmul-transpose-left',
  batch: 'matmul',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '%*%', 2)) return unchanged(h);
    const [a, y] = h.inputs as [Hop, Hop];
    if (!isOp(a, 't', 1) || !singleUse(a, ctx)) return unchanged(h);
    const x = a.inputs[0]!;
    if (!isMatrix(x) || !isMatrix(y) || x === y || y.dims.cols === 1) return unchanged(h);
    // A one-column X: t(X) is a free reshape of a vector; nothing to gain.
    if (x.dims.cols === 1) return unchanged(h);
    return replaced(op(ctx, CompilerOps.tmm, [x, y], h.span));
  },
};
