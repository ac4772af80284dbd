/**
 * Every HOP rewrite rule: it fires on a matching script (and the result agrees with optLevel 0
 * within 1e-9 relative), and it does not fire on a near miss. The driver validates types and
 * dims after every firing under vitest.
 */
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../../src/optimizer/rewrites/index.js';
import { compile } from '../helpers.js';
import { expectLevelsAgree } from './agreement.js';

const PRELUDE = `X = rand(rows=6, cols=4, seed=1)
Y = rand(rows=6, cols=4, seed=2)
Z = rand(rows=6, cols=4, seed=3)
S = rand(rows=4, cols=4, seed=4)
U = rand(rows=4, cols=1, seed=5)
W = rand(rows=6, cols=1, seed=6)
Q = rand(rows=3, cols=6, seed=8)
`;

interface Case {
  readonly rule: string;
  /** Script body (after the prelude) where the rule fires; it prints what it computes. */
  readonly fires: string;
  /** A near miss where it must not fire. */
  readonly not: string;
}

const m = (expr: string): string => `R = ${expr}\nprint(toString(R))`;
const s = (expr: string): string => `r = ${expr}\nprint(r)`;
const fn = (body: string): string =>
  `f = function(Matrix[Double] A) return (Double n) { ${body} }\nr = f(X)\nprint(r)`;

