/**
 * What the distributed operators decline, so that LOCAL runs the call (and reports any error it
 * deserves with its own message), and the op table's coverage.
 */
import { describe, expect, it } from 'vitest';
import { dbl, int, str, bool } from '../../../../src/engine/data/values.js';
import { DIST_OPS, planDist } from '../../../../src/engine/dist/ops/index.js';
import { callOf, dense, planOf } from './harness.js';

const X = dense(6, 3, 1);

describe('declined calls', () => {
  const cases: readonly (readonly [string, string, () => boolean])[] = [
    ['scalar op scalar', '+', () => planOf('+', [int(1), dbl(2)]) === undefined],
    ['a string operand', '+', () => planOf('+', [X, str('a')]) === undefined],
    ['mismatched dims', '+', () => planOf('+', [X, dense(6, 2, 2)]) === undefined],
    [
      'a row vector against a column vector',
      '+',
      () => planOf('+', [dense(1, 3, 2), dense(3, 1, 2)]) === undefined,
    ],
    ['named arguments', 'sum', () => planDist('sum', callOf([X], ['target'])) === undefined],
    ['a scalar aggregate', 'sum', () => planOf('sum', [dbl(2)]) === undefined],
    ['n-ary min', 'min', () => planOf('min', [X, X, X]) === undefined],
    ['%*% with a scalar', '%*%', () => planOf('%*%', [X, dbl(2)]) === undefined],
    ['%*% mismatched', '%*%', () => planOf('%*%', [X, dense(2, 2, 3)]) === undefined],
    ['tsmm right (X %*% t(X))', 'tsmm', () => planOf('tsmm', [X, bool(false)]) === undefined],
    ['mmchain with a matrix v', 'mmchain', () => planOf('mmchain', [X, dense(3, 2, 4)]) === undefined],
    ['tmm with different rows', 'tmm', () => planOf('tmm', [X, dense(5, 2, 4)]) === undefined],
    ['an unknown opcode', 'solve', () => planOf('solve', [X, X]) === undefined],
    [
      'a leaf that fits no broadcast',
      'fused_cell',
      () => planOf('fused_cell', [str('+($0,$1)'), X, dense(2, 2, 5)]) === undefined,
    ],
  ];
  for (const [label, opcode, declined] of cases)
    it(`${opcode}: ${label}`, () => expect(declined()).toBe(true));
});

describe('the op table', () => {
  it('covers the ops ML scripts live on', () => {
    const want = [
      '+',
      '-',
      '*',
      '/',
      '^',
      '%%',
      '%/%',
      '==',
      '!=',
      '<',
      '<=',
      '>',
      '>=',
      '&',
      '|',
      'xor',
      'min',
      'max',
      'exp',
      'log',
      'abs',
      'sqrt',
      'round',
      'sign',
      'sigmoid',
      'u-',
      '!',
      'sum',
      'mean',
      'sumSq',
      'prod',
      'var',
      'sd',
      'rowSums',
      'rowMeans',
      'rowMins',
      'rowMaxs',
      'colSums',
      'colMeans',
      'colMins',
      'colMaxs',
      'colVars',
      'tsmm',
      'tmm',
      '%*%',
      'mmchain',
      't',
      'fused_cell',
      'fused_sum',
      'fused_rowSums',
      'fused_colSums',
    ];
    expect(want.filter((op) => !DIST_OPS.has(op))).toEqual([]);
  });

  it('asks every family that knows a shared opcode: min/max aggregate or cell-wise, log unary or with a base', () => {
    expect(planOf('max', [X])?.combine).toBe('allreduce');
    expect(planOf('max', [X, dbl(0)])?.combine).toBe('rows');
    expect(planOf('log', [X])?.combine).toBe('rows');
    expect(planOf('log', [X, dbl(2)])?.args).toEqual(['rows', 'scalar']);
  });
});
