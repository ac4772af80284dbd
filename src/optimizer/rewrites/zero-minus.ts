/**
 * 0 - X -> -X for a matrix X. Exact up to the sign of zero: 0 - 0 is +0 while -(0) is -0
 * (equal as numbers; SystemDS itself represents -X as 0 - X and accepts the difference).
 */
import type { Hop } from '../hop.js';
import { isLiteral, isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const zeroMinus: RewriteRule = {
  name: 'zero-minus',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '-', 2) || !isLiteral(h.inputs[0], 0) || !isMatrix(h.inputs[1])) return unchanged(h);
    return replaced(op(ctx, 'u-', [h.inputs[1]!], h.span));
  },
};
