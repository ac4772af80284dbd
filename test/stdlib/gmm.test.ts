import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const col = (m: number[][]): number[] => m.map((r) => r[0]!);

/** The permutation p with got label g == p(want label), checked to be one-to-one. */
function labelMap(got: readonly number[], want: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  got.forEach((g, i) => {
    const w = want[i]!;
    expect(map.get(w) ?? g, `point ${i + 1}: R component ${w} maps to one component`).toBe(g);
    map.set(w, g);
  });
  expect(new Set(map.values()).size).toBe(map.size);
  return map;
}

const FIT = `
  X = read("gmm_blobs/X.csv", format="csv")
  [labels, predict_prob, df, bic, mu, prec_chol, weight] = gmm(X=X, n_components=3, model=MODEL)
`;

describe('gmm', () => {
  it("VVV: reaches R's EM optimum (BIC, means, weights) with the same labels up to permutation", () => {
    const r = runStdlib(FIT.replace('MODEL', '"VVV"'));
    const want = col(readRef('gmm_blobs', 'labels.csv'));
    const map = labelMap(col(r.matrix('labels')), want);
    // EM converges to the same optimum from k-means or true-label starts on separated blobs;
    // tol=1e-6 on the mean log-likelihood leaves ~1e-6 relative slack in the parameters.
    expect(r.scalar('df')).toBe(17);
    expect(r.scalar('bic') as number).toBeCloseTo(readRef('gmm_blobs', 'bic.csv')[0]![0]!, 3);
    const mu = r.matrix('mu');
    const muR = readRef('gmm_blobs', 'mu.csv');
    const w = r.matrix('weight')[0]!;
    const wR = readRef('gmm_blobs', 'weight.csv')[0]!;
    for (let j = 1; j <= 3; j++) {
      const g = map.get(j)!;
      expectMatrixClose([mu[g - 1]!], [muR[j - 1]!], { rel: 1e-4, abs: 1e-4 });
      expect(w[g - 1]!).toBeCloseTo(wR[j - 1]!, 5);
    }
    const P = r.matrix('predict_prob');
    expect(P).toHaveLength(250);
    for (const row of P) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(r.matrix('prec_chol')).toHaveLength(6);
  });

  it.each([
    ['EEE', 11, 2],
    ['VVI', 14, 3],
    ['VII', 11, 3],
  ])(
    "%s: reaches R's EM optimum (BIC) and labels, with SystemDS's df and factor layout",
    (model, df, pRows) => {
      const r = runStdlib(FIT.replace('MODEL', `"${model}"`));
      labelMap(col(r.matrix('labels')), col(readRef('gmm_blobs', 'labels.csv')));
      expect(r.scalar('df')).toBe(df);
      expect(r.matrix('prec_chol')).toHaveLength(pRows);
      // R's EM for the same model (started from the true labels) reaches the same optimum
      expect(r.scalar('bic') as number).toBeCloseTo(readRef('gmm_blobs', `bic_${model}.csv`)[0]![0]!, 3);
      // and a constrained covariance model fits these blobs worse than the full one
      expect(r.scalar('bic') as number).toBeGreaterThan(readRef('gmm_blobs', 'bic.csv')[0]![0]!);
    },
  );

  it('random initialisation also finds the blobs', () => {
    const r = runStdlib(FIT.replace('MODEL', '"VVV", init_params="random", iter=300'));
    labelMap(col(r.matrix('labels')), col(readRef('gmm_blobs', 'labels.csv')));
  });

  it('stops with advice when a component collapses onto identical points and reg_covar is 0', () => {
    const dml = (reg: string): string => `
      X = rbind(matrix(1, 10, 2), rand(rows=20, cols=2, seed=1) + 5)
      [l, p, df, bic, mu, P, w] = gmm(X=X, n_components=2, reg_covar=${reg})
    `;
    expect(() => runStdlib(dml('0'))).toThrow(
      /not positive definite after initialisation; use fewer components or a larger reg_covar/,
    );
    // the default regularisation keeps the collapsed component usable
    const r = runStdlib(dml('1e-6'));
    expect(
      r
        .matrix('w')[0]!
        .map((v) => Math.round(v * 30))
        .sort((a, b) => a - b),
    ).toEqual([10, 20]);
  });

  it('rejects an unknown model', () => {
    expect(() =>
      runStdlib('[a, b, c, d, e, f, g] = gmm(X=matrix(1, 5, 2), n_components=2, model="XYZ")'),
    ).toThrow(/model must be one of VVV, EEE, VVI, VII, got XYZ/);
  });
});

describe('gmmPredict', () => {
  it.each(['VVV', 'EEE', 'VVI', 'VII'])(
    '%s: reproduces gmm labels and probabilities on the training data',
    (model) => {
      const r = runStdlib(`${FIT.replace('MODEL', `"${model}"`)}
      [predict, posterior_prob] = gmmPredict(X=X, weight=weight, mu=mu, precisions_cholesky=prec_chol, model="${model}")
    `);
      expect(col(r.matrix('predict'))).toEqual(col(r.matrix('labels')));
      expectMatrixClose(r.matrix('posterior_prob'), r.matrix('predict_prob'), { rel: 1e-9, abs: 1e-12 });
    },
  );

  it("classifies points near R's means like R's labels", () => {
    const r = runStdlib(`${FIT.replace('MODEL', '"VVV"')}
      Xn = read("gmm_blobs/mu.csv", format="csv")
      [predict, posterior_prob] = gmmPredict(X=Xn, weight=weight, mu=mu, precisions_cholesky=prec_chol, model="VVV")
      [p2, q2] = gmmPredict(X=X, weight=weight, mu=mu, precisions_cholesky=prec_chol, model="VVV")
    `);
    const map = labelMap(col(r.matrix('p2')), col(readRef('gmm_blobs', 'labels.csv')));
    expect(col(r.matrix('predict'))).toEqual([1, 2, 3].map((j) => map.get(j)!));
  });

  it('rejects precision factors of the wrong shape', () => {
    expect(() =>
      runStdlib(
        '[p, q] = gmmPredict(X=matrix(1, 4, 2), weight=matrix(0.5, 1, 2), mu=matrix(0, 2, 2), precisions_cholesky=matrix(1, 2, 2), model="VVV")',
      ),
    ).toThrow(/a VVV model needs 4x2 precision factors, got 2x2/);
  });
});
