import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

// R's truncated SVD gives the smallest squared error any rank-3 factorisation can reach
// (Eckart-Young), so a converged ALS must land just above it.
const svdErr = (): number => readRef('als_lowrank', 'err.csv')[0]![0]!;

function fitErr(call: string): number {
  const r = runStdlib(`
    X = read("als_lowrank/X.csv", format="csv")
    [U, V] = ${call}
    err = sum((X - U %*% V) ^ 2)
    shapeOk = nrow(U) == 40 & ncol(U) == 3 & nrow(V) == 3 & ncol(V) == 30
  `);
  expect(r.scalar('shapeOk')).toBe(true);
  return r.scalar('err') as number;
}

describe('als', () => {
  it("reaches R's optimal rank-3 error (truncated SVD) within 0.1%", () => {
    const err = fitErr('als(X=X, rank=3, verbose=FALSE)');
    expect(err).toBeGreaterThanOrEqual(svdErr() * (1 - 1e-9));
    expect(err).toBeLessThanOrEqual(svdErr() * 1.001);
  });

  it('predicts missing entries (zeros) of a noisy low-rank matrix', () => {
    const r = runStdlib(`
      X = read("als_lowrank/Xmasked.csv", format="csv")
      T = read("als_lowrank/Xtrue.csv", format="csv")
      [U, V] = als(X=X, rank=3, regType="wL2", reg=0.0001, verbose=FALSE)
      M = X == 0
      missing = sum(M)
      rmse = sqrt(sum(M * (T - U %*% V) ^ 2) / sum(M))
    `);
    expect(r.scalar('missing') as number).toBeGreaterThan(200);
    // noise sd is 0.01 and entries are 0.75..12: held-out error near the noise level means the fit generalises
    expect(r.scalar('rmse') as number).toBeLessThan(0.03);
  });

  it('rejects an unknown regType', () => {
    expect(() => runStdlib('[U, V] = als(X=matrix(1, 3, 3), regType="L1")')).toThrow(
      /regType must be "L2" or "wL2", got L1/,
    );
  });
});

describe('alsCG and alsDS', () => {
  it("alsCG reaches R's optimal rank-3 error within 0.1%", () => {
    const err = fitErr('alsCG(X=X, rank=3, maxi=200, thr=1e-7, verbose=FALSE)');
    expect(err).toBeGreaterThanOrEqual(svdErr() * (1 - 1e-9));
    expect(err).toBeLessThanOrEqual(svdErr() * 1.001);
  });

  it('alsDS (weighted L2, 50 iterations without a convergence check) is within 1% of it', () => {
    const err = fitErr('alsDS(X=X, rank=3, verbose=FALSE)');
    expect(err).toBeGreaterThanOrEqual(svdErr() * (1 - 1e-9));
    expect(err).toBeLessThanOrEqual(svdErr() * 1.01);
  });
});

describe('alsPredict', () => {
  it("returns the selected users' rows of L %*% R with excluded items zeroed", () => {
    const r = runStdlib(`
      L = matrix("1 0 0 1 1 1", rows=3, cols=2)
      R = matrix("1 2 3 4 5 6", rows=2, cols=3)
      I = matrix("0 0 0 0 1 0 1 0 0", rows=3, cols=3)
      Y = alsPredict(userIDs=matrix("3 2 3", rows=3, cols=1), I=I, L=L, R=R)
    `);
    // L %*% R = [1 2 3; 4 5 6; 5 7 9]; user 2 excludes item 2, user 3 excludes item 1
    expectMatrixClose(r.matrix('Y'), [
      [0, 7, 9],
      [4, 0, 6],
      [0, 7, 9],
    ]);
  });

  it('rejects user ids beyond the factor', () => {
    expect(() =>
      runStdlib(
        'Y = alsPredict(userIDs=matrix(4, 1, 1), I=matrix(0, 3, 2), L=matrix(1, 3, 2), R=matrix(1, 2, 2))',
      ),
    ).toThrow(/user ids must be between 1 and nrow\(L\) = 3/);
  });
});
