/**
 * Catalogue entries for contingency, grouping and selection builtins: table/ctable, aggregate/
 * groupedAggregate, outer, unique, replace, contains, ifelse. Names follow SystemDS
 * (ParameterizedBuiltinFunctionExpression for aggregate, replace and contains; table, outer,
 * unique and ifelse are positional there).
 */
import type { BuiltinSpec, TypeInfo } from '../spec.js';
import { T } from '../spec.js';
import { ifelseShape, sameAsTarget } from '../shape-rules.js';

const matrixResult = (): readonly TypeInfo[] => [T.matrix];

const tableParams = [
  { name: 'A' },
  { name: 'B' },
  // table(A, B, odim1, odim2) is also valid: the implementation tells the forms apart by count.
  { name: 'W', optional: true },
  { name: 'odim1', optional: true },
  { name: 'odim2', optional: true },
] as const;

const aggregateParams = [
  { name: 'target' },
  { name: 'groups' },
  { name: 'weights', optional: true },
  { name: 'fn', optional: true },
  { name: 'order', optional: true },
  { name: 'ngroups', optional: true },
] as const;

/** ifelse of three scalars is a scalar (of the branches' common type); otherwise a matrix. */
function ifelseType(args: ReadonlyMap<string, TypeInfo>): readonly TypeInfo[] {
  const c = args.get('cond');
  const a = args.get('A');
  const b = args.get('B');
  const all = [c, a, b];
  if (all.some((t) => t?.dataType === 'matrix')) return [T.matrix];
  if (all.every((t) => t?.dataType === 'scalar') && a && b) {
    if (a.valueType === b.valueType) return [T.scalar(a.valueType)];
    const numeric = (v: string): boolean => v === 'double' || v === 'int' || v === 'boolean';
    if (numeric(a.valueType) && numeric(b.valueType)) return [T.double];
    return [T.scalar('unknown')];
  }
  return [T.unknown];
}

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: 'table',
    params: tableParams,
    returns: matrixResult,
    doc: 'Contingency table of A and B (vectors or scalars), optionally weighted by W, with optional output dims odim1 x odim2.',
  },
  { name: 'ctable', params: tableParams, returns: matrixResult, doc: 'Alias of table.' },
  {
    name: 'aggregate',
    params: aggregateParams,
    returns: matrixResult,
    doc: 'Grouped aggregate of target by group ids 1..k: fn="sum"|"count"|"mean"|"variance"|"centralmoment" (with order); ngroups fixes k.',
  },
  { name: 'groupedAggregate', params: aggregateParams, returns: matrixResult, doc: 'Alias of aggregate.' },
  {
    name: 'outer',
    params: [{ name: 'a' }, { name: 'b' }, { name: 'op' }],
    returns: matrixResult,
    doc: 'Outer operation: op(a[i], b[j]) for a column vector a and a row vector b, with any cell-wise binary operator ("+", "<", "==", ...).',
  },
  {
    name: 'unique',
    params: [{ name: 'target' }, { name: 'dir', optional: true }],
    returns: matrixResult,
    doc: 'Distinct values: dir="rc" (default) all cells as a column vector, "r" per row, "c" per column.',
  },
  {
    name: 'replace',
    params: [{ name: 'target' }, { name: 'pattern' }, { name: 'replacement' }],
    returns: matrixResult,
    shape: sameAsTarget('target'),
    doc: 'Replaces every cell equal to pattern (NaN works) by replacement.',
  },
  {
    name: 'contains',
    params: [{ name: 'target' }, { name: 'pattern' }],
    returns: () => [T.boolean],
    doc: 'TRUE when some cell of target equals pattern (NaN works).',
  },
  {
    name: 'ifelse',
    params: [{ name: 'cond' }, { name: 'A' }, { name: 'B' }],
    returns: ifelseType,
    shape: ifelseShape,
    doc: 'Cell-wise cond != 0 ? A : B over any mix of scalars and matrices (scalars broadcast).',
  },
];
