/** as.matrix(X) of a matrix X -> X. */
import type { Hop } from '../hop.js';
import { isMatrix, isOp } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

export const removeUnnecessaryAsMatrix: RewriteRule = {
  name: 'remove-unnecessary-as-matrix',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    const x = h.inputs[0];
    if (isOp(h, 'as.matrix', 1) && isMatrix(x)) return replaced(x);
    return unchanged(h);
  },
};
