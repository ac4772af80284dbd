/** -(-X) -> X (exact), when the type is kept (-(-TRUE) is an int, so booleans stay). */
import type { Hop } from '../hop.js';
import { isOp, sameType } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

export const removeDoubleNegation: RewriteRule = {
  name: 'remove-double-negation',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    const inner = h.inputs[0];
    if (isOp(h, 'u-', 1) && isOp(inner, 'u-', 1) && sameType(h, inner.inputs[0]!))
      return replaced(inner.inputs[0]!);
    return unchanged(h);
  },
};
