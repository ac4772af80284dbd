/** rowSums(X) of a column vector (m x 1) -> X; the sibling rule: colSums of a row vector. Exact. */
import type { Hop } from '../hop.js';
import { isMatrix, isOp } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

export function vectorAggregateRule(name: string, agg: string, axis: 'rows' | 'cols'): RewriteRule {
  return {
    name,
    batch: 'simplify',
    rewrite(h: Hop): RewriteResult {
      const x = h.inputs[0];
      if (!isOp(h, agg, 1) || !isMatrix(x)) return unchanged(h);
      const other = axis === 'cols' ? x.dims.cols : x.dims.rows;
      return other === 1 ? replaced(x) : unchanged(h);
    },
  };
}

export const removeRowSumsOfColumn = vectorAggregateRule('remove-rowsums-of-column', 'rowSums', 'cols');
