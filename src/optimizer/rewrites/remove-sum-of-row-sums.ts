/** sum(rowSums(X)) -> sum(X). Same value up to summation order (both Kahan sums). */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export function sumOfPartialSums(name: string, partial: string): RewriteRule {
  return {
    name,
    batch: 'simplify',
    rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
      const inner = h.inputs[0];
      if (isOp(h, 'sum', 1) && isOp(inner, partial, 1) && inner.inputs[0]!.dataType === 'matrix')
        return replaced(op(ctx, 'sum', [inner.inputs[0]!], h.span));
      return unchanged(h);
    },
  };
}

export const removeSumOfRowSums = sumOfPartialSums('remove-sum-of-row-sums', 'rowSums');
