/**
 * Catalogue entries: casts (as.*), shape queries (nrow ncol length), lists (list append remove),
 * reflection (exists typeof), time, and second-order calls (eval evalList).
 * `ifdef` is syntax (IfdefExpr), not a builtin.
 */
import type { BuiltinSpec, TypeInfo } from '../spec.js';
import { T } from '../spec.js';
import { asMatrixShape, scalarResult } from '../shape-rules.js';

const target = [{ name: 'target' }] as const;

/** as.scalar of a matrix is a double; of a list element or unknown input the value type is unknown. */
function asScalarType(args: ReadonlyMap<string, TypeInfo>): readonly TypeInfo[] {
  const t = args.get('target');
  if (t?.dataType === 'matrix') return [T.double];
  if (t?.dataType === 'scalar') return [t];
  return [T.scalar('unknown')];
}

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: 'as.scalar',
    params: target,
    returns: asScalarType,
    shape: scalarResult,
    doc: 'Converts a 1x1 matrix, 1x1 frame or one-element list to a scalar.',
  },
  {
    name: 'castAsScalar',
    params: target,
    returns: asScalarType,
    shape: scalarResult,
    doc: 'Deprecated alias of as.scalar.',
  },
  {
    name: 'as.matrix',
    params: target,
    returns: () => [T.matrix],
    shape: asMatrixShape,
    doc: 'Converts a scalar (to 1x1), a frame or a list of scalars (to a column vector) to a matrix.',
  },
  {
    name: 'as.frame',
    params: target,
    returns: () => [T.frame],
    doc: 'Converts a matrix or scalar to a frame.',
  },
  {
    name: 'as.list',
    params: target,
    returns: () => [T.list],
    doc: 'Wraps a value into a list.',
  },
  {
    name: 'as.double',
    params: target,
    returns: () => [T.double],
    shape: scalarResult,
    doc: 'Casts a scalar (or 1x1 matrix) to a double scalar.',
  },
  {
    name: 'as.integer',
    params: target,
    returns: () => [T.int],
    shape: scalarResult,
    doc: 'Casts a scalar (or 1x1 matrix) to an integer scalar (truncates).',
  },
  {
    name: 'as.logical',
    params: target,
    returns: () => [T.boolean],
    shape: scalarResult,
    doc: 'Casts a scalar (or 1x1 matrix) to a boolean scalar (non-zero is TRUE).',
  },
  {
    name: 'as.boolean',
    params: target,
    returns: () => [T.boolean],
    shape: scalarResult,
    doc: 'Alias of as.logical.',
  },
  {
    name: 'nrow',
    params: target,
    returns: () => [T.int],
    shape: scalarResult,
    doc: 'Number of rows of a matrix or frame.',
  },
  {
    name: 'ncol',
    params: target,
    returns: () => [T.int],
    shape: scalarResult,
    doc: 'Number of columns of a matrix or frame.',
  },
  {
    name: 'length',
    params: target,
    returns: () => [T.int],
    shape: scalarResult,
    doc: 'Number of cells of a matrix or frame, or number of entries of a list.',
  },
  {
    name: 'list',
    params: [{ name: 'values', variadic: true }],
    returns: () => [T.list],
    openNamed: true,
    doc: 'Creates a list: list(a, b, ...) or a named list list(x=a, y=b).',
  },
  {
    name: 'append',
    params: [{ name: 'target' }, { name: 'value' }],
    // On a list it appends an entry; on matrices it is the old spelling of cbind.
    returns: (args) => [
      args.get('target')?.dataType === 'matrix'
        ? T.matrix
        : args.get('target')?.dataType === 'list'
          ? T.list
          : T.unknown,
    ],
    doc: 'append(L, x): a new list with x appended; append(A, B) on matrices is cbind(A, B).',
  },
  {
    name: 'remove',
    params: [{ name: 'target' }, { name: 'pos' }],
    returns: () => [T.list, T.unknown],
    outputs: 2,
    doc: '[L2, x] = remove(L, i): the list without entry i, and the removed entry.',
  },
  {
    name: 'exists',
    params: target,
    returns: () => [T.boolean],
    shape: scalarResult,
    doc: 'TRUE when a variable of that name (identifier or string) is defined.',
  },
  {
    name: 'typeof',
    params: target,
    returns: () => [T.string],
    shape: scalarResult,
    doc: 'The data type of a value as a string (Matrix, Frame, List, Scalar).',
  },
  {
    name: 'time',
    params: [],
    returns: () => [T.int],
    nondeterministic: true,
    doc: 'Current time in nanoseconds (for measuring elapsed time).',
  },
  {
    name: 'eval',
    params: [{ name: 'fname' }, { name: 'args', variadic: true }],
    returns: () => [T.unknown],
    openNamed: true,
    doc: 'Calls the function named by the string fname with the remaining arguments.',
  },
  {
    name: 'evalList',
    params: [{ name: 'fname' }, { name: 'args' }],
    returns: () => [T.unknown],
    doc: 'Calls the function named by fname with the entries of the list args as arguments.',
  },
];
