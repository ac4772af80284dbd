/**
 * sum(v^2) for a column vector v -> as.scalar(t(v) %*% v), which then becomes a tsmm. Same value
 * up to summation order.
 */
import type { Hop } from '../hop.js';
import { isColVector, isLiteral, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const sumOfSquaresVector: RewriteRule = {
  name: 'sum-of-squares-vector',
  batch: 'matmul',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const p = h.inputs[0];
    if (!isOp(h, 'sum', 1) || !isOp(p, '^', 2) || !isLiteral(p.inputs[1], 2)) return unchanged(h);
    const v = p.inputs[0]!;
    if (!isColVector(v) || v.dims.rows < 0) return unchanged(h);
    const mm = op(ctx, '%*%', [op(ctx, 't', [v], h.span), v], h.span);
    return replaced(op(ctx, 'as.scalar', [mm], h.span));
  },
};
