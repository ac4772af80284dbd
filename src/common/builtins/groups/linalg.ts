/** Catalogue entries: solve inv det cholesky eigen lu qr svd (linalg helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
