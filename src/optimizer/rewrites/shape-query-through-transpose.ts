/** nrow(t(X)) -> ncol(X), ncol(t(X)) -> nrow(X), length(t(X)) -> length(X): no transpose to size. */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

const SWAP: ReadonlyMap<string, string> = new Map([
  ['nrow', 'ncol'],
  ['ncol', 'nrow'],
  ['length', 'length'],
]);

export const shapeQueryThroughTranspose: RewriteRule = {
  name: 'shape-query-through-transpose',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const t = h.inputs[0];
    const to = SWAP.get(h.op);
    if (to === undefined || !isOp(h, h.op, 1) || !isOp(t, 't', 1)) return unchanged(h);
    return replaced(op(ctx, to, [t.inputs[0]!], h.span));
  },
};
