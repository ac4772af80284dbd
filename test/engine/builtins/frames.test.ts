/** Frame builtins called directly: frame(), as.frame, as.matrix, colnames, detectSchema, applySchema. */
import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { dbl, FrameBlock, int, ListValue, str, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin } from '../../helpers/builtins.js';
import { cellsOf, frameOf, rowsOf } from '../frames/helpers.js';

const frame = (v: Value | readonly Value[] | void): FrameBlock => {
  if (!(v instanceof FrameBlock)) throw new Error('expected a frame');
  return v;
};
const matrix = (v: Value | readonly Value[] | void): MatrixBlock => {
  if (!(v instanceof MatrixBlock)) throw new Error('expected a matrix');
  return v;
};
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof DmlError ? e.diagnostics[0]!.code : 'not a DmlError';
  }
  return undefined;
};

describe('as.frame', () => {
  it('turns a matrix into FP64 columns C1..Cn', () => {
    const F = frame(
      callBuiltin('as.frame', [
        MatrixBlock.fromRows([
          [1, 2],
          [3, 4],
        ]),
      ]),
    );
    expect(F.schema).toEqual(['double', 'double']);
    expect(F.columnNames).toEqual(['C1', 'C2']);
    expect(cellsOf(F)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('turns scalars into 1x1 frames of their type and lists into one column', () => {
    expect(frame(callBuiltin('as.frame', [int(3)])).schema).toEqual(['int']);
    expect(cellsOf(frame(callBuiltin('as.frame', [str('x')])))).toEqual([['x']]);
    const L = frame(callBuiltin('as.frame', [new ListValue([dbl(1), dbl(2.5)])]));
    expect([L.rows, L.cols, L.schema[0]]).toEqual([2, 1, 'double']);
    const F = frameOf([['x']]);
    expect(callBuiltin('as.frame', [new ListValue([F, dbl(1)])])).toBe(F); // SystemDS: the first element
    const M = frame(callBuiltin('as.frame', [new ListValue([dbl(1), str('a')])]));
    expect(cellsOf(M)).toEqual([['1.0'], ['a']]);
  });
});

describe('as.matrix of frames', () => {
  it('converts numeric, boolean and numeric-string cells; missing cells are NaN', () => {
    const F = frameOf(
      [
        [1, null],
        ['2.5', ''],
        [true, false],
      ],
      ['double', 'string', 'boolean'],
    );
    expect(rowsOf(matrix(callBuiltin('as.matrix', [F])))).toEqual([
      [1, 2.5, 1],
      [NaN, NaN, 0],
    ]);
  });
  it('names the column of a string that is not a number', () => {
    const F = frameOf([['1', 'abc']], undefined, ['city']);
    expect(() => callBuiltin('as.matrix', [F])).toThrow(/city/);
  });
});

describe('frame()', () => {
  it('fills with a scalar, with a schema and names', () => {
    const F = frame(
      callBuiltin(
        'frame',
        [int(0), int(2), int(2), str('INT64,STRING'), str('a,b')],
        [undefined, 'rows', 'cols', 'schema', 'colnames'],
      ),
    );
    expect(F.schema).toEqual(['int', 'string']);
    expect(F.columnNames).toEqual(['a', 'b']);
    expect(cellsOf(F)).toEqual([
      [0, '0'],
      [0, '0'],
    ]);
  });
  it('fills row by row from a list and checks the count', () => {
    const L = new ListValue([str('a'), str('b'), str('c'), str('d')]);
    expect(cellsOf(frame(callBuiltin('frame', [L, int(2), int(2)])))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(code(() => callBuiltin('frame', [L, int(3), int(2)]))).toBe('DML4001');
  });
  it('rejects a cell that does not fit the schema', () => {
    expect(
      code(() =>
        callBuiltin('frame', [str('x'), int(1), int(1), str('FP64')], [undefined, 'rows', 'cols', 'schema']),
      ),
    ).toBe('DML3001');
    expect(
      code(() =>
        callBuiltin(
          'frame',
          [str('x'), int(1), int(1), str('DECIMAL')],
          [undefined, 'rows', 'cols', 'schema'],
        ),
      ),
    ).toBe('DML5020');
  });
});

describe('colnames, detectSchema, applySchema', () => {
  const F = frameOf(
    [
      ['1', '2', null],
      ['1.5', '2', '3'],
      ['true', 'false', 'TRUE'],
      ['a', '1', '2'],
      [null, null, null],
    ],
    undefined,
    ['i', 'd', 'b', 's', 'empty'],
  );

  it('colnames is a 1 x n STRING frame of the names', () => {
    expect(cellsOf(frame(callBuiltin('colnames', [F])))).toEqual([['i', 'd', 'b', 's', 'empty']]);
  });

  it('detectSchema finds the narrowest type per column (all-missing keeps the declared type)', () => {
    const S = frame(callBuiltin('detectSchema', [F]));
    expect(cellsOf(S)).toEqual([['INT64', 'FP64', 'BOOLEAN', 'STRING', 'STRING']]);
    expect(S.columnNames).toEqual(F.columnNames);
  });

  it('applySchema converts the columns to the detected types', () => {
    const S = frame(callBuiltin('detectSchema', [F]));
    const G = frame(callBuiltin('applySchema', [F, S]));
    expect(G.schema).toEqual(['int', 'double', 'boolean', 'string', 'string']);
    expect(cellsOf(G)[0]).toEqual([1, 1.5, true, 'a', null]);
  });

  it('applySchema rejects a cell that does not fit and a schema of the wrong width', () => {
    expect(code(() => callBuiltin('applySchema', [F, str('INT64,INT64,BOOLEAN,INT64,STRING')]))).toBe(
      'DML3001',
    );
    expect(code(() => callBuiltin('applySchema', [F, str('STRING')]))).toBe('DML4001');
  });

  it('transform builtins need a frame target', () => {
    expect(code(() => callBuiltin('transformencode', [MatrixBlock.scalar(1), str('{}')]))).toBe('DML3001');
  });
});
