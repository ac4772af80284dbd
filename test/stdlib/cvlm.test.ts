/**
 * cvlm against an R loop over the same contiguous folds (tools/stdlib-ref/regression.R):
 * 53 rows, k = 5, so rows 51-53 belong to no fold and keep their observed y.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const load = 'X = read("cvlm/X.csv", format="csv"); y = read("cvlm/y.csv", format="csv");\n';

describe('cvlm', () => {
  // Each fold is a direct solve (lmDS) of a 4-unknown system: 1e-6 relative covers rounding and
  // the 1e-7 ridge term.
  it('matches R out-of-fold predictions and per-fold coefficients', () => {
    const r = runStdlib(load + '[P, AB] = cvlm(X=X, y=y, k=5, icpt=1)');
    expectMatrixClose(r.matrix('P'), readRef('cvlm', 'pred.csv'), { rel: 1e-6, abs: 1e-9 });
    expectMatrixClose(r.matrix('AB'), readRef('cvlm', 'allbeta.csv'), { rel: 1e-6, abs: 1e-9 });
  });
  it('without intercept returns one coefficient per feature', () => {
    const r = runStdlib(load + '[P, AB] = cvlm(X=X, y=y, k=4)');
    expect(r.matrix('AB').length).toBe(4);
    expect(r.matrix('AB')[0]!.length).toBe(3);
  });
  it('rejects k outside 2..nrow(X)', () => {
    expect(() => runStdlib(load + '[P, AB] = cvlm(X=X, y=y, k=1)')).toThrow(/k must be between 2 and nrow\(X\) = 53/);
  });
});
