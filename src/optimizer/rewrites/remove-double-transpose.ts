/** t(t(X)) -> X. Exact. */
import type { Hop } from '../hop.js';
import { isOp } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

export const removeDoubleTranspose: RewriteRule = {
  name: 'remove-double-transpose',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    const inner = h.inputs[0];
    if (isOp(h, 't', 1) && isOp(inner, 't', 1)) return replaced(inner.inputs[0]!);
    return unchanged(h);
  },
};
