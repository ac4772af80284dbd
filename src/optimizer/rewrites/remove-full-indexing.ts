/**
 * Right indexing that selects the whole matrix -> the matrix: X[,], X[1:nrow(X),],
 * X[, 1:ncol(X)], with bounds either `nrow(X)`/`ncol(X)` of the same X or literals equal to
 * its known dims.
 */
import type { Hop } from '../hop.js';
import { isMatrix, isOp, literalNum } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

function whole(lo: Hop, hi: Hop, x: Hop, query: 'nrow' | 'ncol'): boolean {
  if (lo.kind === 'none' && hi.kind === 'none') return true;
  if (literalNum(lo) !== 1) return false;
  const n = query === 'nrow' ? x.dims.rows : x.dims.cols;
  if (n >= 0 && literalNum(hi) === n) return true;
  return isOp(hi, query, 1) && hi.inputs[0] === x;
}

export const removeFullIndexing: RewriteRule = {
  name: 'remove-full-indexing',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    if (h.kind !== 'rix' || h.attrs?.listIndex === true || h.inputs.length !== 5) return unchanged(h);
    const [x, rl, ru, cl, cu] = h.inputs as [Hop, Hop, Hop, Hop, Hop];
    if (!isMatrix(x)) return unchanged(h);
    return whole(rl, ru, x, 'nrow') && whole(cl, cu, x, 'ncol') ? replaced(x) : unchanged(h);
  },
};
