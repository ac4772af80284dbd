/** diag(diag(v)) for a column vector v -> v (vector -> diagonal matrix -> its diagonal). Exact. */
import type { Hop } from '../hop.js';
import { isColVector, isOp } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

export const removeDoubleDiag: RewriteRule = {
  name: 'remove-double-diag',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    const inner = h.inputs[0];
    if (!isOp(h, 'diag', 1) || !isOp(inner, 'diag', 1)) return unchanged(h);
    const v = inner.inputs[0]!;
    // A 1x1 v is ambiguous (diag of a 1x1 matrix is itself): still v.
    return isColVector(v) ? replaced(v) : unchanged(h);
  },
};
