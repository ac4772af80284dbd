/** sum(X^2) -> sumSq(X): one pass, no squared intermediate. Same value up to rounding of the sum. */
import type { Hop } from '../hop.js';
import { isLiteral, isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';
import { CompilerOps } from '../../common/op-names.js';

export const sumOfSquares: RewriteRule = {
  name: 'sum-of-squares',
  batch: 'aggregate',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const p = h.inputs[0];
    if (!isOp(h, 'sum', 1) || !isOp(p, '^', 2) || !isLiteral(p.inputs[1], 2) || !isMatrix(p.inputs[0]))
      return unchanged(h);
    return replaced(op(ctx, CompilerOps.sumSq, [p.inputs[0]!], h.span));
  },
};
