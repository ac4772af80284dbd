/** Catalogue entries: read write print toString stop assert (io helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
