/**
 * X %*% Y where X or Y is known empty (nnz = 0) and the result dims are known -> a zero matrix.
 * Matches the engine's matmul, where a zero factor contributes nothing (0 * Inf adds no NaN), as
 * in SystemDS's sparse-safe matrix multiply.
 */
import type { Hop } from '../hop.js';
import { filledMatrix, isOp, knownDims } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

export const emptyMatmul: RewriteRule = {
  name: 'empty-matmul',
  batch: 'simplify',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '%*%', 2) || !knownDims(h)) return unchanged(h);
    const [a, b] = h.inputs as [Hop, Hop];
    if (a.dims.nnz !== 0 && b.dims.nnz !== 0) return unchanged(h);
    return replaced(filledMatrix(ctx, 0, h.dims.rows, h.dims.cols, h.span));
  },
};
