import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { bool, dbl, int, str, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin } from '../../helpers/builtins.js';

const M = (rows: number[][]): MatrixBlock => MatrixBlock.fromRows(rows);
const call = (name: string, args: Value[], names?: (string | undefined)[]): Value => callBuiltin(name, args, names) as Value;
const arr = (v: Value): number[][] => (v as MatrixBlock).toArrays();

describe('operators', () => {
  it('scalar op scalar keeps SystemDS types', () => {
    expect(call('+', [int(2), int(3)])).toEqual(int(5));
    expect(call('/', [int(6), int(3)])).toEqual(dbl(2));
    expect(call('+', [str('a'), dbl(1)])).toEqual(str('a1.0'));
    expect(call('<', [int(1), dbl(2)])).toEqual(bool(true));
    expect(call('u-', [int(4)])).toEqual(int(-4));
    expect(call('!', [bool(false)])).toEqual(bool(true));
    expect(call('%%', [int(-7), int(2)])).toEqual(int(-1));
  });

  it('matrix operands give matrices', () => {
    expect(arr(call('+', [M([[1, 2]]), int(1)]))).toEqual([[2, 3]]);
    expect(arr(call('-', [dbl(10), M([[1, 2]])]))).toEqual([[9, 8]]);
    expect(arr(call('>', [M([[1, 2], [3, 4]]), M([[2], [2]])]))).toEqual([[0, 0], [1, 1]]);
    expect(arr(call('*', [M([[1, 2], [3, 4]]), M([[10, 100]])]))).toEqual([[10, 200], [30, 400]]);
    expect(arr(call('u-', [M([[1, -2]])]))).toEqual([[-1, 2]]);
    expect(arr(call('&', [M([[1, 0]]), bool(true)]))).toEqual([[1, 0]]);
  });

  it('rejects strings with matrices and mismatched dims', () => {
    expect(() => call('+', [M([[1]]), str('a')])).toThrow(DmlError);
    expect(() => call('+', [M([[1, 2]]), M([[1, 2, 3]])])).toThrow(/DML4001/);
  });
});

describe('cell-wise math', () => {
  it('scalars in, scalars out', () => {
    expect(call('abs', [int(-3)])).toEqual(dbl(3));
    expect(call('round', [dbl(2.5)])).toEqual(dbl(3));
    expect(call('log', [dbl(8), int(2)])).toEqual(dbl(3));
    expect(call('is.nan', [dbl(NaN)])).toEqual(bool(true));
    expect(call('isNA', [dbl(1)])).toEqual(bool(false));
    expect(call('bitwAnd', [int(12), int(10)])).toEqual(int(8));
    expect(call('xor', [bool(true), bool(false)])).toEqual(bool(true));
  });

  it('matrices in, matrices out', () => {
    expect(arr(call('sqrt', [M([[4, 9]])]))).toEqual([[2, 3]]);
    expect(arr(call('log', [M([[1, Math.E]])]))).toEqual([[0, 1]]);
    expect(arr(call('log', [M([[100, 1000]]), int(10)]))[0]![0]).toBeCloseTo(2, 14);
    expect(arr(call('is.infinite', [M([[1, Infinity]])]))).toEqual([[0, 1]]);
    expect(arr(call('bitwShiftL', [M([[1, 3]]), int(2)]))).toEqual([[4, 12]]);
    expect(arr(call('ppred', [M([[1, 5]]), int(3), str('>')]))).toEqual([[0, 1]]);
    expect(arr(call('ceiling', [M([[1.2, -1.2]])]))).toEqual([[2, -1]]);
  });
});

describe('min and max', () => {
  it('one argument aggregates, several combine cell-wise', () => {
    expect(call('min', [M([[3, 1], [2, 5]])])).toEqual(dbl(1));
    expect(call('max', [int(3), int(7), int(5)])).toEqual(int(7));
    expect(call('max', [int(3), dbl(2.5)])).toEqual(dbl(3));
    expect(arr(call('min', [M([[3, 1], [2, 5]]), int(2)]))).toEqual([[2, 1], [2, 2]]);
    expect(arr(call('max', [M([[3, 1]]), M([[0, 4]]), dbl(2)]))).toEqual([[3, 4]]);
  });
});

describe('aggregates', () => {
  const X = M([[1, 2], [3, 4]]);
  it('full, row and column', () => {
    expect(call('sum', [X])).toEqual(dbl(10));
    expect(call('mean', [X])).toEqual(dbl(2.5));
    expect(call('avg', [X])).toEqual(dbl(2.5));
    expect(call('prod', [X])).toEqual(dbl(24));
    expect(call('trace', [X])).toEqual(dbl(5));
    expect(arr(call('rowSums', [X]))).toEqual([[3], [7]]);
    expect(arr(call('colMeans', [X]))).toEqual([[2, 3]]);
    expect(arr(call('colVars', [X]))).toEqual([[2, 2]]);
    expect(arr(call('rowIndexMax', [M([[1, 5, 5]])]))).toEqual([[3]]);
    expect(arr(call('cumsum', [X]))).toEqual([[1, 2], [4, 6]]);
    expect(arr(call('rowcumsum', [X]))).toEqual([[1, 3], [3, 7]]);
    expect(call('sumSq', [X])).toEqual(dbl(30));
  });

  it('order statistics with optional weights', () => {
    const v = M([[1], [2], [3], [4]]);
    expect(call('median', [v])).toEqual(dbl(2.5));
    expect(call('quantile', [v, dbl(0.5)])).toEqual(dbl(2));
    expect(call('quantile', [M([[1], [2], [3]]), M([[1], [2], [1]]), dbl(0.5)])).toEqual(dbl(2));
    expect(arr(call('quantile', [v, M([[0.25], [1]])]))).toEqual([[1], [4]]);
    expect(call('quantile', [v, dbl(0.75)], [undefined, 'p'])).toEqual(dbl(3));
    expect(call('interQuartileMean', [v])).toEqual(dbl(2.5));
    expect(call('moment', [v, int(2)])).toEqual(dbl(1.25));
    expect(call('moment', [v, M([[1], [1], [1], [1]]), int(2)])).toEqual(dbl(1.25));
    expect((call('cov', [v, v]) as { value: number }).value).toBeCloseTo(5 / 3, 14);
  });
});
