/**
 * agg(t(X)) -> agg(X) for full aggregates that do not depend on cell order beyond summation
 * order: sum, mean, min, max, prod, trace (trace(t(X)) = trace(X) exactly).
 */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

const AGGS = ['sum', 'mean', 'min', 'max', 'prod', 'trace'];

export const removeTransposeUnderFullAggregate: RewriteRule = {
  name: 'remove-transpose-under-full-aggregate',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const t = h.inputs[0];
    if (!AGGS.includes(h.op) || !isOp(h, h.op, 1) || !isOp(t, 't', 1)) return unchanged(h);
    return replaced(op(ctx, h.op, [t.inputs[0]!], h.span));
  },
};
