/** X^0 -> matrix(1, nrow(X), ncol(X)) when the dims are known. Exact: pow(x, 0) is 1 even for NaN. */
import type { Hop } from '../hop.js';
import { filledMatrix, isLiteral, isMatrix, isOp, knownDims } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const powerZero: RewriteRule = {
  name: 'power-zero',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '^', 2) || !isLiteral(h.inputs[1], 0) || !isMatrix(h.inputs[0]) || !knownDims(h))
      return unchanged(h);
    return replaced(filledMatrix(ctx, 1, h.dims.rows, h.dims.cols, h.span));
  },
};
