/**
 * knn against R (tools/stdlib-ref/classification.R): neighbour indices by sorting distances,
 * class::knn votes, hand-computed mean/median predictions and leave-one-out feature importance.
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const ref = (f: string) => readRef('knn', f);
const load =
  'Tr = read("knn/Train.csv", format="csv"); Te = read("knn/Test.csv", format="csv")\n' +
  'CL = read("knn/CL.csv", format="csv"); CLc = read("knn/CLcont.csv", format="csv")\n';

describe('knn', () => {
  it('finds the same neighbours as R and votes like class::knn', () => {
    const r = runStdlib(load + '[NN, pred, fi] = knn(Train=Tr, Test=Te, CL=CL, ctypes=2, k=5)\nfr = nrow(fi)');
    expectMatrixClose(r.matrix('NN'), ref('NNR_k5.csv'));
    // two classes and k=5: no vote ties, so class::knn's random tie-breaking never applies
    expectMatrixClose(r.matrix('pred'), ref('CL_class_k5.csv'));
    expect(r.scalar('fr')).toBe(0);
  });

  it('predicts continuous targets by the neighbours mean or median', () => {
    const r = runStdlib(
      load +
        `[NN, mean, fi] = knn(Train=Tr, Test=Te, CL=CLc, k=5)
         [NN2, med, fi2] = knn(Train=Tr, Test=Te, CL=CLc, ctypes=1, k=5, predictCont=1)`,
    );
    expectMatrixClose(r.matrix('mean'), ref('CL_mean_k5.csv'), { rel: 1e-12, abs: 1e-14 });
    expectMatrixClose(r.matrix('med'), ref('CL_median_k5.csv'), { rel: 1e-12, abs: 1e-14 });
  });

  it('rescales features to [-1, 1] with transCont=1', () => {
    const r = runStdlib(load + '[NN, pred, fi] = knn(Train=Tr, Test=Te, CL=CL, ctypes=2, transCont=1, k=5)');
    expectMatrixClose(r.matrix('NN'), ref('NNR_trans_k5.csv'));
  });

  it('k=1 returns the single nearest row', () => {
    const r = runStdlib(load + '[NN, pred, fi] = knn(Train=Tr, Test=Te, CL=CLc, k=1)');
    expectMatrixClose(
      r.matrix('NN'),
      ref('NNR_k5.csv').map((row) => [row[0]!]),
    );
  });

  it('computes leave-one-out feature importance like R', () => {
    const r = runStdlib(
      load +
        `[NN, p, fic] = knn(Train=Tr, Test=Te, CL=CL, ctypes=2, k=5, featureImportance=1)
         [NN2, p2, fir] = knn(Train=Tr, Test=Te, CL=CLc, k=5, featureImportance=1)`,
    );
    expectMatrixClose(r.matrix('fic'), ref('FI_class_k5.csv'), { rel: 1e-12 });
    expectMatrixClose(r.matrix('fir'), ref('FI_cont_k5.csv'), { rel: 1e-10 });
  });

  it('rejects bad inputs and unsupported options with clear messages', () => {
    expect(() => runStdlib('[a, b, c] = knn(Train=rand(rows=5, cols=2), Test=rand(rows=2, cols=3), CL=matrix(1, 5, 1))')).toThrow(
      /Test has 3/,
    );
    expect(() => runStdlib('[a, b, c] = knn(Train=rand(rows=5, cols=2), Test=rand(rows=2, cols=2), CL=matrix(1, 4, 1))')).toThrow(
      /one target per row/,
    );
    expect(() => runStdlib('[a, b, c] = knn(Train=rand(rows=5, cols=2), Test=rand(rows=2, cols=2), CL=matrix(1, 5, 1), k=6)')).toThrow(
      /k must be between/,
    );
    expect(() =>
      runStdlib('[a, b, c] = knn(Train=rand(rows=5, cols=2), Test=rand(rows=2, cols=2), CL=matrix(1, 5, 1), selectK=1)'),
    ).toThrow(/not supported yet/);
  });
});
