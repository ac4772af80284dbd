/** X - (-Y) -> X + Y. Exact: x - (-y) == x + y in IEEE arithmetic. */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const subtractNegation: RewriteRule = {
  name: 'subtract-negation',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const n = h.inputs[1];
    if (!isOp(h, '-', 2) || !isOp(n, 'u-', 1) || h.dataType !== 'matrix') return unchanged(h);
    return replaced(op(ctx, '+', [h.inputs[0]!, n.inputs[0]!], h.span));
  },
};
