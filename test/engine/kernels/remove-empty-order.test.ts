import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { removeEmpty } from '../../../src/engine/kernels/remove-empty.js';
import { order } from '../../../src/engine/kernels/order.js';
import { expectMatrix, forEachCase, fromArrays } from './reorg-fixtures.js';

function naiveRemoveEmpty(a: number[][], rows: number, cols: number, margin: 'rows' | 'cols', sel?: number[], emptyReturn = true): [number, number, number[][]] {
  if (margin === 'rows') {
    const keep = a.map((row, i) => (sel ? sel[i] !== 0 : row.some((v) => v !== 0)));
    const out = a.filter((_, i) => keep[i]);
    if (out.length === 0) return emptyReturn ? [1, cols, [new Array<number>(cols).fill(0)]] : [0, cols, []];
    return [out.length, cols, out];
  }
  const keep = Array.from({ length: cols }, (_, j) => (sel ? sel[j] !== 0 : a.some((row) => row[j] !== 0)));
  const k = keep.filter(Boolean).length;
  if (k === 0) return emptyReturn ? [rows, 1, a.map(() => [0])] : [rows, 0, a.map(() => [])];
  return [rows, k, a.map((row) => row.filter((_, j) => keep[j]))];
}

describe('removeEmpty', () => {
  it('matches the naive reference for rows and cols, with and without select', () => {
    forEachCase(21, ({ rows, cols, arrays, dense, sparse, label, r }) => {
      for (const margin of ['rows', 'cols'] as const) {
        for (const emptyReturn of [true, false]) {
          const [er, ec, exp] = naiveRemoveEmpty(arrays, rows, cols, margin, undefined, emptyReturn);
          expectMatrix(removeEmpty(dense, margin, undefined, emptyReturn), er, ec, exp, `${label} ${margin}`);
          expectMatrix(removeEmpty(sparse, margin, undefined, emptyReturn), er, ec, exp, `${label} ${margin} sparse`);
          const len = margin === 'rows' ? rows : cols;
          const sel = Array.from({ length: len }, () => (r() < 0.5 ? 1 : 0));
          const selM = margin === 'rows' ? fromArrays(len, 1, sel.map((v) => [v])) : fromArrays(1, len, [sel]);
          const [sr, sc, sexp] = naiveRemoveEmpty(arrays, rows, cols, margin, sel, emptyReturn);
          expectMatrix(removeEmpty(dense, margin, selM, emptyReturn), sr, sc, sexp, `${label} ${margin} select`);
          expectMatrix(removeEmpty(sparse, margin, selM, emptyReturn), sr, sc, sexp, `${label} ${margin} select sparse`);
        }
      }
    });
  });
  it('rejects a select vector of the wrong length', () => {
    try {
      removeEmpty(MatrixBlock.zeros(3, 2), 'rows', MatrixBlock.zeros(2, 1));
      expect.unreachable();
    } catch (e) {
      expect((e as DmlError).diagnostics[0]!.code).toBe('DML4001');
    }
  });
});

function cmpJava(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

describe('order', () => {
  it('is a stable sort by one or more columns, both directions', () => {
    forEachCase(22, ({ rows, cols, arrays, dense, sparse, label }) => {
      if (cols === 0) return;
      const bys = [[0], [cols - 1], cols > 1 ? [1, 0] : [0]];
      for (const by of bys) {
        for (const dec of [false, true]) {
          const idx = arrays.map((_, i) => i);
          // Insertion sort: obviously stable.
          for (let a = 1; a < idx.length; a++) {
            for (let b = a; b > 0; b--) {
              let c = 0;
              for (const k of by) if ((c = cmpJava(arrays[idx[b - 1]!]![k]!, arrays[idx[b]!]![k]!)) !== 0) break;
              if ((dec ? -c : c) > 0) [idx[b - 1], idx[b]] = [idx[b]!, idx[b - 1]!];
              else break;
            }
          }
          const l = `${label} by=${by} dec=${dec}`;
          expectMatrix(order(dense, by, dec, true), rows, 1, idx.map((i) => [i + 1]), `${l} index`);
          expectMatrix(order(sparse, by, dec, true), rows, 1, idx.map((i) => [i + 1]), `${l} index sparse`);
          expectMatrix(order(dense, by, dec, false), rows, cols, idx.map((i) => arrays[i]!), `${l} values`);
          expectMatrix(order(sparse, by, dec, false), rows, cols, idx.map((i) => arrays[i]!), `${l} values sparse`);
        }
      }
    });
  });
  it('keeps ties in input order when decreasing', () => {
    const x = fromArrays(5, 2, [[1, 1], [2, 2], [1, 3], [2, 4], [NaN, 5]]);
    expect(order(x, [0], true, true).toArrays()).toEqual([[5], [2], [4], [1], [3]]);
    expect(order(x, [0], false, true).toArrays()).toEqual([[1], [3], [2], [4], [5]]);
  });
});
