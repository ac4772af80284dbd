/** colSums(t(X)) -> t(rowSums(X)), and rowSums(t(X)) -> t(colSums(X)) in the sibling rule. Exact. */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export function aggregateTransposePushdown(name: string, outer: string, inner: string): RewriteRule {
  return {
    name,
    batch: 'simplify',
    rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
      const t = h.inputs[0];
      if (!isOp(h, outer, 1) || !isOp(t, 't', 1)) return unchanged(h);
      const agg = op(ctx, inner, [t.inputs[0]!], h.span);
      return replaced(op(ctx, 't', [agg], h.span));
    },
  };
}

export const pushdownColSumsTranspose = aggregateTransposePushdown(
  'pushdown-colsums-transpose',
  'colSums',
  'rowSums',
);
