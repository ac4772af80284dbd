import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { binaryCellFn, type BinaryOp } from '../../../src/common/scalar-ops.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { cellwiseBinary } from '../../../src/engine/kernels/cellwise-binary.js';
import { block, expectSameValues, randomMatrix, rng, SHAPES, SPARSITIES } from './cellwise-helpers.js';

const OPS: readonly BinaryOp[] = [
  '+', '-', '*', '/', '^', '%%', '%/%', '==', '!=', '<', '<=', '>', '>=', '&', '|', 'xor', 'min', 'max', 'log',
  'bitwAnd', 'bitwOr', 'bitwXor', 'bitwShiftL', 'bitwShiftR',
];

/** Naive reference: every cell computed from its (broadcast) operands. */
function reference(op: BinaryOp, a: number[][] | number, b: number[][] | number, rows: number, cols: number): number[][] {
  const f = binaryCellFn(op);
  const at = (x: number[][] | number, i: number, j: number): number => {
    if (typeof x === 'number') return x;
    const r = x.length === 1 ? 0 : i;
    const c = x[0]!.length === 1 ? 0 : j;
    return x[r]![c]!;
  };
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(at(a, i, j), at(b, i, j))));
}

describe('cellwiseBinary: matrix-matrix, same dims', () => {
  const r = rng(42);
  for (const op of OPS) {
    it(`${op} agrees with the reference for dense and sparse inputs`, () => {
      for (const [m, n] of SHAPES) {
        for (const sa of SPARSITIES) {
          for (const sb of [0, 0.3, 1]) {
            const a = randomMatrix(r, m, n, sa);
            const b = randomMatrix(r, m, n, sb);
            const want = reference(op, a, b, m, n);
            for (const [da, db] of [[false, false], [true, false], [false, true], [true, true]] as const) {
              const got = cellwiseBinary(op, block(m, n, a, da), block(m, n, b, db));
              expectSameValues(got, want, `${op} ${m}x${n} sa=${sa} sb=${sb} sparse=${da},${db}`);
            }
          }
        }
      }
    });
  }
});

describe('cellwiseBinary: matrix-scalar and scalar-matrix', () => {
  const r = rng(7);
  const scalars = [0, 1, -2.5, 3, NaN, Infinity];
  for (const op of OPS) {
    it(`${op}`, () => {
      for (const [m, n] of SHAPES) {
        for (const s of SPARSITIES) {
          const a = randomMatrix(r, m, n, s);
          for (const c of scalars) {
            for (const sparse of [false, true]) {
              const x = block(m, n, a, sparse);
              expectSameValues(cellwiseBinary(op, x, c), reference(op, a, c, m, n), `${op} X,${c}`);
              expectSameValues(cellwiseBinary(op, c, x), reference(op, c, a, m, n), `${op} ${c},X`);
            }
          }
        }
      }
    });
  }
});

describe('cellwiseBinary: broadcasting row and column vectors', () => {
  const r = rng(99);
  for (const op of ['+', '-', '*', '/', '>', 'min', '%%'] as const) {
    it(`${op} with row and column vectors on either side`, () => {
      for (const [m, n] of [[4, 7], [1, 5], [5, 1], [13, 9], [0, 3], [3, 0]] as [number, number][]) {
        for (const s of SPARSITIES) {
          const a = randomMatrix(r, m, n, s);
          const rowv = randomMatrix(r, 1, n, 0.8);
          const colv = randomMatrix(r, m, 1, 0.8);
          for (const sparse of [false, true]) {
            const x = block(m, n, a, sparse);
            const rv = block(1, n, rowv, sparse);
            const cv = block(m, 1, colv, sparse);
            expectSameValues(cellwiseBinary(op, x, rv), reference(op, a, rowv, m, n), `${op} X,row`);
            expectSameValues(cellwiseBinary(op, rv, x), reference(op, rowv, a, m, n), `${op} row,X`);
            if (m > 0) {
              expectSameValues(cellwiseBinary(op, x, cv), reference(op, a, colv, m, n), `${op} X,col`);
              expectSameValues(cellwiseBinary(op, cv, x), reference(op, colv, a, m, n), `${op} col,X`);
            }
          }
        }
      }
    });
  }
});

describe('cellwiseBinary: formats and errors', () => {
  it('keeps sparse-safe results sparse (X * Y, X * s, X != 0)', () => {
    const r = rng(3);
    const a = block(200, 100, randomMatrix(r, 200, 100, 0.01, false), true);
    const b = block(200, 100, randomMatrix(r, 200, 100, 0.9, false), false);
    expect(a.isSparse).toBe(true);
    expect(cellwiseBinary('*', a, b).isSparse).toBe(true);
    expect(cellwiseBinary('*', a, 2).isSparse).toBe(true);
    expect(cellwiseBinary('!=', a, 0).isSparse).toBe(true);
    expect(cellwiseBinary('+', a, 1).isSparse).toBe(false);
  });

  it('computes 0 * NaN as NaN even on the sparse path', () => {
    const a = MatrixBlock.zeros(3, 4);
    const b = MatrixBlock.fromRows([[NaN, 1, 2, 3], [0, 0, Infinity, 0], [1, 1, 1, 1]]);
    const c = cellwiseBinary('*', a, b).toArrays();
    expect(c[0]![0]).toBeNaN();
    expect(c[1]![2]).toBeNaN();
    expect(c[2]![0]).toBe(0);
  });

  it('Java NaN/Inf semantics', () => {
    const x = MatrixBlock.fromRows([[0, NaN, 1, -1]]);
    expect(cellwiseBinary('/', x, 0).toArrays()[0]).toEqual([NaN, NaN, Infinity, -Infinity]);
    expect(cellwiseBinary('==', x, x).toArrays()[0]).toEqual([1, 0, 1, 1]);
    expect(cellwiseBinary('max', x, 1).toArrays()[0]).toEqual([1, NaN, 1, 1]);
    expect(cellwiseBinary('%%', x, 0).toArrays()[0]).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('dimension mismatch is DML4001 naming both shapes', () => {
    const a = MatrixBlock.zeros(3, 4);
    const b = MatrixBlock.zeros(4, 3);
    try {
      cellwiseBinary('+', a, b);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DmlError);
      const d = (e as DmlError).diagnostics[0]!;
      expect(d.code).toBe('DML4001');
      expect(d.message).toContain('3x4');
      expect(d.message).toContain('4x3');
    }
    // (a column vector op a row vector is an outer operation; the reverse order is not defined)
    expect(() => cellwiseBinary('+', MatrixBlock.zeros(1, 4), MatrixBlock.zeros(3, 1))).toThrow(DmlError);
  });
});

describe('outer vector operations (column vector op row vector)', () => {
  it('give the m x n table of a[i] op b[j], as SystemDS does', () => {
    const a = MatrixBlock.fromRows([[1], [2], [3]]);
    const b = MatrixBlock.fromRows([[10, 20]]);
    expect(cellwiseBinary('+', a, b).toArrays()).toEqual([
      [11, 21],
      [12, 22],
      [13, 23],
    ]);
    expect(cellwiseBinary('<', a, MatrixBlock.fromRows([[2, 3]])).toArrays()).toEqual([
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });
  it('are not defined the other way round (row vector op column vector)', () => {
    expect(() => cellwiseBinary('+', MatrixBlock.fromRows([[10, 20]]), MatrixBlock.fromRows([[1], [2], [3]]))).toThrow(
      /dimension mismatch/,
    );
  });
});
