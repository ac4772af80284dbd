import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { FrameBlock, ListValue, bool, dbl, int, str } from '../../../src/engine/data/values.js';
import { TOSTRING_DEFAULTS, frameToString, listToString, matrixToString } from '../../../src/engine/format/to-string.js';

const M = MatrixBlock.fromRows([
  [1, 2.5],
  [-0, NaN],
  [Infinity, -1e-4],
]);

describe('toString of matrices (DataConverter.toString)', () => {
  it('dense: 3 decimals, sep between cells, linesep after every row', () => {
    expect(matrixToString(MatrixBlock.fromRows([[1, 2], [3, 4]]))).toBe('1.000 2.000\n3.000 4.000\n');
    expect(matrixToString(M)).toBe('1.000 2.500\n0.000 NaN\nInfinity -0.000\n');
  });
  it('honours rows, cols, decimal, sep and linesep', () => {
    const o = { ...TOSTRING_DEFAULTS, rows: 2, cols: 1, decimal: 1, sep: ',', linesep: ';' };
    expect(matrixToString(M, o)).toBe('1.0;0.0;');
    expect(matrixToString(MatrixBlock.fromRows([[1.23456, 2]]), { ...TOSTRING_DEFAULTS, decimal: 5, sep: ', ' })).toBe('1.23456, 2.00000\n');
  });
  it('sparse=TRUE prints 1-based i j v lines of the non-zeros, dense or sparse blocks alike', () => {
    const s = MatrixBlock.fromTriples(3, 3, [0, 2], [1, 0], [5, -2.25]);
    const want = '1 2 5.000\n3 1 -2.250\n';
    expect(matrixToString(s, { ...TOSTRING_DEFAULTS, sparse: true })).toBe(want);
    expect(matrixToString(s.toDense(), { ...TOSTRING_DEFAULTS, sparse: true })).toBe(want);
    expect(matrixToString(M, { ...TOSTRING_DEFAULTS, sparse: true })).toBe('1 1 1.000\n1 2 2.500\n2 2 NaN\n3 1 Infinity\n3 2 -0.000\n');
  });
  it('empty matrices print nothing', () => {
    expect(matrixToString(MatrixBlock.zeros(0, 3))).toBe('');
    expect(matrixToString(MatrixBlock.zeros(2, 2), { ...TOSTRING_DEFAULTS, sparse: true })).toBe('');
  });
});

describe('toString of frames and lists', () => {
  it('frames: header, names, schema, rows', () => {
    const f = new FrameBlock(['string', 'double', 'int', 'boolean'], ['name', 'x', 'n', 'ok'], [
      ['a', null],
      [1.5, 2],
      [3, 4],
      [true, false],
    ]);
    expect(frameToString(f)).toBe('# FRAME: nrow = 2, ncol = 4\n# name x n ok\n# STRING FP64 INT64 BOOLEAN\na 1.500 3 TRUE\nnull 2.000 4 FALSE\n');
  });
  it('lists: elements separated by ", " with Java scalar strings', () => {
    const l = new ListValue([int(1), dbl(1.5), str('a'), bool(true), MatrixBlock.fromRows([[1, 2]])]);
    expect(listToString(l)).toBe('List containing:\n[1, 1.5, a, true, \nMatrix:\n1.000 2.000\n]');
    expect(listToString(new ListValue([]))).toBe('List containing:]');
    expect(listToString(new ListValue([new ListValue([int(2)])]))).toBe('List containing:\n[List containing:\n[2]]');
  });
});
