import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { transpose } from '../../../src/engine/kernels/transpose.js';
import { reverseRows } from '../../../src/engine/kernels/reverse.js';
import { diag } from '../../../src/engine/kernels/diag.js';
import { cbind, rbind } from '../../../src/engine/kernels/append.js';
import { triangle } from '../../../src/engine/kernels/triangle.js';
import { DmlError } from '../../../src/common/diagnostics.js';
import { expectMatrix, forEachCase, fromArrays } from './reorg-fixtures.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e.diagnostics[0]!.code;
    throw e;
  }
  return undefined;
}

describe('transpose', () => {
  it('matches the naive transpose for dense and sparse inputs', () => {
    forEachCase(1, ({ rows, cols, arrays, dense, sparse, label }) => {
      const exp = Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => arrays[i]![j]!));
      expectMatrix(transpose(dense), cols, rows, exp, `dense ${label}`);
      expectMatrix(transpose(sparse), cols, rows, exp, `sparse ${label}`);
    });
  });
  it('keeps a sparse input sparse', () => {
    const x = MatrixBlock.fromTriples(100, 50, [0, 3, 99], [1, 49, 0], [1, 2, 3]);
    expect(x.isSparse).toBe(true);
    const t = transpose(x);
    expect(t.isSparse).toBe(true);
    expect(t.get(49, 3)).toBe(2);
  });
});

describe('rev', () => {
  it('reverses rows', () => {
    forEachCase(2, ({ rows, cols, arrays, dense, sparse, label }) => {
      const exp = [...arrays].reverse();
      expectMatrix(reverseRows(dense), rows, cols, exp, `dense ${label}`);
      expectMatrix(reverseRows(sparse), rows, cols, exp, `sparse ${label}`);
    });
  });
});

describe('diag', () => {
  it('turns a column vector into a diagonal matrix and back', () => {
    const v = fromArrays(3, 1, [[1], [NaN], [0]]);
    const d = diag(v);
    expectMatrix(d, 3, 3, [[1, 0, 0], [0, NaN, 0], [0, 0, 0]]);
    expectMatrix(diag(d), 3, 1, [[1], [NaN], [0]]);
    expectMatrix(diag(d.toSparse()), 3, 1, [[1], [NaN], [0]]);
  });
  it('rejects non-square matrices and row vectors', () => {
    expect(codeOf(() => diag(fromArrays(2, 3, [[1, 2, 3], [4, 5, 6]])))).toBe('DML4001');
    expect(codeOf(() => diag(fromArrays(1, 3, [[1, 2, 3]])))).toBe('DML4001');
  });
});

describe('cbind / rbind', () => {
  it('appends matching blocks in every format mix', () => {
    forEachCase(3, ({ rows, cols, arrays, dense, sparse, label }) => {
      const exp = arrays.map((r) => [...r, ...r, ...r]);
      expectMatrix(cbind([dense, sparse, dense]), rows, cols * 3, exp, `cbind ${label}`);
      expectMatrix(cbind([sparse, sparse, sparse]), rows, cols * 3, exp, `cbind sparse ${label}`);
      const expR = [...arrays, ...arrays];
      expectMatrix(rbind([sparse, dense]), rows * 2, cols, expR, `rbind ${label}`);
      expectMatrix(rbind([dense, dense]), rows * 2, cols, expR, `rbind dense ${label}`);
    });
  });
  it('fails with DML4001 on mismatched dims', () => {
    const a = MatrixBlock.zeros(2, 3);
    const b = MatrixBlock.zeros(3, 3);
    expect(codeOf(() => cbind([a, b]))).toBe('DML4001');
    expect(codeOf(() => rbind([a, MatrixBlock.zeros(2, 2)]))).toBe('DML4001');
    expect(() => cbind([a, b])).toThrow(/argument 2 has 3 rows/);
  });
});

describe('lower.tri / upper.tri', () => {
  it('matches R semantics on indicators and values', () => {
    forEachCase(4, ({ rows, cols, arrays, dense, sparse, label }) => {
      for (const lower of [true, false]) {
        for (const withDiag of [true, false]) {
          for (const values of [true, false]) {
            const exp = arrays.map((row, i) =>
              row.map((v, j) => {
                const inside = lower ? (withDiag ? j <= i : j < i) : withDiag ? j >= i : j > i;
                return inside ? (values ? v : 1) : 0;
              }),
            );
            const l = `${label} lower=${lower} diag=${withDiag} values=${values}`;
            expectMatrix(triangle(dense, lower, withDiag, values), rows, cols, exp, l);
            expectMatrix(triangle(sparse, lower, withDiag, values), rows, cols, exp, l);
          }
        }
      }
    });
  });
});
