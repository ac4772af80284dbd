/**
 * -X + Y -> Y - X and X + (-Y) -> X - Y (matrices). Exact: y + (-x) == y - x in IEEE arithmetic.
 */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const addNegation: RewriteRule = {
  name: 'add-negation',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '+', 2) || h.dataType !== 'matrix') return unchanged(h);
    const [a, b] = h.inputs as [Hop, Hop];
    if (isOp(b, 'u-', 1)) return replaced(op(ctx, '-', [a, b.inputs[0]!], h.span));
    if (isOp(a, 'u-', 1)) return replaced(op(ctx, '-', [b, a.inputs[0]!], h.span));
    return unchanged(h);
  },
};
