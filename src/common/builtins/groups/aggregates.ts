/**
 * Catalogue entries for aggregates: full (sum prod mean/avg var sd min max trace), row and column
 * aggregates, rowIndexMax/Min, order statistics (median quantile interQuartileMean), moment, cov,
 * and cumulative ops (cumsum cumprod cummin cummax rowcumsum cumsumprod). min/max with one
 * argument aggregate; with several they are cell-wise n-ary.
 *
 * SystemDS's quantile(X[, W], p) and moment(X[, W], order) have an optional middle argument; the
 * catalogue names the second position `weights` and the implementations treat it as p/order when
 * the third is absent.
 */
import type { BuiltinSpec, ShapeRule, TypeInfo } from '../spec.js';
import { T } from '../spec.js';
import {
  colVector,
  minMaxShape,
  quantileShape,
  rowVector,
  sameAsTarget,
  scalarResult,
} from '../shape-rules.js';

type Returns = BuiltinSpec['returns'];
const target = [{ name: 'target' }] as const;
const dbl: Returns = () => [T.double];
const mat: Returns = () => [T.matrix];

const FULL: readonly [string, string][] = [
  ['sum', 'Sum of all cells (Kahan summation).'],
  ['prod', 'Product of all cells.'],
  ['mean', 'Mean of all cells.'],
  ['avg', 'Alias of mean.'],
  ['var', 'Sample variance (n - 1) of all cells.'],
  ['sd', 'Sample standard deviation of all cells.'],
  ['trace', 'Sum of the diagonal of a square matrix.'],
];

const ROWCOL: readonly [string, string][] = [
  ['rowSums', 'Sum of each row (m x 1).'],
  ['colSums', 'Sum of each column (1 x n).'],
  ['rowMeans', 'Mean of each row.'],
  ['colMeans', 'Mean of each column.'],
  ['rowMaxs', 'Maximum of each row.'],
  ['colMaxs', 'Maximum of each column.'],
  ['rowMins', 'Minimum of each row.'],
  ['colMins', 'Minimum of each column.'],
  ['rowProds', 'Product of each row.'],
  ['colProds', 'Product of each column.'],
  ['rowVars', 'Sample variance of each row.'],
  ['colVars', 'Sample variance of each column.'],
  ['rowSds', 'Sample standard deviation of each row.'],
  ['colSds', 'Sample standard deviation of each column.'],
  ['rowIndexMax', '1-based column of the maximum of each row (the last one among ties).'],
  ['rowIndexMin', '1-based column of the minimum of each row (the last one among ties).'],
  ['cumsum', 'Cumulative sum down each column.'],
  ['cumprod', 'Cumulative product down each column.'],
  ['cummin', 'Cumulative minimum down each column.'],
  ['cummax', 'Cumulative maximum down each column.'],
  ['rowcumsum', 'Cumulative sum along each row.'],
  ['cumsumprod', 'For an m x 2 matrix X: Y[i] = X[i,1] + X[i,2] * Y[i-1] (column vector).'],
];

/** Cumulative ops keep the shape (cumsumprod gives a column), row aggregates m x 1, column ones 1 x n. */
function rowColShape(name: string): ShapeRule {
  if (name === 'rowcumsum' || (name.startsWith('cum') && name !== 'cumsumprod'))
    return sameAsTarget('target');
  return name.startsWith('col') ? colVector : rowVector;
}

/** min/max: one argument aggregates to a double; several combine cell-wise. */
const minMax: Returns = (args) => {
  const ts = [...args.values()];
  if (ts.some((t) => t.dataType === 'matrix')) return ts.length === 1 ? [T.double] : [T.matrix];
  if (ts.some((t) => t.dataType !== 'scalar')) return [T.unknown];
  if (ts.every((t) => t.valueType === 'int' || t.valueType === 'boolean')) return [T.int];
  return [T.double];
};

/** quantile: a scalar p gives a double, a column vector of p's a matrix. */
const quantileType: Returns = (args) => {
  const p: TypeInfo | undefined = args.get('p') ?? args.get('weights');
  return [p?.dataType === 'matrix' ? T.matrix : T.double];
};

export const SPECS: readonly BuiltinSpec[] = [
  ...FULL.map(([name, doc]): BuiltinSpec => ({
    name,
    params: target,
    returns: dbl,
    shape: scalarResult,
    doc,
  })),
  ...ROWCOL.map(([name, doc]): BuiltinSpec => ({
    name,
    params: target,
    returns: mat,
    shape: rowColShape(name),
    doc,
  })),
  {
    name: 'min',
    params: [{ name: 'inputs', variadic: true }],
    returns: minMax,
    shape: minMaxShape,
    doc: 'Smallest cell of one matrix, or the cell-wise minimum of several matrices and scalars.',
  },
  {
    name: 'max',
    params: [{ name: 'inputs', variadic: true }],
    returns: minMax,
    shape: minMaxShape,
    doc: 'Largest cell of one matrix, or the cell-wise maximum of several matrices and scalars.',
  },
  {
    name: 'median',
    params: [{ name: 'target' }, { name: 'weights', optional: true }],
    returns: dbl,
    shape: scalarResult,
    doc: 'Median (the mean of the two middle values for an even count), optionally weighted.',
  },
  {
    name: 'quantile',
    params: [{ name: 'target' }, { name: 'weights', optional: true }, { name: 'p', optional: true }],
    returns: quantileType,
    shape: quantileShape,
    doc: 'quantile(X[, W], p): smallest value whose cumulative weight reaches p of the total; p scalar or column vector.',
  },
  {
    name: 'interQuartileMean',
    params: [{ name: 'target' }, { name: 'weights', optional: true }],
    returns: dbl,
    shape: scalarResult,
    doc: 'Mean of the values between the first and third quartile, optionally weighted.',
  },
  {
    name: 'moment',
    params: [{ name: 'target' }, { name: 'weights', optional: true }, { name: 'order', optional: true }],
    returns: dbl,
    shape: scalarResult,
    doc: 'moment(X[, W], order): central moment of order 2, 3 or 4.',
  },
  {
    name: 'centralMoment',
    params: [{ name: 'target' }, { name: 'weights', optional: true }, { name: 'order', optional: true }],
    returns: dbl,
    shape: scalarResult,
    doc: 'Alias of moment.',
  },
  {
    name: 'cov',
    params: [{ name: 'target' }, { name: 'e2' }, { name: 'weights', optional: true }],
    returns: dbl,
    shape: scalarResult,
    doc: 'Sample covariance of two column vectors, optionally weighted.',
  },
];
