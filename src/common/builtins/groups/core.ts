/** Catalogue entries: casts, lists, nrow ncol length, exists typeof time eval, as.* (integration). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
