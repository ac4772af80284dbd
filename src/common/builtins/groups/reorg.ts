/**
 * Catalogue entries for reorganisation builtins: t rev diag cbind rbind removeEmpty order
 * lower.tri upper.tri. Parameter names follow SystemDS (ParameterizedBuiltinFunctionExpression
 * for removeEmpty, order and the triangles; the others are positional there and take `target`).
 * `matrix(X, rows, cols)` (reshape) lives with data generation.
 */
import type { BuiltinSpec, TypeInfo } from '../spec.js';
import { T } from '../spec.js';
import { appendShape, diagShape, sameAsTarget, transposeShape } from '../shape-rules.js';

const matrixResult = (): readonly TypeInfo[] => [T.matrix];

/** cbind/rbind of frames give a frame (when the analysis reports the variadic inputs' type). */
const appendResult = (args: ReadonlyMap<string, TypeInfo>): readonly TypeInfo[] => [
  args.get('inputs')?.dataType === 'frame' ? T.frame : T.matrix,
];

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: 't',
    params: [{ name: 'target' }],
    returns: matrixResult,
    shape: transposeShape,
    doc: 'Transpose of a matrix.',
  },
  {
    name: 'rev',
    params: [{ name: 'target' }],
    returns: matrixResult,
    shape: sameAsTarget('target'),
    doc: 'Reverses the order of the rows of a matrix.',
  },
  {
    name: 'diag',
    params: [{ name: 'target' }],
    returns: matrixResult,
    shape: diagShape,
    doc: 'Column vector to diagonal matrix, or square matrix to the column vector of its diagonal.',
  },
  {
    name: 'cbind',
    params: [{ name: 'inputs', variadic: true }],
    returns: appendResult,
    shape: appendShape('cbind'),
    doc: 'Appends matrices (or scalars as 1x1), or frames, side by side; all must have the same number of rows.',
  },
  {
    name: 'rbind',
    params: [{ name: 'inputs', variadic: true }],
    returns: appendResult,
    shape: appendShape('rbind'),
    doc: 'Stacks matrices (or scalars as 1x1), or frames, on top of each other; all must have the same number of columns.',
  },
  {
    name: 'removeEmpty',
    params: [
      { name: 'target' },
      { name: 'margin' },
      { name: 'select', optional: true },
      { name: 'empty.return', optional: true },
    ],
    returns: (args) => [args.get('target')?.dataType === 'frame' ? T.frame : T.matrix],
    doc: 'Removes all-zero (for frames: all-empty) rows (margin="rows") or columns (margin="cols"), or keeps those selected by a 0/1 vector.',
  },
  {
    name: 'order',
    params: [
      { name: 'target' },
      { name: 'by', optional: true },
      { name: 'decreasing', optional: true },
      { name: 'index.return', optional: true },
    ],
    returns: matrixResult,
    doc: 'Stable sort of the rows by column `by` (default 1; a vector of columns sorts by several); index.return=TRUE gives 1-based positions.',
  },
  {
    name: 'lower.tri',
    params: [{ name: 'target' }, { name: 'diag', optional: true }, { name: 'values', optional: true }],
    returns: matrixResult,
    shape: sameAsTarget('target'),
    doc: 'Lower triangle (diag=TRUE includes the diagonal) as 0/1 indicators, or with the values of target (values=TRUE).',
  },
  {
    name: 'upper.tri',
    params: [{ name: 'target' }, { name: 'diag', optional: true }, { name: 'values', optional: true }],
    returns: matrixResult,
    shape: sameAsTarget('target'),
    doc: 'Upper triangle (diag=TRUE includes the diagonal) as 0/1 indicators, or with the values of target (values=TRUE).',
  },
];
