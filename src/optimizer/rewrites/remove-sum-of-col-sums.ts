/** sum(colSums(X)) -> sum(X). Same value up to summation order. */
import { sumOfPartialSums } from './remove-sum-of-row-sums.js';

export const removeSumOfColSums = sumOfPartialSums('remove-sum-of-col-sums', 'colSums');
