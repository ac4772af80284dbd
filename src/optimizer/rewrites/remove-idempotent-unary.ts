/** f(f(X)) -> f(X) for idempotent cell-wise functions: abs, round, floor, ceil, ceiling, sign. Exact. */
import type { Hop } from '../hop.js';
import { isOp } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

const IDEMPOTENT = ['abs', 'round', 'floor', 'ceil', 'ceiling', 'sign'];

export const removeIdempotentUnary: RewriteRule = {
  name: 'remove-idempotent-unary',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    const inner = h.inputs[0];
    if (!IDEMPOTENT.includes(h.op) || !isOp(h, h.op, 1) || !isOp(inner, h.op, 1)) return unchanged(h);
    return inner.dataType === h.dataType && inner.valueType === h.valueType ? replaced(inner) : unchanged(h);
  },
};
