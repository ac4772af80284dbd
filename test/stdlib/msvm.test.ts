/**
 * msvm / msvmPredict against R: per-class L2-SVM objectives minimized with optim(BFGS) in
 * tools/stdlib-ref/classification.R (model, raw scores, predicted labels).
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const ref = (f: string) => readRef('msvm', f);

describe('msvm', () => {
  for (const icpt of [false, true]) {
    const tag = icpt ? 'icpt' : 'noicpt';
    it(`matches R's one-vs-rest optimum (intercept=${icpt})`, () => {
      const r = runStdlib(`
        X = read("msvm/X.csv", format="csv"); Y = read("msvm/Y.csv", format="csv")
        W = msvm(X=X, Y=Y, intercept=${icpt ? 'TRUE' : 'FALSE'}, epsilon=1e-14, maxIterations=500)
        [raw, yhat] = msvmPredict(X=X, W=W)`);
      // Both sides converge to the unique optimum of a strictly convex objective.
      expectMatrixClose(r.matrix('W'), ref(`W_${tag}.csv`), { rel: 1e-5, abs: 1e-6 });
      expectMatrixClose(r.matrix('raw'), ref(`YRaw_${tag}.csv`), { rel: 1e-5, abs: 1e-5 });
      expectMatrixClose(r.matrix('yhat'), ref(`Yhat_${tag}.csv`));
    });
  }

  it('takes an indicator matrix Y like labels, and default settings predict like R within 1 point', () => {
    const r = runStdlib(`
      X = read("msvm/X.csv", format="csv"); Y = read("msvm/Y.csv", format="csv")
      Yoh = table(seq(1, nrow(Y)), Y)
      W1 = msvm(X=X, Y=Y, intercept=TRUE)
      W2 = msvm(X=X, Y=Yoh, intercept=TRUE)
      [raw, yhat] = msvmPredict(X=X, W=W1)
      d = max(abs(W1 - W2))
      acc = mean(yhat == Y) * 100`);
    expect(r.scalar('d')).toBe(0);
    const yhatR = ref('Yhat_icpt.csv');
    const y = ref('Y.csv');
    const accR = (100 * yhatR.filter((v, i) => v[0] === y[i]![0]).length) / y.length;
    expect(Math.abs((r.scalar('acc') as number) - accR)).toBeLessThanOrEqual(1);
  });

  it('rejects negative labels and a model of the wrong shape', () => {
    expect(() => runStdlib('W = msvm(X=rand(rows=4, cols=2), Y=matrix("1 -1 2 1", rows=4, cols=1))')).toThrow(/negative/);
    expect(() => runStdlib('[a, b] = msvmPredict(X=matrix(1, 4, 2), W=matrix(1, 5, 3))')).toThrow(/W has 5 rows/);
  });
});
