/** Sizes of aggregates: full aggregates give scalars, row aggregates m x 1, column aggregates 1 x n. */
import { dims, isMatrixLike, matrix, scalar, type HopShape } from './common.js';
import type { HopDraft } from './draft.js';

const FULL = new Set([
  'sum',
  'sumSq',
  'prod',
  'mean',
  'avg',
  'var',
  'sd',
  'trace',
  'median',
  'interQuartileMean',
  'moment',
  'cov',
]);
const ROW = new Set([
  'rowSums',
  'rowMeans',
  'rowMaxs',
  'rowMins',
  'rowProds',
  'rowVars',
  'rowSds',
  'rowIndexMax',
  'rowIndexMin',
]);
const COL = new Set(['colSums', 'colMeans', 'colMaxs', 'colMins', 'colProds', 'colVars', 'colSds']);

export function aggregateShape(h: HopDraft): HopShape | undefined {
  const x = h.inputs[0];
  if (x === undefined) return undefined;
  const op = h.op;
  if (FULL.has(op) || ((op === 'min' || op === 'max') && h.inputs.length === 1)) return scalar('double');
  if (op === 'quantile') {
    const p = h.inputs[1];
    return p !== undefined && isMatrixLike(p) ? matrix(dims(p.dims.rows, 1)) : scalar('double');
  }
  if (ROW.has(op)) return matrix(dims(x.dims.rows, 1));
  if (COL.has(op)) return matrix(dims(1, x.dims.cols));
  return undefined;
}
