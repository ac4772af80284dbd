/** X + X -> 2 * X (same HOP on both sides, matrix). Exact: x + x == 2x in IEEE arithmetic. */
import type { Hop } from '../hop.js';
import { dbl, isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const addSelfToMultiply: RewriteRule = {
  name: 'add-self-to-multiply',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '+', 2) || h.inputs[0] !== h.inputs[1] || !isMatrix(h.inputs[0])) return unchanged(h);
    return replaced(op(ctx, '*', [dbl(ctx, 2, h.span), h.inputs[0]!], h.span));
  },
};
