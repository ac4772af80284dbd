/**
 * Statistics stdlib functions against R (tools/stdlib-ref/prep-eval.R). dist goes through the
 * Gram matrix (|x|^2 + |y|^2 - 2 x.y), which loses a few digits to cancellation, hence 1e-9
 * relative plus 1e-7 absolute (distances are O(1)); the others are direct formulas at 1e-11.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const tight = { rel: 1e-11, abs: 1e-13 };
const rd = (c: string, f: string) => `read("${c}/${f}", format="csv")`;

describe('dist', () => {
  it('gives the Euclidean distance matrix (R dist()) with an exact zero diagonal', () => {
    const r = runStdlib(`Y = dist(${rd('stats_basic', 'X.csv')}); d = sum(abs(diag(Y)))`);
    expectMatrixClose(r.matrix('Y'), readRef('stats_basic', 'dist.csv'), { rel: 1e-9, abs: 1e-7 });
    expect(r.scalar('d')).toBe(0);
  });
});

describe('cor', () => {
  it('gives the Pearson correlation matrix (R cor())', () => {
    const r = runStdlib(`Y = cor(${rd('stats_basic', 'X.csv')})`);
    expectMatrixClose(r.matrix('Y'), readRef('stats_basic', 'cor.csv'), tight);
  });
  it('rejects a single row', () => {
    expect(() => runStdlib('Y = cor(matrix(1, 1, 3))')).toThrow(/at least 2 rows/);
  });
});

describe('sigmoid', () => {
  it('is the logistic function (R plogis())', () => {
    const r = runStdlib(`Y = sigmoid(${rd('stats_basic', 'X.csv')})`);
    expectMatrixClose(r.matrix('Y'), readRef('stats_basic', 'sigmoid.csv'), tight);
  });
});

describe('softmax', () => {
  it('normalizes rows without overflow on large scores', () => {
    const r = runStdlib(`P = softmax(S=${rd('stats_basic', 'L.csv')})`);
    expectMatrixClose(r.matrix('P'), readRef('stats_basic', 'softmax.csv'), { rel: 1e-10, abs: 1e-300 });
  });
});

describe('logSumExp', () => {
  it('is stable over the whole matrix, rows and columns', () => {
    const r = runStdlib(`
      L = ${rd('stats_basic', 'L.csv')}
      a = logSumExp(L)
      b = logSumExp(M=L, margin="rows")
      c = logSumExp(L, "cols")
    `);
    expectMatrixClose(r.matrix('a'), readRef('stats_basic', 'lse_none.csv'), tight);
    expectMatrixClose(r.matrix('b'), readRef('stats_basic', 'lse_rows.csv'), tight);
    expectMatrixClose(r.matrix('c'), readRef('stats_basic', 'lse_cols.csv'), tight);
  });
  it('rejects an unknown margin', () => {
    expect(() => runStdlib('a = logSumExp(matrix(1, 2, 2), "diag")')).toThrow(/margin must be/);
  });
});

describe('univar', () => {
  it('fills the 17-row statistics layout for scale and categorical columns', () => {
    const r = runStdlib(
      `S = univar(X=${rd('stats_univar', 'X.csv')}, types=matrix("1 1 2 3", rows=1, cols=4))`,
    );
    expectMatrixClose(r.matrix('S'), readRef('stats_univar', 'stats.csv'), { rel: 1e-10, abs: 1e-12 });
  });
  it('rejects types of the wrong width', () => {
    expect(() => runStdlib('S = univar(matrix(1, 4, 3), matrix(1, 1, 2))')).toThrow(/types must be 1 x 3/);
  });
});
