/** t(X) %*% t(Y) -> t(Y %*% X): one transpose instead of two. Exact (same products and sums). */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const simplifyTransposeMatmul: RewriteRule = {
  name: 'simplify-transpose-matmul',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '%*%', 2)) return unchanged(h);
    const [a, b] = h.inputs as [Hop, Hop];
    if (!isOp(a, 't', 1) || !isOp(b, 't', 1)) return unchanged(h);
    const mm = op(ctx, '%*%', [b.inputs[0]!, a.inputs[0]!], h.span);
    return replaced(op(ctx, 't', [mm], h.span));
  },
};
