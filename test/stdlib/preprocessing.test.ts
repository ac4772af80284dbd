/**
 * Preprocessing stdlib functions against R (tools/stdlib-ref/prep-eval.R). Closed-form
 * transformations are compared at 1e-12 relative (only rounding differs); quantile-based ones
 * use type-1 quantiles, which pick data values, so they match exactly up to rounding too.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const tight = { rel: 1e-12, abs: 1e-12 };
const rd = (c: string, f: string) => `read("${c}/${f}", format="csv")`;

describe('scale', () => {
  it('centres and scales to z-scores; a constant column keeps scale factor 1 (R scale())', () => {
    const r = runStdlib(`
      X = ${rd('prep_scale', 'X.csv')}
      [Out, Centering, ScaleFactor] = scale(X=X)
      [O2, C2, S2] = scale(X, FALSE, TRUE)
      [O3, C3, S3] = scale(X=X, scale=FALSE)
      n3 = nrow(S3)
    `);
    expectMatrixClose(r.matrix('Out'), readRef('prep_scale', 'out.csv'), tight);
    expectMatrixClose(r.matrix('Centering'), readRef('prep_scale', 'centering.csv'), tight);
    expectMatrixClose(r.matrix('ScaleFactor'), readRef('prep_scale', 'scalefactor.csv'), tight);
    expectMatrixClose(r.matrix('O2'), readRef('prep_scale', 'out_nocenter.csv'), tight);
    expectMatrixClose(r.matrix('O3'), readRef('prep_scale', 'out_noscale.csv'), tight);
    expect(r.scalar('n3')).toBe(0);
  });
});

describe('scaleApply', () => {
  it('applies the training centering and scale factors to new rows', () => {
    const r = runStdlib(`
      X = ${rd('prep_scale', 'X.csv')}
      [Out, C, S] = scale(X)
      Y = scaleApply(${rd('prep_scale', 'Xnew.csv')}, C, S)
      Z = scaleApply(X, matrix(0, rows=0, cols=0), matrix(0, rows=0, cols=0))
      d = sum(abs(Z - X))
    `);
    expectMatrixClose(r.matrix('Y'), readRef('prep_scale', 'applied.csv'), tight);
    expect(r.scalar('d')).toBe(0);
  });
  it('rejects centering of the wrong width', () => {
    expect(() => runStdlib('Y = scaleApply(matrix(1, 3, 3), matrix(0, 1, 2), matrix(1, 1, 3))')).toThrow(
      /Centering has 2 columns but X has 3/,
    );
  });
});

describe('normalize', () => {
  it('maps each column to [0, 1]; a constant column maps to 0', () => {
    const r = runStdlib(`[Y, cmin, cmax] = normalize(${rd('prep_scale', 'X.csv')})`);
    expectMatrixClose(r.matrix('Y'), readRef('prep_scale', 'norm.csv'), tight);
    expectMatrixClose(r.matrix('cmin'), readRef('prep_scale', 'cmin.csv'), tight);
    expectMatrixClose(r.matrix('cmax'), readRef('prep_scale', 'cmax.csv'), tight);
  });
});

describe('normalizeApply', () => {
  it('uses the training minima and maxima on new rows', () => {
    const r = runStdlib(`
      [Y, cmin, cmax] = normalize(${rd('prep_scale', 'X.csv')})
      Z = normalizeApply(X=${rd('prep_scale', 'Xnew.csv')}, cmin=cmin, cmax=cmax)
    `);
    expectMatrixClose(r.matrix('Z'), readRef('prep_scale', 'norm_applied.csv'), tight);
  });
});

describe('split', () => {
  it('contiguous split takes the first floor(f*n) rows for training (exact)', () => {
    const r = runStdlib(`
      [Xtrain, Xtest, Ytrain, Ytest] = split(X=${rd('prep_split', 'X.csv')}, Y=${rd('prep_split', 'y.csv')})
    `);
    for (const [v, f] of [
      ['Xtrain', 'Xtrain.csv'],
      ['Xtest', 'Xtest.csv'],
      ['Ytrain', 'ytrain.csv'],
      ['Ytest', 'ytest.csv'],
    ] as const)
      expectMatrixClose(r.matrix(v), readRef('prep_split', f), { rel: 0, abs: 0 });
  });
  it('sampled split partitions the rows: disjoint, complete, order kept, reproducible by seed', () => {
    const script = `
      X = cbind(seq(1, 200), rand(rows=200, cols=2, seed=1))
      [Xtrain, Xtest, Ytrain, Ytest] = split(X=X, Y=seq(1, 200) * 10, f=0.6, cont=FALSE, seed=42)
    `;
    const r = runStdlib(script);
    const tr = r.matrix('Xtrain').map((row) => row[0]!);
    const te = r.matrix('Xtest').map((row) => row[0]!);
    expect([...tr, ...te].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(tr).toEqual([...tr].sort((a, b) => a - b));
    expect(te).toEqual([...te].sort((a, b) => a - b));
    expect(tr.length).toBeGreaterThan(90);
    expect(tr.length).toBeLessThan(150);
    expect(r.matrix('Ytrain').map((row) => row[0]!)).toEqual(tr.map((v) => v * 10));
    expect(r.matrix('Ytest').map((row) => row[0]!)).toEqual(te.map((v) => v * 10));
    expect(runStdlib(script).matrix('Xtrain')).toEqual(r.matrix('Xtrain'));
  });
  it('rejects mismatched rows and a fraction outside (0, 1)', () => {
    expect(() => runStdlib('[a, b, c, d] = split(matrix(1, 10, 2), matrix(1, 9, 1))')).toThrow(
      /different numbers of rows: 10 and 9/,
    );
    expect(() => runStdlib('[a, b, c, d] = split(matrix(1, 10, 2), matrix(1, 10, 1), 1.5)')).toThrow(
      /f must lie in/,
    );
  });
});

describe('splitBalanced', () => {
  it('keeps floor(count * ratio) rows of each class for training, grouped by class', () => {
    const r = runStdlib(`
      [X_train, y_train, X_test, y_test] = splitBalanced(X=${rd('prep_split', 'X.csv')}, Y=${rd('prep_split', 'y.csv')}, splitRatio=0.6)
    `);
    expectMatrixClose(r.matrix('X_train'), readRef('prep_split', 'bal_Xtrain.csv'), { rel: 0, abs: 0 });
    expectMatrixClose(r.matrix('y_train'), readRef('prep_split', 'bal_ytrain.csv'), { rel: 0, abs: 0 });
    expectMatrixClose(r.matrix('X_test'), readRef('prep_split', 'bal_Xtest.csv'), { rel: 0, abs: 0 });
    expectMatrixClose(r.matrix('y_test'), readRef('prep_split', 'bal_ytest.csv'), { rel: 0, abs: 0 });
  });
});

describe('toOneHot', () => {
  it('sets one 1 per row in the label column', () => {
    const r = runStdlib(`Y = toOneHot(${rd('prep_split', 'y.csv')}, 4)`);
    expectMatrixClose(r.matrix('Y'), readRef('prep_split', 'onehot4.csv'), { rel: 0, abs: 0 });
  });
  it('rejects numClasses below the largest label', () => {
    expect(() => runStdlib('Y = toOneHot(matrix("1 3 2", rows=3, cols=1), 2)')).toThrow(
      /numClasses \(2\) must be >=/,
    );
  });
});

describe('imputeByMean', () => {
  it('fills numeric columns with the mean of observed values and categorical ones with the mode', () => {
    const r = runStdlib(`
      [Y, v] = imputeByMean(${rd('prep_impute', 'X.csv')}, matrix("0 0 1", rows=1, cols=3))
    `);
    expectMatrixClose(r.matrix('Y'), readRef('prep_impute', 'mean.csv'), tight);
    expectMatrixClose(r.matrix('v'), readRef('prep_impute', 'mean_vec.csv'), tight);
  });
  it('rejects a mask of the wrong width', () => {
    expect(() => runStdlib('Y = imputeByMean(matrix(1, 3, 3), matrix(0, 1, 2))')).toThrow(
      /mask must be 1 x 3/,
    );
  });
});

describe('imputeByMedian', () => {
  it('fills numeric columns with the median of observed values', () => {
    const r = runStdlib(`
      [Y, v] = imputeByMedian(${rd('prep_impute', 'X.csv')}, matrix("0 0 1", rows=1, cols=3))
    `);
    expectMatrixClose(r.matrix('Y'), readRef('prep_impute', 'median.csv'), tight);
    expectMatrixClose(r.matrix('v'), readRef('prep_impute', 'median_vec.csv'), tight);
  });
});

describe('imputeByMode', () => {
  it('fills each column with its most frequent code (smallest on ties)', () => {
    const r = runStdlib(`[Y, v] = imputeByMode(${rd('prep_impute', 'Xcat.csv')})`);
    expectMatrixClose(r.matrix('Y'), readRef('prep_impute', 'mode.csv'), { rel: 0, abs: 0 });
    expectMatrixClose(r.matrix('v'), readRef('prep_impute', 'mode_vec.csv'), { rel: 0, abs: 0 });
  });
});

describe('winsorize', () => {
  it('clips each column at its type-1 quantiles (defaults 0.05 / 0.95)', () => {
    const r = runStdlib(`
      X = ${rd('prep_outlier', 'X.csv')}
      [Y, qLower, qUpper] = winsorize(X=X)
      Z = winsorize(X, 0.1, 0.8, FALSE)
    `);
    expectMatrixClose(r.matrix('Y'), readRef('prep_outlier', 'wins.csv'), tight);
    expectMatrixClose(r.matrix('qLower'), readRef('prep_outlier', 'wins_lo.csv'), tight);
    expectMatrixClose(r.matrix('qUpper'), readRef('prep_outlier', 'wins_hi.csv'), tight);
    expectMatrixClose(r.matrix('Z'), readRef('prep_outlier', 'wins_10_80.csv'), tight);
  });
});

describe('outlierByIQR', () => {
  it('repairs outliers with zeros until none remain (R loop with type-1 quartiles)', () => {
    const r = runStdlib(`
      [Y, Q1, Q3, IQR, k, rm] = outlierByIQR(X=${rd('prep_outlier', 'X.csv')}, k=1.5, repairMethod=1, verbose=FALSE)
    `);
    expectMatrixClose(r.matrix('Y'), readRef('prep_outlier', 'iqr_zero.csv'), tight);
    expectMatrixClose(r.matrix('Q1'), readRef('prep_outlier', 'iqr_zero_q1.csv'), tight);
    expectMatrixClose(r.matrix('Q3'), readRef('prep_outlier', 'iqr_zero_q3.csv'), tight);
    expect(r.scalar('k')).toBe(1.5);
  });
  it('marks outliers NaN in one round, or deletes their rows', () => {
    const r = runStdlib(`
      X = ${rd('prep_outlier', 'X.csv')}
      A = outlierByIQR(X=X, repairMethod=2, max_iterations=1, verbose=FALSE)
      B = outlierByIQR(X=X, k=3, repairMethod=0, verbose=FALSE)
    `);
    expectMatrixClose(r.matrix('A'), readRef('prep_outlier', 'iqr_nan1.csv'), tight);
    expectMatrixClose(r.matrix('B'), readRef('prep_outlier', 'iqr_del.csv'), tight);
  });
  it('rejects an unknown repair method', () => {
    expect(() => runStdlib('Y = outlierByIQR(X=matrix(1, 4, 2), repairMethod=5)')).toThrow(
      /repairMethod must be 0, 1 or 2/,
    );
  });
});

describe('outlierBySd', () => {
  it('repairs values beyond k sample sds with zeros until none remain', () => {
    const r = runStdlib(`
      [Y, mu, sd] = outlierBySd(X=${rd('prep_outlier', 'X.csv')}, k=2.5, verbose=FALSE)
      D = outlierBySd(X=${rd('prep_outlier', 'X.csv')}, repairMethod=0, max_iterations=1, verbose=FALSE)
    `);
    expectMatrixClose(r.matrix('Y'), readRef('prep_outlier', 'sd_zero.csv'), tight);
    expectMatrixClose(r.matrix('mu'), readRef('prep_outlier', 'sd_zero_mean.csv'), {
      rel: 1e-10,
      abs: 1e-12,
    });
    expectMatrixClose(r.matrix('sd'), readRef('prep_outlier', 'sd_zero_sd.csv'), { rel: 1e-10, abs: 1e-12 });
    expectMatrixClose(r.matrix('D'), readRef('prep_outlier', 'sd_del1.csv'), tight);
  });
  it('rejects k outside [1, 7]', () => {
    expect(() => runStdlib('Y = outlierBySd(X=matrix(1, 4, 2), k=0.5)')).toThrow(/k must lie in \[1, 7\]/);
  });
});
