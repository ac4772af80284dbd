/** sum(-X) -> -sum(X). Exact: negation commutes with every rounding step of the sum. */
import type { Hop } from '../hop.js';
import { isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const pushdownNegationSum: RewriteRule = {
  name: 'pushdown-negation-sum',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const n = h.inputs[0];
    if (!isOp(h, 'sum', 1) || !isOp(n, 'u-', 1) || !isMatrix(n.inputs[0])) return unchanged(h);
    return replaced(op(ctx, 'u-', [op(ctx, 'sum', [n.inputs[0]!], h.span)], h.span));
  },
};
