/** Catalogue entries: cell-wise math: abs exp log sqrt round ... bitw*, xor, min/max n-ary, ifelse? (cell-wise helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
