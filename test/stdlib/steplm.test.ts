/**
 * steplm against a forward selection computed in R with extractAIC (the same AIC,
 * 2 p + n log(RSS / n)) and SystemDS's 0.1% stopping rule (tools/stdlib-ref/regression.R).
 * y depends on features 4, 2 and 6 (in decreasing strength) of 6.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const load = 'X = read("steplm/X.csv", format="csv"); y = read("steplm/y.csv", format="csv");\n';

describe('steplm', () => {
  it('selects the same features in the same order as R and refits them', () => {
    const r = runStdlib(load + '[B, S] = steplm(X=X, y=y, icpt=1, verbose=FALSE)');
    expectMatrixClose(r.matrix('S'), readRef('steplm', 'S.csv'));
    // The final model is a direct solve on 4 unknowns: 1e-6 relative, zeros exactly.
    expectMatrixClose(r.matrix('B'), readRef('steplm', 'B.csv'), { rel: 1e-6, abs: 1e-12 });
  });
  it('without intercept matches R (which then also picks feature 1 to absorb the offset)', () => {
    const r = runStdlib(load + '[B, S] = steplm(X=X, y=y, verbose=FALSE)');
    expectMatrixClose(r.matrix('S'), readRef('steplm', 'S_noicpt.csv'));
    expectMatrixClose(r.matrix('B'), readRef('steplm', 'B_noicpt.csv'), { rel: 1e-6, abs: 1e-12 });
  });
  it('icpt=2 gives the same model in the original scale', () => {
    const r = runStdlib(load + '[B, S] = steplm(X=X, y=y, icpt=2, verbose=FALSE)');
    expectMatrixClose(r.matrix('S'), readRef('steplm', 'S.csv'));
    expectMatrixClose(r.matrix('B'), readRef('steplm', 'B.csv'), { rel: 1e-6, abs: 1e-12 });
  });
  it('returns S = 0 and only the mean when no feature helps', () => {
    const r = runStdlib(
      'X = rand(rows=100, cols=3, seed=5); y = matrix(2, rows=100, cols=1) + rand(rows=100, cols=1, seed=6) * 1e-3\n' +
        '[B, S] = steplm(X=X, y=y, icpt=1)\nmy = mean(y)',
    );
    expectMatrixClose(r.matrix('S'), [[0]]);
    expectMatrixClose(r.matrix('B'), [[0], [0], [0], [r.scalar('my') as number]]);
    expect(r.out.some((l) => l.includes('no feature lowers the AIC'))).toBe(true);
  });
  it('rejects an invalid icpt', () => {
    expect(() => runStdlib(load + '[B, S] = steplm(X=X, y=y, icpt=3)')).toThrow(/icpt must be 0, 1 or 2, got 3/);
  });
});
