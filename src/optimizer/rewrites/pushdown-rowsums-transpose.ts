/** rowSums(t(X)) -> t(colSums(X)). Exact. */
import { aggregateTransposePushdown } from './pushdown-colsums-transpose.js';

export const pushdownRowSumsTranspose = aggregateTransposePushdown(
  'pushdown-rowsums-transpose',
  'rowSums',
  'colSums',
);
