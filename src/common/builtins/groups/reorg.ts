/** Catalogue entries: t rev diag reshape cbind rbind removeEmpty order lower.tri upper.tri (reorg helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
