/** X*X -> X^2 (the same HOP on both sides). Exact: pow(x, 2) == x*x. Enables sumSq and fusion. */
import type { Hop } from '../hop.js';
import { isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const multiplySelfToPower: RewriteRule = {
  name: 'multiply-self-to-power',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '*', 2) || h.inputs[0] !== h.inputs[1] || !isMatrix(h.inputs[0])) return unchanged(h);
    return replaced(
      op(ctx, '^', [h.inputs[0]!, ctx.factory.literal({ vt: 'double', value: 2 }, h.span)], h.span),
    );
  },
};
