/** colSums(X) of a row vector (1 x n) -> X. Exact. */
import { vectorAggregateRule } from './remove-rowsums-of-column.js';

export const removeColSumsOfRow = vectorAggregateRule('remove-colsums-of-row', 'colSums', 'rows');
