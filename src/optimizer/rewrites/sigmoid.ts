/** 1/(1+exp(-X)) (either order of the sum) -> sigmoid(X). Exact: sigmoid computes 1/(1+exp(-x)). */
import type { Hop } from '../hop.js';
import { isLiteral, isMatrix, isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

function expOfNegated(h: Hop): Hop | undefined {
  if (!isOp(h, 'exp', 1)) return undefined;
  const n = h.inputs[0];
  return isOp(n, 'u-', 1) ? n.inputs[0] : undefined;
}

export const sigmoidRule: RewriteRule = {
  name: 'sigmoid',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '/', 2) || !isLiteral(h.inputs[0], 1) || !isMatrix(h)) return unchanged(h);
    const d = h.inputs[1]!;
    if (!isOp(d, '+', 2)) return unchanged(h);
    const [a, b] = d.inputs as [Hop, Hop];
    const x = isLiteral(a, 1) ? expOfNegated(b) : isLiteral(b, 1) ? expOfNegated(a) : undefined;
    if (x === undefined || !isMatrix(x)) return unchanged(h);
    return replaced(op(ctx, 'sigmoid', [x], h.span));
  },
};
