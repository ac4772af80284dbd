/**
 * trace(X %*% Y) -> sum(X * t(Y)): O(mn) instead of O(m^2 n), no m x m product. Same value up to
 * summation order. Only with known dims where X %*% Y is square (so trace would not fail).
 */
import type { Hop } from '../hop.js';
import { isOp, knownDims, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const traceOfMatmul: RewriteRule = {
  name: 'trace-of-matmul',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const mm = h.inputs[0];
    if (!isOp(h, 'trace', 1) || !isOp(mm, '%*%', 2)) return unchanged(h);
    const [x, y] = mm.inputs as [Hop, Hop];
    if (!knownDims(x) || !knownDims(y) || x.dims.rows !== y.dims.cols || x.dims.cols !== y.dims.rows)
      return unchanged(h);
    const prod = op(ctx, '*', [x, op(ctx, 't', [y], h.span)], h.span);
    return replaced(op(ctx, 'sum', [prod], h.span));
  },
};
