/**
 * lm, lmDS, lmCG and lmPredict against R's lm() on recorded data (tools/stdlib-ref/regression.R).
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const load = 'X = read("lm/X.csv", format="csv"); y = read("lm/y.csv", format="csv");\n';

describe('lmDS', () => {
  // Direct solve of an 80 x 6 well-conditioned system: only rounding and the 1e-7 ridge term
  // (relative effect ~1e-9 here) separate it from R's QR solution.
  it('matches R lm(y ~ X - 1) without intercept', () => {
    const r = runStdlib(load + 'B = lmDS(X=X, y=y, verbose=FALSE)');
    expectMatrixClose(r.matrix('B'), readRef('lm', 'B0.csv'), { rel: 1e-6 });
  });
  it('matches R lm(y ~ X) with intercept (last)', () => {
    const r = runStdlib(load + 'B = lmDS(X=X, y=y, icpt=1, verbose=FALSE)');
    expectMatrixClose(r.matrix('B'), readRef('lm', 'B1.csv'), { rel: 1e-6 });
  });
  it('icpt=2 returns the same model in the original scale', () => {
    const r = runStdlib(load + 'B = lmDS(X=X, y=y, icpt=2, verbose=FALSE)');
    expectMatrixClose(r.matrix('B'), readRef('lm', 'B1.csv'), { rel: 1e-6 });
  });
  it('prints fit statistics when verbose', () => {
    const r = runStdlib(load + 'B = lmDS(X=X, y=y, icpt=1)');
    expect(r.out.some((l) => l.startsWith('R2, 0.9'))).toBe(true);
  });
  it('stops with a clear message when X and y disagree in rows', () => {
    expect(() => runStdlib(load + 'B = lmDS(X=X, y=y[1:10,], verbose=FALSE)')).toThrow(/X has 80 rows but y has 10 rows/);
  });
});

describe('lmCG', () => {
  // CG on a 5- or 6-unknown system is exact after that many steps only in exact arithmetic; the
  // uncentred features make X'X ill-conditioned, so the tests allow up to 100 iterations and
  // stop at tol=1e-12, after which the only gap to R is rounding.
  for (const [icpt, ref] of [
    [0, 'B0.csv'],
    [1, 'B1.csv'],
    [2, 'B1.csv'],
  ] as const) {
    it(`matches R lm with icpt=${icpt}`, () => {
      const r = runStdlib(load + `B = lmCG(X=X, y=y, icpt=${icpt}, tol=1e-12, maxi=100, verbose=FALSE)`);
      expectMatrixClose(r.matrix('B'), readRef('lm', ref), { rel: 1e-6 });
    });
  }
  // Regression test for an engine bug (fixed in ba5592e): the recompiled-block cache ignored
  // emptiness, so after a call with icpt=1 (shift = 0) a call with icpt=2 at the same sizes
  // reused the plan with t(shift) %*% v folded to 0 and returned wrong coefficients.
  it('two lmCG calls with different icpt in one script agree with R', () => {
    const r = runStdlib(
      load +
        'B1 = lmCG(X=X, y=y, icpt=1, tol=1e-12, maxi=100, verbose=FALSE)\n' +
        'B2 = lmCG(X=X, y=y, icpt=2, tol=1e-12, maxi=100, verbose=FALSE)',
    );
    expectMatrixClose(r.matrix('B2'), readRef('lm', 'B1.csv'), { rel: 1e-6 });
  });
  it('stops after maxi iterations', () => {
    const r = runStdlib(load + 'B = lmCG(X=X, y=y, icpt=1, maxi=1)');
    expect(r.out.filter((l) => l.startsWith('lmCG iteration')).length).toBe(1);
  });
});

describe('lm', () => {
  it('uses the direct solver for narrow X and matches R', () => {
    const r = runStdlib(load + 'B = lm(X=X, y=y, icpt=1, verbose=FALSE)');
    expectMatrixClose(r.matrix('B'), readRef('lm', 'B1.csv'), { rel: 1e-6 });
  });
  it('recovers the true coefficients of a noiseless 1e5 x 50 problem', () => {
    const r = runStdlib(
      'X = rand(rows=100000, cols=50, min=-1, max=1, seed=11)\n' +
        'beta = seq(1, 50) / 10 - 2.55\n' +
        'y = X %*% beta\n' +
        'B = lm(X=X, y=y, verbose=FALSE)\n' +
        'err = max(abs(B - beta) / abs(beta))',
    );
    // Requirement: relative error <= 1e-6 without noise (the 1e-7 ridge costs ~1e-11 here).
    expect(r.scalar('err') as number).toBeLessThanOrEqual(1e-6);
  }, 20000);
  // 4000 x 1030 uniform(-1, 1) is well conditioned (cond(X'X) ~ 9), so CG needs few iterations.
  it('takes the CG path above 1024 features', () => {
    const r = runStdlib(
      'X = rand(rows=4000, cols=1030, min=-1, max=1, seed=3)\n' +
        'beta = rand(rows=1030, cols=1, seed=4)\n' +
        'B = lm(X=X, y=X %*% beta, tol=1e-10)\n' +
        'err = max(abs(B - beta))',
    );
    expect(r.out.some((l) => l.startsWith('lmCG:'))).toBe(true);
    expect(r.scalar('err') as number).toBeLessThan(1e-4);
  }, 60000);
});

describe('lmPredict', () => {
  it('matches R predict() with and without intercept', () => {
    const r = runStdlib(
      load +
        'Xt = read("lm/Xtest.csv", format="csv")\n' +
        'B1 = lm(X=X, y=y, icpt=1, verbose=FALSE)\n' +
        'yhat1 = lmPredict(X=Xt, B=B1, icpt=1)\n' +
        'B0 = lm(X=X, y=y, verbose=FALSE)\n' +
        'yhat0 = lmPredict(X=Xt, B=B0)',
    );
    expectMatrixClose(r.matrix('yhat1'), readRef('lm', 'yhat1.csv'), { rel: 1e-6, abs: 1e-9 });
    expectMatrixClose(r.matrix('yhat0'), readRef('lm', 'yhat0.csv'), { rel: 1e-6, abs: 1e-9 });
  });
  it('reports R2 against ytest when verbose', () => {
    const r = runStdlib(load + 'B = lm(X=X, y=y, icpt=1, verbose=FALSE); yhat = lmPredict(X=X, B=B, ytest=y, verbose=TRUE)');
    expect(r.out.some((l) => /--R2: 0\.9/.test(l))).toBe(true);
  });
  it('rejects coefficients that do not fit X', () => {
    expect(() => runStdlib(load + 'yhat = lmPredict(X=X, B=matrix(1, rows=3, cols=1))')).toThrow(/B has 3 rows but X has 5 columns/);
  });
});
