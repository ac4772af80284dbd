/** Catalogue entries: table aggregate outer unique replace ifelse contains (reorg helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
