/**
 * Scalar casts that change nothing: as.scalar(as.matrix(s)) -> s for a double s, as.scalar of a
 * literal, as.double of a double, as.integer of an int, as.logical/as.boolean of a boolean.
 */
import type { Hop } from '../hop.js';
import { isOp } from './match.js';
import { replaced, unchanged, type RewriteResult, type RewriteRule } from './rule.js';

const SAME: ReadonlyMap<string, string> = new Map([
  ['as.double', 'double'],
  ['as.integer', 'int'],
  ['as.logical', 'boolean'],
  ['as.boolean', 'boolean'],
]);

export const removeUnnecessaryScalarCast: RewriteRule = {
  name: 'remove-unnecessary-scalar-cast',
  batch: 'simplify',
  rewrite(h: Hop): RewriteResult {
    const x = h.inputs[0];
    if (x === undefined || h.dataType !== 'scalar') return unchanged(h);
    const isCast = (name: string): boolean => isOp(h, name, 1);
    if (isCast('as.scalar')) {
      if (x.kind === 'literal' && x.valueType === h.valueType) return replaced(x);
      const s = x.inputs[0];
      if (
        isOp(x, 'as.matrix', 1) &&
        s?.dataType === 'scalar' &&
        s.valueType === 'double' &&
        h.valueType === 'double'
      )
        return replaced(s);
      return unchanged(h);
    }
    const vt = SAME.get(h.op);
    if (vt !== undefined && isCast(h.op) && x.dataType === 'scalar' && x.valueType === vt) return replaced(x);
    return unchanged(h);
  },
};
