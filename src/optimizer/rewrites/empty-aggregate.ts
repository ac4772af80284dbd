/**
 * Sums of a known-empty matrix (nnz = 0): sum -> 0, rowSums/colSums -> a zero vector (known
 * dims). Exact: an empty matrix holds only zeros.
 */
import type { Hop } from '../hop.js';
import { dbl, filledMatrix, isOp, knownDims } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const emptyAggregate: RewriteRule = {
  name: 'empty-aggregate',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    const x = h.inputs[0];
    if (x === undefined || x.dataType !== 'matrix' || x.dims.nnz !== 0) return unchanged(h);
    const is = (name: string): boolean => isOp(h, name, 1);
    if (is('sum')) return replaced(dbl(ctx, 0, h.span));
    if ((is('rowSums') || is('colSums')) && knownDims(h))
      return replaced(filledMatrix(ctx, 0, h.dims.rows, h.dims.cols, h.span));
    return unchanged(h);
  },
};
