/**
 * Evaluation stdlib functions against R (tools/stdlib-ref/prep-eval.R): confusion counts and
 * accuracies are exact; AUC is compared with R's Mann-Whitney statistic (ties as 1/2) at 1e-12;
 * error means at 1e-12 relative (only summation order differs); error quantiles are type 1
 * (data values) and match to rounding.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const tight = { rel: 1e-12, abs: 1e-14 };
const rd = (c: string, f: string) => `read("${c}/${f}", format="csv")`;
const one = (c: string, f: string): number => readRef(c, f)[0]![0]!;

describe('confusionMatrix', () => {
  it('counts predictions (rows) against true labels (columns), as R table()', () => {
    const r = runStdlib(
      `[confusionSum, confusionAvg] = confusionMatrix(P=${rd('eval_class', 'P.csv')}, Y=${rd('eval_class', 'Y.csv')})`,
    );
    expectMatrixClose(r.matrix('confusionSum'), readRef('eval_class', 'csum.csv'), { rel: 0, abs: 0 });
    expectMatrixClose(r.matrix('confusionAvg'), readRef('eval_class', 'cavg.csv'), tight);
  });
  it('rejects labels below 1 and mismatched rows', () => {
    expect(() =>
      runStdlib('[s, a] = confusionMatrix(matrix("0 1", rows=2, cols=1), matrix("1 1", rows=2, cols=1))'),
    ).toThrow(/labels must be >= 1/);
    expect(() => runStdlib('[s, a] = confusionMatrix(matrix(1, 3, 1), matrix(1, 2, 1))')).toThrow(
      /different numbers of rows: 3 and 2/,
    );
  });
});

describe('getAccuracy', () => {
  it('gives the percentage correct, plain and averaged per class', () => {
    const r = runStdlib(`
      Y = ${rd('eval_class', 'Y.csv')}
      P = ${rd('eval_class', 'P.csv')}
      a = getAccuracy(y=Y, yhat=P)
      w = getAccuracy(Y, P, TRUE)
    `);
    expect(r.scalar('a') as number).toBeCloseTo(one('eval_class', 'acc.csv'), 12);
    expect(r.scalar('w') as number).toBeCloseTo(one('eval_class', 'acc_weighted.csv'), 12);
    expect(r.scalar('a')).not.toBe(r.scalar('w'));
  });
});

describe('auc', () => {
  it('equals the Mann-Whitney statistic with tied scores counted 1/2 (R rank())', () => {
    const r = runStdlib(`
      Y = ${rd('eval_class', 'yb.csv')}
      P = ${rd('eval_class', 'score.csv')}
      a = auc(Y=Y, P=P)
      b = auc(2 * Y - 1, P)
    `);
    const want = one('eval_class', 'auc.csv');
    expect(Math.abs((r.scalar('a') as number) - want)).toBeLessThan(1e-12);
    expect(Math.abs((r.scalar('b') as number) - want)).toBeLessThan(1e-12);
  });
  it('is 1 for perfectly separated scores and 0.5 for constant scores', () => {
    const r = runStdlib(`
      Y = matrix("0 0 1 1 0 1", rows=6, cols=1)
      a = auc(Y, Y * 0.5 + 0.2)
      b = auc(Y, matrix(0.3, rows=6, cols=1))
    `);
    expect(r.scalar('a')).toBe(1);
    expect(r.scalar('b')).toBe(0.5);
  });
  it('rejects a single class', () => {
    expect(() => runStdlib('a = auc(matrix(1, 4, 1), rand(rows=4, cols=1))')).toThrow(/only one class label/);
  });
});

describe('f1Score', () => {
  it('is 2TP / (2TP + FP + FN) with class 1 positive', () => {
    const r = runStdlib(`s = f1Score(P=${rd('eval_class', 'Pf.csv')}, Y=${rd('eval_class', 'Yf.csv')})`);
    expect(Math.abs((r.scalar('s') as number) - one('eval_class', 'f1.csv'))).toBeLessThan(1e-14);
  });
  it('rejects more than two classes', () => {
    expect(() =>
      runStdlib('s = f1Score(matrix("1 2 3", rows=3, cols=1), matrix("1 2 2", rows=3, cols=1))'),
    ).toThrow(/only binary labels/);
  });
});

describe('mse', () => {
  it('gives the mean squared error and type-1 quantiles of the squared errors', () => {
    const r =
      runStdlib(`[Z, Q] = mse(X=${rd('eval_reg', 'A.csv')}, Y=${rd('eval_reg', 'B.csv')}, P=${rd('eval_reg', 'p.csv')})
      Z0 = mse(${rd('eval_reg', 'A.csv')}, ${rd('eval_reg', 'B.csv')})`);
    expectMatrixClose(r.matrix('Z'), readRef('eval_reg', 'mse.csv'), tight);
    expectMatrixClose(r.matrix('Q'), readRef('eval_reg', 'mse_q.csv'), tight);
    expectMatrixClose(r.matrix('Z0'), readRef('eval_reg', 'mse.csv'), tight);
  });
  it('rejects matrices of different shapes', () => {
    expect(() => runStdlib('Z = mse(matrix(1, 3, 2), matrix(1, 2, 3))')).toThrow(/differ in shape/);
  });
});

describe('rmse', () => {
  it('is the square root of mse, with quantiles of the absolute errors', () => {
    const r = runStdlib(
      `[Z, Q] = rmse(X=${rd('eval_reg', 'A.csv')}, Y=${rd('eval_reg', 'B.csv')}, P=${rd('eval_reg', 'p.csv')})`,
    );
    expectMatrixClose(r.matrix('Z'), readRef('eval_reg', 'rmse.csv'), tight);
    expectMatrixClose(r.matrix('Q'), readRef('eval_reg', 'rmse_q.csv'), tight);
  });
});

describe('mae', () => {
  it('gives the mean absolute error and quantiles of the absolute errors', () => {
    const r =
      runStdlib(`[Z, Q] = mae(X=${rd('eval_reg', 'A.csv')}, Y=${rd('eval_reg', 'B.csv')}, P=${rd('eval_reg', 'p.csv')})
      [Z1, Q1] = mae(${rd('eval_reg', 'A.csv')}, ${rd('eval_reg', 'B.csv')})
      nq = length(Q1)`);
    expectMatrixClose(r.matrix('Z'), readRef('eval_reg', 'mae.csv'), tight);
    expectMatrixClose(r.matrix('Q'), readRef('eval_reg', 'mae_q.csv'), tight);
    expect(r.scalar('nq')).toBe(0);
  });
});
