/** Catalogue entries: operators: + - * / ^ %% %/% %*% comparisons & | ! (cell-wise helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
