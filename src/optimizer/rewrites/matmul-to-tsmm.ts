/**
 * t(X) %*% X -> tsmm(X, TRUE) and X %*% t(X) -> tsmm(X, FALSE): transpose-self matrix multiply,
 * no transpose materialised, half the products (the result is symmetric). The engine runs the
 * 'tsmm' kernel of the kernel registry.
 */
import type { Hop } from '../hop.js';
import { isOp, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';
import { CompilerOps } from '../../common/op-names.js';

export const matmulToTsmm: RewriteRule = {
  name: 'matmul-to-tsmm',
  batch: 'matmul',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '%*%', 2)) return unchanged(h);
    const [a, b] = h.inputs as [Hop, Hop];
    const left = isOp(a, 't', 1) && a.inputs[0] === b;
    const right = isOp(b, 't', 1) && b.inputs[0] === a;
    if (!left && !right) return unchanged(h);
    const x = left ? b : a;
    if (x.dataType !== 'matrix') return unchanged(h);
    const flag = ctx.factory.literal({ vt: 'boolean', value: left }, h.span);
    return replaced(op(ctx, CompilerOps.tsmm, [x, flag], h.span));
  },
};
