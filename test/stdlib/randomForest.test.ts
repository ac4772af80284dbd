/**
 * randomForest / randomForestPredict: the model layout, SystemDS's documented toy example,
 * reproducibility with a seed, and held-out accuracy against R (rpart's single tree and bagged
 * rpart trees, tools/stdlib-ref/trees.R) and against our own single tree.
 */
import { describe, expect, it } from 'vitest';
import { readRef, runStdlib } from './helpers.js';

const col = (m: number[][]): number[] => m.map((r) => r[0]!);

const load = (c: string): string => `
  Xtr = read("${c}/Xtrain.csv", format="csv"); ytr = read("${c}/ytrain.csv", format="csv")
  Xte = read("${c}/Xtest.csv", format="csv"); yte = read("${c}/ytest.csv", format="csv")
`;

describe('randomForest: model and toy data', () => {
  it("SystemDS's documented example: 4 trees on 4 rows predict the training labels", () => {
    const r = runStdlib(`
      X = matrix("1 2 10 11", rows=4, cols=1)
      y = matrix("1 1 2 2", rows=4, cols=1)
      ct = matrix("1 2", rows=1, cols=2)
      M = randomForest(X=X, y=y, ctypes=ct, num_trees=4, sample_frac=1.0, feature_frac=1.0,
        max_depth=3, min_leaf=1, min_split=2, seed=42)
      yhat = randomForestPredict(X=X, ctypes=ct, M=M)
    `);
    expect(col(r.matrix('yhat'))).toEqual([1, 1, 2, 2]);
    // one row per tree: feature indicator (1 column), then 2*(2^3-1) = 14 tree columns; all rows
    // and the only feature, so every tree is the same split x <= 2 (smallest tied cut)
    const M = r.matrix('M');
    expect(M.length).toBe(4);
    for (const row of M) expect(row).toEqual([1, 1, 2, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('feature_frac: each row starts with the indicator of its features, and trees index into them', () => {
    const r = runStdlib(
      load('tree_gen') +
        `
      ct = cbind(matrix(1, 1, ncol(Xtr)), as.matrix(2))
      M = randomForest(X=Xtr, y=ytr, ctypes=ct, num_trees=6, sample_frac=0.8, feature_frac=0.5,
        max_depth=5, min_leaf=8, min_split=20, seed=9)
      yhat = randomForestPredict(X=Xte, ctypes=ct, M=M)
      acc = mean(yhat == yte) * 100
    `,
    );
    const M = r.matrix('M');
    expect(M.length).toBe(6);
    expect(M[0]!.length).toBe(6 + 2 * 31);
    for (const row of M) {
      const used = row.slice(0, 6);
      expect(used.every((v) => v === 0 || v === 1)).toBe(true);
      const k = used.filter((v) => v === 1).length;
      expect(k).toBeGreaterThanOrEqual(1);
      // split features of the tree are indices into its own k features
      for (let j = 6; j < row.length; j += 2) expect(row[j]).toBeLessThanOrEqual(k);
    }
    expect(M.some((row) => row.slice(0, 6).includes(0))).toBe(true);
    // half the features per tree: weaker trees, but the vote still beats guessing by far
    expect(r.scalar('acc') as number).toBeGreaterThan(55);
  });

  it('max_depth=1 still holds the stumps (the root is always tried, as in SystemDS)', () => {
    const r = runStdlib(`
      M = randomForest(X=matrix("1 2 10 11", rows=4, cols=1), y=matrix("1 1 2 2", rows=4, cols=1),
        ctypes=matrix("1 2", rows=1, cols=2), num_trees=2, sample_frac=1.0, max_depth=1, min_leaf=1, min_split=2, seed=1)
    `);
    expect(r.matrix('M')).toEqual([
      [1, 1, 2, 0, 1, 0, 2],
      [1, 1, 2, 0, 1, 0, 2],
    ]);
  });

  it('is reproducible with a seed; other seeds give other forests', () => {
    const fit = (seed: number) =>
      `M${seed} = randomForest(X=Xtr, y=ytr, ctypes=ct, num_trees=5, sample_frac=0.5, max_depth=5, min_leaf=8, min_split=20, seed=${seed})\n`;
    const r = runStdlib(
      load('tree_gen') +
        'ct = cbind(matrix(1, 1, ncol(Xtr)), as.matrix(2))\n' +
        fit(4) +
        fit(4).replace('M4 =', 'M4b =') +
        fit(5),
    );
    expect(r.matrix('M4')).toEqual(r.matrix('M4b'));
    expect(r.matrix('M5')).not.toEqual(r.matrix('M4'));
  });
});

describe('randomForest: held-out accuracy', () => {
  it('forest_add: at least a single tree (ours and rpart) minus 2 points, near bagged rpart', () => {
    const r = runStdlib(
      load('forest_add') +
        `
      ct = cbind(matrix(1, 1, ncol(Xtr)), as.matrix(2))
      Mt = decisionTree(X=Xtr, y=ytr, ctypes=ct, max_depth=8, min_leaf=5, min_split=10, max_features=1.0)
      accTree = mean(decisionTreePredict(X=Xte, ctypes=ct, M=Mt) == yte) * 100
      M = randomForest(X=Xtr, y=ytr, ctypes=ct, num_trees=20, sample_frac=0.7, max_depth=8,
        min_leaf=5, min_split=10, seed=1)
      yhat = randomForestPredict(X=Xte, y=yte, ctypes=ct, M=M, verbose=TRUE)
      accForest = mean(yhat == yte) * 100
    `,
    );
    const [rTree, rBag] = readRef('forest_add', 'acc.csv')[0]!;
    const accForest = r.scalar('accForest') as number;
    const accTree = r.scalar('accTree') as number;
    // our single tree is rpart's tree up to ties: within 2 points of R's
    expect(Math.abs(accTree - rTree!)).toBeLessThanOrEqual(2);
    expect(accForest).toBeGreaterThanOrEqual(accTree - 2);
    expect(accForest).toBeGreaterThanOrEqual(rTree! - 2);
    // bagged rpart (100 trees, no per-node feature sampling) reaches 83.3%; a 20-tree forest
    // with other random draws varies by a few points on 150 test rows: allow 5
    expect(Math.abs(accForest - rBag!)).toBeLessThanOrEqual(5);
    expect(r.out).toContain('Accuracy (%): ' + String(accForest));
    expect(r.out).toContain('randomForestPredict: scored 150 rows with 20 trees');
  });

  it("regression (rss): averaging trees does not lose to rpart's single tree", () => {
    const r = runStdlib(
      load('tree_reg') +
        `
      ct = matrix(1, 1, ncol(Xtr) + 1)
      M = randomForest(X=Xtr, y=ytr, ctypes=ct, num_trees=12, sample_frac=0.7, max_depth=5,
        min_leaf=10, min_split=20, max_features=1.0, impurity="rss", seed=2)
      yhat = randomForestPredict(X=Xte, ctypes=ct, M=M)
      mse = mean((yhat - yte)^2)
    `,
    );
    const rpartMse = readRef('tree_reg', 'mse.csv')[0]![1]!;
    // averaged trees are smoother than one depth-4 tree: allow 5% above rpart's test MSE
    expect(r.scalar('mse') as number).toBeLessThanOrEqual(rpartMse * 1.05);
  });
});

describe('randomForest: errors', () => {
  const ok =
    'X = matrix("1 2 3 4", rows=4, cols=1); y = matrix("1 1 2 2", rows=4, cols=1); ct = matrix("1 2", rows=1, cols=2)\n';
  it.each([
    ['one class', 'M = randomForest(X=X, y=matrix(1, 4, 1), ctypes=ct)', /y contains only one class label/],
    [
      'ctypes of the wrong length',
      'M = randomForest(X=X, y=y, ctypes=matrix(1, 1, 3))',
      /inconsistent num features \(incl\. label\) and col types: 1 vs 3/,
    ],
    ['X not recoded', 'M = randomForest(X=X - 2, y=y, ctypes=ct)', /not properly recoded\/binned: 2/],
    [
      'labels not recoded',
      'M = randomForest(X=X, y=y - 1, ctypes=ct)',
      /y is not properly recoded and binned/,
    ],
    [
      'sample_frac out of range',
      'M = randomForest(X=X, y=y, ctypes=ct, sample_frac=0)',
      /sample_frac and feature_frac must lie in \(0, 1\]/,
    ],
    [
      'predict: ctypes mismatch',
      'M = randomForest(X=X, y=y, ctypes=ct, sample_frac=1, min_leaf=1, min_split=2, seed=1)\nz = randomForestPredict(X=X, ctypes=matrix(1, 1, 3), M=M)',
      /ctypes must have ncol\(X\)\+1 = 2 entries/,
    ],
  ])('%s', (_name, code, msg) => {
    expect(() => runStdlib(ok + code)).toThrow(msg);
  });
});
