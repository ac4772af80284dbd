/**
 * Cell-wise ops on row partitions against LOCAL on the whole matrix: every unary op, every binary
 * op in every operand form (matrix-matrix, matrix-scalar, scalar-matrix, a replicated row vector
 * and a row-partitioned column vector on either side, the outer form), dense, sparse and NaN/Inf
 * data, P = 1..4 and P > rows. Results are row-partitioned: bit-identical.
 */
import { describe, expect, it } from 'vitest';
import {
  ARITHMETIC_OPS,
  COMPARISON_OPS,
  UNARY_MATH,
  UNARY_PREDICATES,
} from '../../../../src/common/scalar-ops.js';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { bool, dbl, int } from '../../../../src/engine/data/values.js';
import type { LocalArg } from '../../../../src/engine/dist/ops/index.js';
import { checkAgainstLocal, datasets, dense, planOf, sparse, special } from './harness.js';

const UNARY = ['u-', '!', ...UNARY_MATH, ...UNARY_PREDICATES, 'isNA', 'isNaN', 'isInf'];

describe('cell-wise unary ops on row partitions', () => {
  for (const op of UNARY) {
    it(`${op}: bit-identical to LOCAL`, () => {
      let runs = 0;
      for (const [name, x] of datasets()) runs += checkAgainstLocal(op, [x], 'exact', `${op}(${name})`);
      expect(runs).toBeGreaterThan(0);
      expect(planOf(op, [x0()])?.combine).toBe('rows');
    });
  }
});

function x0(): MatrixBlock {
  return dense(3, 2, 1);
}

const BINARY = [...ARITHMETIC_OPS, ...COMPARISON_OPS, '&', '|', 'xor', 'min', 'max', 'log'];

/** Operand forms: [label, a, b] for a full-shape X of rows x cols. */
function forms(x: MatrixBlock, seed: number): readonly (readonly [string, LocalArg, LocalArg])[] {
  const m = x.rows;
  const n = x.cols;
  const y = x.isSparse ? sparse(m, n, seed) : special(m, n, seed);
  const row = dense(1, n, seed + 1);
  const col = special(m, 1, seed + 2);
  const out = dense(1, 4, seed + 3);
  return [
    ['X op Y', x, y],
    ['X op 2.5', x, dbl(2.5)],
    ['3 op X', int(3), x],
    ['X op TRUE', x, bool(true)],
    ['X op row', x, row],
    ['row op X', row, x],
    ['X op col', x, col],
    ['col op X', col, x],
    ['col op row (outer)', col, out],
  ];
}

describe('cell-wise binary ops on row partitions', () => {
  const inputs: readonly (readonly [string, MatrixBlock])[] = [
    ['dense 7x5', dense(7, 5, 21)],
    ['sparse 23x6', sparse(23, 6, 22)],
    ['NaN/Inf 9x4', special(9, 4, 23)],
    ['one row 1x3', dense(1, 3, 24)],
    ['two rows 2x1', dense(2, 1, 25)],
  ];
  for (const op of BINARY) {
    it(`${op}: every operand form, bit-identical to LOCAL`, () => {
      let runs = 0;
      for (const [name, x] of inputs)
        for (const [form, a, b] of forms(x, 30))
          runs += checkAgainstLocal(op, [a, b], 'exact', `${op}: ${form} on ${name}`);
      expect(runs).toBe(inputs.length * 9 * 5);
    });
  }

  it('bitwise ops on integer data', () => {
    const x = MatrixBlock.fromRows([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11, 12],
    ]);
    for (const op of ['bitwAnd', 'bitwOr', 'bitwXor', 'bitwShiftL', 'bitwShiftR'])
      checkAgainstLocal(op, [x, int(3)], 'exact', `${op}(X, 3)`);
  });

  it('places a row vector replicated, a column vector and the full operand row-partitioned', () => {
    const x = dense(6, 4, 1);
    expect(planOf('+', [x, dense(1, 4, 2)])?.args).toEqual(['rows', 'replicated']);
    expect(planOf('+', [dense(1, 4, 2), x])?.args).toEqual(['replicated', 'rows']);
    expect(planOf('+', [x, dense(6, 1, 2)])?.args).toEqual(['rows', 'rows']);
    expect(planOf('+', [dense(6, 1, 2), dense(1, 4, 2)])?.args).toEqual(['rows', 'replicated']);
    expect(planOf('*', [x, dbl(2)])?.args).toEqual(['rows', 'scalar']);
    expect(planOf('*', [dbl(2), x])?.result).toEqual({ rows: 6, cols: 4 });
  });
});
