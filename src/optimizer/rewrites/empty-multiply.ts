/**
 * X * E where E is a known-empty matrix of the result's dims -> a zero matrix (no pass over X).
 * NaN/Inf caveat (as SystemDS): NaN * 0 and Inf * 0 are NaN in IEEE arithmetic, while the
 * rewritten result is 0; SystemDS applies this rewrite and accepts that difference.
 */
import type { Hop } from '../hop.js';
import { isMatrix, isOp, knownDims } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

export const emptyMultiply: RewriteRule = {
  name: 'empty-multiply',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    if (!isOp(h, '*', 2) || !isMatrix(h) || !knownDims(h)) return unchanged(h);
    const empty = h.inputs.find(
      (x) => isMatrix(x) && x.dims.nnz === 0 && x.dims.rows === h.dims.rows && x.dims.cols === h.dims.cols,
    );
    if (empty === undefined) return unchanged(h);
    // The empty operand already is the all-zero result (same dims); reuse it.
    return replaced(empty);
  },
};
