/**
 * gridSearch over stdlib lm's ridge parameter and intercept, against R (tools/stdlib-ref/
 * prep-eval.R) which solves each ridge problem directly and picks the smallest loss. The models
 * come from lm's normal equations, so 1e-8 relative covers the different solvers' rounding.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const model = { rel: 1e-8, abs: 1e-10 };

// Scoring functions take (X, y, B) positionally and return the loss.
const LOSSES = `
holdout = function(Matrix[Double] X, Matrix[Double] y, Matrix[Double] B) return (Matrix[Double] loss) {
  Xv = read("grid_lm/Xv.csv", format="csv")
  yv = read("grid_lm/yv.csv", format="csv")
  if (nrow(B) > ncol(Xv)) Xv = cbind(Xv, matrix(1, rows=nrow(Xv), cols=1))
  loss = as.matrix(sum((yv - Xv %*% B)^2))
}
sse = function(Matrix[Double] X, Matrix[Double] y, Matrix[Double] B) return (Double loss) {
  loss = sum((y - X %*% B)^2)
}
X = read("grid_lm/X.csv", format="csv")
y = read("grid_lm/y.csv", format="csv")
`;

describe('gridSearch', () => {
  it('tries every (reg, icpt) combination of lm and keeps the best hold-out model', () => {
    const r = runStdlib(`${LOSSES}
      [B, opt] = gridSearch(X=X, y=y, train="lm", predict="holdout", numB=ncol(X)+1,
        params=list("reg", "icpt"), paramValues=list(matrix("0.001 0.1 1 10 100", rows=5, cols=1), matrix("0 1", rows=2, cols=1)),
        verbose=FALSE)
    `);
    expectMatrixClose(r.matrix('B'), readRef('grid_lm', 'holdout_B.csv'), model);
    expectMatrixClose(r.matrix('opt'), readRef('grid_lm', 'holdout_opt.csv'), { rel: 1e-15, abs: 0 });
  });

  it('cross-validates over contiguous folds and averages the fold models', () => {
    const r = runStdlib(`${LOSSES}
      [B, opt] = gridSearch(X=X, y=y, train="lm", predict="sse", params=list("reg"),
        paramValues=list(matrix("0.001 0.1 1 10 100", rows=5, cols=1)), cv=TRUE, cvk=5, verbose=FALSE)
    `);
    expectMatrixClose(r.matrix('B'), readRef('grid_lm', 'cv_B.csv'), model);
    expectMatrixClose(r.matrix('opt'), readRef('grid_lm', 'cv_opt.csv'), { rel: 1e-15, abs: 0 });
  });

  it('calls a user-defined train function with its own trainArgs and prints the combinations', () => {
    const r = runStdlib(`
      shrink = function(Matrix[Double] X, Matrix[Double] y, Double a, Double b) return (Matrix[Double] B) {
        B = matrix(a * b, rows=ncol(X), cols=1)
      }
      dist1 = function(Matrix[Double] X, Matrix[Double] y, Matrix[Double] B) return (Double loss) {
        loss = abs(sum(B) - 6)
      }
      X = matrix(1, rows=4, cols=2)
      y = matrix(1, rows=4, cols=1)
      [B, opt] = gridSearch(X, y, "shrink", "dist1", 2, list("a", "b"),
        list(seq(1, 3), seq(1, 2)), list(X=X, y=y, a=0, b=0))
    `);
    // a*b*2 = 6 first at a=3, b=1 (combinations (1,1),(1,2),(2,1),(2,2),(3,1),(3,2))
    expect(r.matrix('opt')).toEqual([[3, 1]]);
    expect(r.matrix('B')).toEqual([[3], [3]]);
    expect(r.out.join('\n')).toMatch(/6 hyper-parameter combinations/);
  });

  it('rejects a model longer than numB and mismatched params', () => {
    expect(() =>
      runStdlib(`${LOSSES}
        [B, opt] = gridSearch(X=X, y=y, train="lm", predict="sse", params=list("icpt"),
          paramValues=list(matrix(1, rows=1, cols=1)), verbose=FALSE)`),
    ).toThrow(/has 5 values but numB is 4/);
    expect(() =>
      runStdlib(`${LOSSES}
        [B, opt] = gridSearch(X=X, y=y, train="lm", predict="sse", params=list("reg", "icpt"),
          paramValues=list(matrix(1, rows=1, cols=1)), verbose=FALSE)`),
    ).toThrow(/2 names but paramValues has 1/);
  });
});
