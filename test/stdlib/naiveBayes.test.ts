/**
 * naiveBayes / naiveBayesPredict against a hand computation in R
 * (tools/stdlib-ref/classification.R): priors, smoothed conditionals, test-set scores and labels.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const ref = (f: string) => readRef('naiveBayes', f);
const load = 'D = read("naiveBayes/D.csv", format="csv"); C = read("naiveBayes/C.csv", format="csv")\nXt = read("naiveBayes/Xtest.csv", format="csv")\n';

describe('naiveBayes', () => {
  for (const [lap, tag] of [
    ['1', 'lap1'],
    ['0.5', 'lap05'],
  ] as const) {
    it(`matches R (laplace=${lap})`, () => {
      const r = runStdlib(load + `[prior, cond] = naiveBayes(D=D, C=C, laplace=${lap}, verbose=FALSE)\n[raw, y] = naiveBayesPredict(X=Xt, P=prior, C=cond)`);
      // closed-form sums and logs: only rounding differences
      expectMatrixClose(r.matrix('prior'), ref(`prior_${tag}.csv`), { rel: 1e-12 });
      expectMatrixClose(r.matrix('cond'), ref(`cond_${tag}.csv`), { rel: 1e-12 });
      expectMatrixClose(r.matrix('raw'), ref(`YRaw_${tag}.csv`), { rel: 1e-11, abs: 1e-11 });
      expectMatrixClose(r.matrix('y'), ref(`Y_${tag}.csv`));
    });
  }

  it('prints the training accuracy when verbose', () => {
    const r = runStdlib(load + '[prior, cond] = naiveBayes(D=D, C=C)');
    expect(r.out.some((l) => /^Training Accuracy \(%\): \d/.test(l))).toBe(true);
  });

  it('rejects bad inputs with clear messages', () => {
    expect(() => runStdlib('[p, c] = naiveBayes(D=matrix(-1, 3, 2), C=matrix("1 2 1", rows=3, cols=1))')).toThrow(/non-negative/);
    expect(() => runStdlib('[p, c] = naiveBayes(D=matrix(1, 3, 2), C=matrix("0 2 1", rows=3, cols=1))')).toThrow(/recoded/);
    expect(() => runStdlib('[p, c] = naiveBayes(D=matrix(1, 3, 2), C=matrix(1, 3, 1))')).toThrow(/two classes/);
    expect(() => runStdlib('[p, c] = naiveBayes(D=matrix(1, 3, 2), C=matrix(1, 4, 1))')).toThrow(/one label per row/);
    expect(() => runStdlib('[r, y] = naiveBayesPredict(X=matrix(1, 3, 2), P=matrix(0.5, 2, 1), C=matrix(0.25, 2, 4))')).toThrow(
      /X has 2 columns/,
    );
  });
});
