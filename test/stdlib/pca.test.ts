import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

/** Flips each column of `m` to the sign of the same column of `ref` (eigenvector signs are arbitrary). */
function alignSigns(m: number[][], ref: number[][]): number[][] {
  const k = ref[0]!.length;
  const sign = Array.from({ length: k }, (_, j) => {
    let dot = 0;
    for (let i = 0; i < ref.length; i++) dot += m[i]![j]! * ref[i]![j]!;
    return dot < 0 ? -1 : 1;
  });
  return m.map((row) => row.map((v, j) => v * sign[j]!));
}

// Eigenvectors from a symmetric eigensolver agree with R's SVD-based prcomp to ~1e-10; 1e-8 leaves room.
const TOL = { rel: 1e-8, abs: 1e-8 };

describe('pca', () => {
  it("matches R's prcomp(center=TRUE, scale.=TRUE) up to component sign", () => {
    const r = runStdlib(`
      X = read("pca_scaled/X.csv", format="csv")
      [Xout, Mout, Centering, ScaleFactor] = pca(X=X, K=2)
    `);
    const M = readRef('pca_scaled', 'M.csv');
    expectMatrixClose(alignSigns(r.matrix('Mout'), M), M, TOL);
    expectMatrixClose(
      alignSigns(r.matrix('Xout'), readRef('pca_scaled', 'Xout.csv')),
      readRef('pca_scaled', 'Xout.csv'),
      TOL,
    );
    expectMatrixClose(r.matrix('Centering'), readRef('pca_scaled', 'center.csv'), TOL);
    expectMatrixClose(r.matrix('ScaleFactor'), readRef('pca_scaled', 'scale.csv'), TOL);
  });

  it('matches prcomp(center=TRUE, scale.=FALSE) with K=3 and returns an empty ScaleFactor', () => {
    const r = runStdlib(`
      X = read("pca_scaled/X.csv", format="csv")
      [Xout, Mout, Centering, ScaleFactor] = pca(X=X, K=3, scale=FALSE)
      sr = nrow(ScaleFactor)
    `);
    const M = readRef('pca_centered', 'M.csv');
    expectMatrixClose(alignSigns(r.matrix('Mout'), M), M, TOL);
    expectMatrixClose(
      alignSigns(r.matrix('Xout'), readRef('pca_centered', 'Xout.csv')),
      readRef('pca_centered', 'Xout.csv'),
      TOL,
    );
    expect(r.scalar('sr')).toBe(0);
  });

  it('rejects K above the number of columns', () => {
    expect(() => runStdlib('X = rand(rows=10, cols=3, seed=1); [A, B, C, D] = pca(X=X, K=4)')).toThrow(
      /K must be between 1 and ncol\(X\) = 3/,
    );
  });
});

describe('pcaTransform and pcaInverse', () => {
  it("pcaTransform reproduces pca's Xout and pcaInverse matches R's rank-2 reconstruction", () => {
    const r = runStdlib(`
      X = read("pca_scaled/X.csv", format="csv")
      [Xout, Mout, Centering, ScaleFactor] = pca(X=X, K=2)
      Y = pcaTransform(X=X, Clusters=Mout, Centering=Centering, ScaleFactor=ScaleFactor)
      R = pcaInverse(Y=Y, Clusters=Mout, Centering=Centering, ScaleFactor=ScaleFactor)
    `);
    expectMatrixClose(r.matrix('Y'), r.matrix('Xout'), { rel: 1e-12, abs: 1e-12 });
    // the reconstruction does not depend on component signs, so it compares directly
    expectMatrixClose(r.matrix('R'), readRef('pca_scaled', 'Xrec.csv'), TOL);
  });

  it('without Centering and ScaleFactor is a plain projection', () => {
    const r = runStdlib(`
      X = matrix("1 2 3 4", rows=2, cols=2)
      M = matrix("1 0 0 1", rows=2, cols=2)
      Y = pcaTransform(X=X, Clusters=M)
      Z = pcaInverse(Y=Y, Clusters=M)
    `);
    expectMatrixClose(r.matrix('Y'), [
      [1, 2],
      [3, 4],
    ]);
    expectMatrixClose(r.matrix('Z'), [
      [1, 2],
      [3, 4],
    ]);
  });

  it('rejects mismatched shapes', () => {
    expect(() => runStdlib('Y = pcaTransform(X=matrix(1, 3, 2), Clusters=matrix(1, 3, 1))')).toThrow(
      /X has 2 columns but Clusters has 3 rows/,
    );
  });
});
