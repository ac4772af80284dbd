/**
 * Shared shape of the "X op identity -> X" rules (X*1, X+0, X-0, X/1, X^1): fires only when the
 * result keeps X's exact type (int stays int, a matrix stays the same matrix).
 */
import type { Hop } from '../hop.js';
import { isLiteral, isOp, sameType } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

export function identityRule(name: string, op: string, identity: number, commutative: boolean): RewriteRule {
  return {
    name,
    batch: 'simplify',
    rewrite(h: Hop): RewriteResult {
      if (!isOp(h, op, 2)) return unchanged(h);
      // `+` is also string concatenation ("s=" + 0 is "s=0"): only numeric results qualify.
      if (h.valueType !== 'double' && h.valueType !== 'int') return unchanged(h);
      const [a, b] = h.inputs as [Hop, Hop];
      if (a.valueType === 'string' || b.valueType === 'string') return unchanged(h);
      if (isLiteral(b, identity) && sameType(h, a)) return replaced(a);
      if (commutative && isLiteral(a, identity) && sameType(h, b)) return replaced(b);
      return unchanged(h);
    },
  };
}