const CASES: readonly Case[] = [
  { rule: 'remove-double-transpose', fires: m('t(t(X))'), not: m('t(X)') },
  { rule: 'remove-multiply-by-one', fires: m('1 * X'), not: m('X * 2') },
  { rule: 'remove-add-zero', fires: m('X + 0'), not: m('X + 1') },
  { rule: 'remove-subtract-zero', fires: m('X - 0'), not: m('X - 1') },
  { rule: 'remove-divide-by-one', fires: m('X / 1'), not: m('1 / X') },
  { rule: 'remove-power-one', fires: m('X ^ 1'), not: m('X ^ 3') },
  { rule: 'power-zero', fires: m('X ^ 0'), not: m('X ^ 0.5') },
  { rule: 'remove-double-negation', fires: m('-(-X)'), not: m('-X') },
  { rule: 'subtract-negation', fires: m('X - (-Y)'), not: m('X - Y') },
  { rule: 'add-negation', fires: m('-X + Y'), not: m('X + Y') },
  { rule: 'zero-minus', fires: m('0 - X'), not: m('1 - X') },
  { rule: 'add-self-to-multiply', fires: m('X + X'), not: m('X + Y') },
  { rule: 'multiply-self-to-power', fires: m('X * X'), not: m('X * Y') },
  { rule: 'sigmoid', fires: m('1 / (1 + exp(-X))'), not: m('1 / (2 + exp(-X))') },
  { rule: 'remove-idempotent-unary', fires: m('abs(abs(X - 0.5))'), not: m('abs(round(X))') },
  { rule: 'remove-double-diag', fires: m('diag(diag(U))'), not: m('diag(diag(S))') },
  { rule: 'remove-unnecessary-as-matrix', fires: m('as.matrix(X)'), not: m('as.matrix(3)') },
  { rule: 'remove-unnecessary-scalar-cast', fires: s('as.double(sum(X))'), not: s('as.integer(sum(X))') },
  { rule: 'remove-full-indexing', fires: m('X[1:nrow(X), ]'), not: m('X[2:nrow(X), ]') },
  { rule: 'shape-query-through-transpose', fires: fn('n = nrow(t(A))'), not: fn('n = nrow(A)') },
  { rule: 'remove-sum-of-row-sums', fires: s('sum(rowSums(X))'), not: s('sum(rowMeans(X))') },
  { rule: 'remove-sum-of-col-sums', fires: s('sum(colSums(X))'), not: s('sum(colMeans(X))') },
  { rule: 'remove-rowsums-of-column', fires: m('rowSums(U)'), not: m('rowSums(X)') },
  { rule: 'remove-colsums-of-row', fires: m('colSums(Q[1, ])'), not: m('colSums(Q)') },
  { rule: 'pushdown-colsums-transpose', fires: m('colSums(t(X))'), not: m('colSums(X)') },
  { rule: 'pushdown-rowsums-transpose', fires: m('rowSums(t(X))'), not: m('rowSums(X)') },
  { rule: 'remove-transpose-under-full-aggregate', fires: s('max(t(X))'), not: s('max(X)') },
  { rule: 'pushdown-negation-sum', fires: s('sum(-X)'), not: s('sum(X)') },
  { rule: 'trace-of-matmul', fires: s('trace(X %*% t(Y))'), not: s('trace(S)') },
  { rule: 'simplify-transpose-matmul', fires: m('t(X) %*% t(Q)'), not: m('t(X) %*% Y') },
  {
    rule: 'empty-matmul',
    fires: 'E = matrix(0, rows=4, cols=3)\n' + m('X %*% E'),
    not: m('X %*% S'),
  },
  { rule: 'empty-aggregate', fires: 'E = matrix(0, rows=4, cols=3)\n' + s('sum(E)'), not: s('sum(X)') },
  {
    rule: 'empty-multiply',
    fires: 'E = matrix(0, rows=6, cols=4)\n' + m('X * E'),
    not: m('X * Y'),
  },
  {
    rule: 'matmul-chain-order',
    fires:
      'A = rand(rows=50, cols=50, seed=9)\nB = rand(rows=50, cols=50, seed=10)\nv = rand(rows=50, cols=1, seed=11)\n' +
      m('(A %*% B) %*% v'),
    not:
      'A = rand(rows=50, cols=50, seed=9)\nB = rand(rows=50, cols=50, seed=10)\nv = rand(rows=50, cols=1, seed=11)\n' +
      m('A %*% (B %*% v)'),
  },
  { rule: 'matmul-to-mmchain', fires: m('t(X) %*% (W * (X %*% U))'), not: m('t(X) %*% (Y %*% U)') },
  { rule: 'matmul-to-tsmm', fires: m('t(X) %*% X') + '\n' + m('X %*% t(X)'), not: m('t(X) %*% Y') },
  { rule: 'transpose-matmul-vector', fires: m('t(X) %*% W'), not: m('t(X) %*% Y') },
  { rule: 'matmul-transpose-left', fires: m('t(X) %*% Y'), not: m('t(X) %*% X') },
  // A cell-wise vector (l2svm's t(X) %*% (marg * Y)) too; mmchain's own shapes are left to it.
  {
    rule: 'transpose-matmul-vector',
    fires: m('t(X) %*% (W * (W > 0.5))'),
    not: m('t(X) %*% (W * (X %*% U))'),
  },
  { rule: 'colsums-of-vector-product', fires: m('colSums(X * W)'), not: m('colSums(X * Y)') },
  { rule: 'sum-of-squares-vector', fires: s('sum(W ^ 2)'), not: s('sum(W ^ 3)') },
  { rule: 'sum-of-squares', fires: s('sum(X ^ 2)'), not: s('sum(X ^ 3)') },
  { rule: 'fuse-cellwise', fires: m('X * log(Y) + Z') + '\n' + s('sum(X * Y * Z)'), not: m('X + Y') },
  { rule: 'constant-folding', fires: s('1 + 2 * 3'), not: s('sum(X) + 1') },
];

describe('rewrite rules', () => {
  it('every HOP rule has a case, and there are at least 40 rules in all', () => {
    const names = new Set(defaultRules().map((r) => r.name));
    const covered = new Set(CASES.map((c) => c.rule));
    covered.add('common-subexpression-elimination'); // common-subexpression.test.ts
    expect([...names].filter((n) => !covered.has(n))).toEqual([]);
    // + the statement-block rules remove-constant-branches and merge-blocks
    expect(names.size + 2).toBeGreaterThanOrEqual(40);
  });

  for (const c of CASES) {
    describe(c.rule, () => {
      it('fires, with results equal to optLevel 0', () => {
        const text = PRELUDE + c.fires;
        expect(compile(text).rewritesFired).toContain(c.rule);
        expectLevelsAgree(text);
      });
      it('does not fire on a near miss', () => {
        expect(compile(PRELUDE + c.not).rewritesFired).not.toContain(c.rule);
      });
      it('can be disabled by name', () => {
        expect(compile(PRELUDE + c.fires, { disableRules: [c.rule] }).rewritesFired).not.toContain(c.rule);
      });
    });
  }
});
