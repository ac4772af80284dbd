/** Catalogue entries: matrix rand seq sample (linalg helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
