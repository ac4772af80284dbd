/** Catalogue entries: full, row and col aggregates, cumulative ops, moment, cov, quantile, median (cell-wise helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
