/** Catalogue entries: cdf icdf pnorm qnorm pt qt pf qf pchisq qchisq pexp qexp (linalg helper). */
import type { BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [];
