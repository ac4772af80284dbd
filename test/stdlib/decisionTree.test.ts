/**
 * decisionTree / decisionTreePredict: exact models on hand-checkable data, and trees grown on
 * binned iris and generated data against R's rpart with the same stopping rules and no pruning
 * (tools/stdlib-ref/trees.R), for gini, entropy and regression (rss vs rpart's anova).
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

const col = (m: number[][]): number[] => m.map((r) => r[0]!);
const mean = (a: boolean[]): number => a.filter(Boolean).length / a.length;

// 16 rows on the grid x1, x2 in 1..4: class 3 when x1 > 2, else 1 when x2 <= 2, else 2.
const grid = `
  X = matrix(0, 16, 2)
  for (i in 1:16) { X[i, 1] = floor((i - 1) / 4) + 1; X[i, 2] = (i - 1) %% 4 + 1 }
  y = ifelse(X[, 1] > 2, 3, ifelse(X[, 2] <= 2, 1, 2))
  ct = matrix("1 1 2", rows=1, cols=3)
`;

describe('decisionTree: hand-checked models', () => {
  it('one perfect split: the smallest of the tied cut points, leaves with their classes', () => {
    // x1 takes 1, 2, 4, 5: cuts 2 and 3 separate the classes equally well; SystemDS keeps the
    // smaller one. x2 is noise.
    const r = runStdlib(`
      X = matrix("1 3  2 1  4 2  5 3  1 1  2 2  4 1  5 2", rows=8, cols=2)
      y = matrix("1 1 2 2 1 1 2 2", rows=8, cols=1)
      ct = matrix("1 1 2", rows=1, cols=3)
      M = decisionTree(X=X, y=y, ctypes=ct, max_depth=3, min_leaf=1, min_split=2, max_features=1.0)
      yhat = decisionTreePredict(X=X, ctypes=ct, M=M)
      Xn = matrix("3 1  1 4  6 1", rows=3, cols=2)
      ynew = decisionTreePredict(X=Xn, ctypes=ct, M=M, strategy="GEMM")
    `);
    expect(r.matrix('M')).toEqual([[1, 2, 0, 1, 0, 2]]);
    expect(col(r.matrix('yhat'))).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
    expect(col(r.matrix('ynew'))).toEqual([2, 1, 2]);
  });

  it('two levels: root on x1 (gain 0.375 > 0.125 for x2), then x2 in the mixed child', () => {
    const r = runStdlib(
      grid +
        `
      M = decisionTree(X=X, y=y, ctypes=ct, max_depth=4, min_leaf=1, min_split=2, max_features=1.0)
      yhat = decisionTreePredict(X=X, ctypes=ct, M=M)
    `,
    );
    // nodes 1..7 as (feature, cut) or (0, label); 6 and 7 do not exist
    expect(r.matrix('M')).toEqual([[1, 2, 2, 2, 0, 3, 0, 1, 0, 2, 0, 0, 0, 0]]);
    expect(col(r.matrix('yhat'))).toEqual(col(r.matrix('y')));
  });

  it('max_depth as SystemDS: children are split further only while depth + 1 < max_depth', () => {
    // max_depth=3 stops at depth 2: node 2 holds 4 + 4 rows of classes 1 and 2; the tie goes
    // to the larger class (rowIndexMax takes the last maximum, as in SystemDS)
    const r = runStdlib(
      grid + 'M = decisionTree(X=X, y=y, ctypes=ct, max_depth=3, min_leaf=1, min_split=2, max_features=1.0)',
    );
    expect(r.matrix('M')).toEqual([[1, 2, 0, 2, 0, 3]]);
  });

  it('min_leaf and min_split stop splitting', () => {
    // min_leaf=5 forbids the x2 split of node 2 (4 + 4 rows); min_split=9 forbids trying it
    const a = runStdlib(
      grid + 'M = decisionTree(X=X, y=y, ctypes=ct, max_depth=4, min_leaf=5, min_split=2, max_features=1.0)',
    );
    expect(a.matrix('M')).toEqual([[1, 2, 0, 2, 0, 3]]);
    const b = runStdlib(
      grid + 'M = decisionTree(X=X, y=y, ctypes=ct, max_depth=4, min_leaf=1, min_split=9, max_features=1.0)',
    );
    expect(b.matrix('M')).toEqual([[1, 2, 0, 2, 0, 3]]);
  });

  it('a pure node is a single leaf', () => {
    const r = runStdlib(
      'M = decisionTree(X=matrix("1 2 3 4", rows=4, cols=1), y=matrix(2, 4, 1), ctypes=matrix("1 2", rows=1, cols=2), min_leaf=1, min_split=2)',
    );
    expect(r.matrix('M')).toEqual([[0, 2]]);
  });

  it('verbose prints the splits and leaves', () => {
    const r = runStdlib(
      grid +
        'M = decisionTree(X=X, y=y, ctypes=ct, max_depth=4, min_leaf=1, min_split=2, max_features=1.0, verbose=TRUE)',
    );
    expect(r.out).toContain('decisionTree: node 1 (16 rows): split X[,1] <= 2, gain 0.375');
    expect(r.out.some((l) => /^decisionTree: leaf 3 \(8 rows\): 3(\.0)?$/.test(l))).toBe(true);
  });
});

describe('decisionTree: against rpart (no pruning, same stopping rules)', () => {
  const cases = [
    { name: 'tree_iris', depth: 6, leaf: 5, split: 10 },
    { name: 'tree_gen', depth: 7, leaf: 8, split: 20 },
  ];
  for (const c of cases)
    for (const imp of ['gini', 'entropy'] as const)
      it(`${c.name} (${imp}): rpart's predictions and accuracy`, () => {
        const r = runStdlib(`
          Xtr = read("${c.name}/Xtrain.csv", format="csv"); ytr = read("${c.name}/ytrain.csv", format="csv")
          Xte = read("${c.name}/Xtest.csv", format="csv"); yte = read("${c.name}/ytest.csv", format="csv")
          ct = cbind(matrix(1, 1, ncol(Xtr)), as.matrix(2))
          M = decisionTree(X=Xtr, y=ytr, ctypes=ct, max_depth=${c.depth}, min_leaf=${c.leaf},
            min_split=${c.split}, max_features=1.0, impurity="${imp}")
          ptr = decisionTreePredict(X=Xtr, ctypes=ct, M=M)
          pte = decisionTreePredict(X=Xte, ctypes=ct, M=M)
          acc = cbind(as.matrix(mean(ptr == ytr) * 100), as.matrix(mean(pte == yte) * 100))
        `);
        // Same greedy CART criterion and candidate cuts as rpart, so the trees agree unless a
        // tie in gain is broken differently: we allow 2% of rows to differ and 2 accuracy points.
        const agreeTr = mean(
          col(r.matrix('ptr')).map((v, i) => v === readRef(c.name, `yhat_train_${imp}.csv`)[i]![0]),
        );
        const agreeTe = mean(
          col(r.matrix('pte')).map((v, i) => v === readRef(c.name, `yhat_test_${imp}.csv`)[i]![0]),
        );
        expect(agreeTr).toBeGreaterThanOrEqual(0.98);
        expect(agreeTe).toBeGreaterThanOrEqual(0.98);
        expectMatrixClose(r.matrix('acc'), readRef(c.name, `acc_${imp}.csv`), { abs: 2 });
      });

  it("regression (rss): rpart anova's leaf means", () => {
    const r = runStdlib(`
      Xtr = read("tree_reg/Xtrain.csv", format="csv"); ytr = read("tree_reg/ytrain.csv", format="csv")
      Xte = read("tree_reg/Xtest.csv", format="csv"); yte = read("tree_reg/ytest.csv", format="csv")
      ct = matrix(1, 1, ncol(Xtr) + 1)
      M = decisionTree(X=Xtr, y=ytr, ctypes=ct, max_depth=5, min_leaf=10, min_split=20, max_features=1.0, impurity="rss")
      ptr = decisionTreePredict(X=Xtr, ctypes=ct, M=M)
      pte = decisionTreePredict(X=Xte, ctypes=ct, M=M)
      mse = cbind(as.matrix(mean((ptr - ytr)^2)), as.matrix(mean((pte - yte)^2)))
    `);
    // variance reduction is rpart's anova criterion: the same tree, leaf means up to rounding
    expectMatrixClose(r.matrix('ptr'), readRef('tree_reg', 'yhat_train.csv'), { rel: 1e-12, abs: 1e-12 });
    expectMatrixClose(r.matrix('pte'), readRef('tree_reg', 'yhat_test.csv'), { rel: 1e-12, abs: 1e-12 });
    expectMatrixClose(r.matrix('mse'), readRef('tree_reg', 'mse.csv'), { rel: 1e-10 });
  });
});

describe('decisionTree: regression details', () => {
  it('a large offset in y shifts the leaf means only (y is centred before the sums of squares)', () => {
    const r = runStdlib(`
      Xtr = read("tree_reg/Xtrain.csv", format="csv"); ytr = read("tree_reg/ytrain.csv", format="csv")
      ct = matrix(1, 1, ncol(Xtr) + 1)
      M0 = decisionTree(X=Xtr, y=ytr, ctypes=ct, max_depth=5, min_leaf=10, min_split=20, max_features=1.0, impurity="rss")
      M1 = decisionTree(X=Xtr, y=ytr + 1e6, ctypes=ct, max_depth=5, min_leaf=10, min_split=20, max_features=1.0, impurity="rss")
      P0 = matrix(M0, rows=ncol(M0) / 2, cols=2)
      P1 = matrix(M1, rows=ncol(M1) / 2, cols=2)
      leaf = (P0[, 1] == 0) * (rowSums(P0 != 0) > 0)
      sameSplits = sum(P0[, 1] != P1[, 1]) + sum((1 - leaf) * (P0[, 2] != P1[, 2]))
      shift = max(abs(leaf * (P1[, 2] - P0[, 2] - 1e6)))
    `);
    expect(r.scalar('sameSplits')).toBe(0);
    // leaf means of values near 1e6 carry ~1e-10 rounding
    expect(r.scalar('shift') as number).toBeLessThan(1e-8);
  });

  it('gini on integer labels with ctypes of y = 1 splits by class and predicts leaf means (as SystemDS)', () => {
    const r = runStdlib(
      'M = decisionTree(X=matrix("1 2 3 4", rows=4, cols=1), y=matrix("1 1 3 3", rows=4, cols=1), ctypes=matrix("1 1", rows=1, cols=2), max_depth=3, min_leaf=1, min_split=2)',
    );
    expect(r.matrix('M')).toEqual([[1, 2, 0, 1, 0, 3]]);
  });
});

describe('decisionTree: feature sampling', () => {
  const load = `
    Xtr = read("tree_gen/Xtrain.csv", format="csv"); ytr = read("tree_gen/ytrain.csv", format="csv")
    Xte = read("tree_gen/Xtest.csv", format="csv"); yte = read("tree_gen/ytest.csv", format="csv")
    ct = cbind(matrix(1, 1, ncol(Xtr)), as.matrix(2))
  `;
  it('is reproducible with a seed and still learns (default max_features=0.5)', () => {
    const r = runStdlib(
      load +
        `
      M1 = decisionTree(X=Xtr, y=ytr, ctypes=ct, max_depth=7, min_leaf=8, min_split=20, seed=3)
      M2 = decisionTree(X=Xtr, y=ytr, ctypes=ct, max_depth=7, min_leaf=8, min_split=20, seed=3)
      acc = mean(decisionTreePredict(X=Xte, ctypes=ct, M=M1) == yte) * 100
    `,
    );
    expect(r.matrix('M1')).toEqual(r.matrix('M2'));
    // 2-3 random candidate features per node find the rule less reliably than all 6 (rpart: 91%)
    expect(r.scalar('acc') as number).toBeGreaterThan(60);
  });
});

describe('decisionTree: cut point sampling (max_values)', () => {
  it('keeps about c^max_values of the cut points of wide features, reproducibly', () => {
    // x1 in 1..40 (39 cuts, sampled), y = [x1 > 20]: with all cuts the tree finds x1 <= 20
    // exactly; with ~6 sampled cuts per node it still separates most rows
    const r = runStdlib(`
      X = cbind(seq(1, 40), matrix(1, 40, 1))
      y = 1 + (X[, 1] > 20)
      ct = matrix("1 1 2", rows=1, cols=3)
      Mall = decisionTree(X=X, y=y, ctypes=ct, max_depth=2, min_leaf=1, min_split=2, max_features=1.0)
      M1 = decisionTree(X=X, y=y, ctypes=ct, max_depth=2, min_leaf=1, min_split=2, max_features=1.0, max_values=0.5, seed=11)
      M2 = decisionTree(X=X, y=y, ctypes=ct, max_depth=2, min_leaf=1, min_split=2, max_features=1.0, max_values=0.5, seed=11)
      acc = mean(decisionTreePredict(X=X, ctypes=ct, M=M1) == y)
    `);
    expect(r.matrix('Mall')).toEqual([[1, 20, 0, 1, 0, 2]]);
    expect(r.matrix('M1')).toEqual(r.matrix('M2'));
    expect(r.matrix('M1')[0]![0]).toBe(1);
    expect(r.scalar('acc') as number).toBeGreaterThanOrEqual(0.75);
  });
});

describe('decisionTree: errors', () => {
  const ok =
    'X = matrix("1 2 3 4", rows=4, cols=1); y = matrix("1 1 2 2", rows=4, cols=1); ct = matrix("1 2", rows=1, cols=2)\n';
  it.each([
    [
      'X with zeros',
      'M = decisionTree(X=X - 1, y=y, ctypes=ct)',
      /not properly recoded\/binned \(values <= 0\)/,
    ],
    [
      'fractional X',
      'M = decisionTree(X=X + 0.5, y=y, ctypes=ct)',
      /not properly recoded\/binned \(non-integer\)/,
    ],
    ['zero labels', 'M = decisionTree(X=X, y=y - 1, ctypes=ct)', /label vector y is not properly recoded/],
    [
      'ctypes of the wrong length',
      'M = decisionTree(X=X, y=y, ctypes=matrix(1, 1, 3))',
      /ncol\(X\)\+1 = 2 column types/,
    ],
    [
      'mismatched rows',
      'M = decisionTree(X=X, y=matrix(1, 3, 1), ctypes=ct)',
      /one label per row of X \(4 rows\)/,
    ],
    [
      'unknown impurity',
      'M = decisionTree(X=X, y=y, ctypes=ct, impurity="mse")',
      /unsupported impurity measure: mse/,
    ],
    [
      'rss for classification',
      'M = decisionTree(X=X, y=y, ctypes=ct, impurity="rss")',
      /rss is for regression/,
    ],
    ['max_depth > 32', 'M = decisionTree(X=X, y=y, ctypes=ct, max_depth=33)', /invalid max_depth/],
    [
      'bad strategy',
      'M = decisionTree(X=X, y=y, ctypes=ct, min_leaf=1, min_split=2)\nz = decisionTreePredict(X=X, ctypes=ct, M=M, strategy="XX")',
      /unknown strategy XX/,
    ],
    [
      'too few features',
      'z = decisionTreePredict(X=X, ctypes=ct, M=matrix("3 2 0 1 0 2", rows=1, cols=6))',
      /splits on feature 3 but X has 1 columns/,
    ],
    [
      'a malformed model',
      'z = decisionTreePredict(X=X, ctypes=ct, M=matrix("1 2 0", rows=1, cols=3))',
      /M must be one row of \(feature, value\) pairs/,
    ],
  ])('%s', (_name, code, msg) => {
    expect(() => runStdlib(ok + code)).toThrow(msg);
  });
});
