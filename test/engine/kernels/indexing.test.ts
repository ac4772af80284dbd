import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { checkIndexRange, leftIndex, rightIndex } from '../../../src/engine/kernels/indexing.js';
import { expectMatrix, forEachCase, fromArrays, randomArrays } from './reorg-fixtures.js';

function ranges(r: () => number, rows: number, cols: number): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  if (rows === 0 || cols === 0) return out;
  out.push([0, rows - 1, 0, cols - 1], [0, 0, 0, 0], [rows - 1, rows - 1, 0, cols - 1], [0, rows - 1, cols - 1, cols - 1]);
  for (let k = 0; k < 6; k++) {
    const a = Math.floor(r() * rows);
    const b = a + Math.floor(r() * (rows - a));
    const c = Math.floor(r() * cols);
    const d = c + Math.floor(r() * (cols - c));
    out.push([a, b, c, d]);
  }
  return out;
}

describe('rightIndex', () => {
  it('matches naive slicing for dense and sparse inputs', () => {
    forEachCase(11, ({ rows, cols, arrays, dense, sparse, label, r }) => {
      for (const [rl, ru, cl, cu] of ranges(r, rows, cols)) {
        const exp = arrays.slice(rl, ru + 1).map((row) => row.slice(cl, cu + 1));
        const l = `${label} [${rl}:${ru}, ${cl}:${cu}]`;
        expectMatrix(rightIndex(dense, rl, ru, cl, cu), ru - rl + 1, cu - cl + 1, exp, `dense ${l}`);
        expectMatrix(rightIndex(sparse, rl, ru, cl, cu), ru - rl + 1, cu - cl + 1, exp, `sparse ${l}`);
      }
    });
  });
});

describe('leftIndex', () => {
  it('writes matrices and scalars into a copy, never into the target', () => {
    forEachCase(12, ({ rows, cols, arrays, dense, sparse, label, r }) => {
      for (const [rl, ru, cl, cu] of ranges(r, rows, cols)) {
        const m = ru - rl + 1;
        const n = cu - cl + 1;
        for (const ySp of [0, 0.3, 1]) {
          const ya = randomArrays(r, m, n, ySp);
          const y = fromArrays(m, n, ya);
          const exp = arrays.map((row, i) => row.map((v, j) => (i >= rl && i <= ru && j >= cl && j <= cu ? ya[i - rl]![j - cl]! : v)));
          const l = `${label} [${rl}:${ru}, ${cl}:${cu}] y sparsity ${ySp}`;
          for (const x of [dense, sparse]) {
            for (const yy of [y, y.copy().toSparse()]) {
              expectMatrix(leftIndex(x, yy, rl, ru, cl, cu), rows, cols, exp, l);
            }
          }
        }
        for (const s of [0, 7, NaN]) {
          const exp = arrays.map((row, i) => row.map((v, j) => (i >= rl && i <= ru && j >= cl && j <= cu ? s : v)));
          expectMatrix(leftIndex(dense, s, rl, ru, cl, cu), rows, cols, exp, `${label} scalar ${s}`);
          expectMatrix(leftIndex(sparse, s, rl, ru, cl, cu), rows, cols, exp, `${label} sparse scalar ${s}`);
        }
      }
      // The targets are unchanged.
      expectMatrix(dense, rows, cols, arrays, `${label} dense target untouched`);
      expectMatrix(sparse, rows, cols, arrays, `${label} sparse target untouched`);
    });
  });
  it('rejects a right-hand side of the wrong dims with DML4001', () => {
    const x = MatrixBlock.zeros(3, 3);
    try {
      leftIndex(x, MatrixBlock.zeros(2, 2), 0, 0, 0, 2);
      expect.unreachable();
    } catch (e) {
      expect((e as DmlError).diagnostics[0]!.code).toBe('DML4001');
    }
  });
});

describe('checkIndexRange', () => {
  it('converts 1-based bounds and applies the epsilon cast to doubles', () => {
    expect(checkIndexRange(3, 4, 1, 3, 2, 4)).toEqual({ rl: 0, ru: 2, cl: 1, cu: 3 });
    expect(checkIndexRange(3, 4, 2.5, 3, 1.5, 1.5)).toEqual({ rl: 1, ru: 2, cl: 0, cu: 0 });
  });
  it('throws DML5001 with the bounds and dims in the message', () => {
    const span = { file: 's.dml', line: 3, col: 5, endLine: 3, endCol: 10 };
    for (const b of [[0, 1, 1, 1], [1, 4, 1, 1], [1, 1, 1, 5], [2, 1, 1, 1], [NaN, 1, 1, 1]] as const) {
      try {
        checkIndexRange(3, 4, b[0], b[1], b[2], b[3], span);
        expect.unreachable();
      } catch (e) {
        const d = (e as DmlError).diagnostics[0]!;
        expect(d.code).toBe('DML5001');
        expect(d.span).toEqual(span);
      }
    }
    expect(() => checkIndexRange(3, 4, 1, 4, 1, 1)).toThrow('index out of bounds: [1:4, 1:1] of a 3x4 matrix');
  });
});
