/**
 * dropInvalidType, dropInvalidLength and removeEmpty on frames, hand-checked against SystemDS's
 * FrameBlock.dropInvalidType / invalidByLength / removeEmptyOperations semantics.
 */
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { dropInvalidLength, dropInvalidType, removeEmptyFrame } from '../../../src/engine/frames/clean.js';
import { printed } from '../../helpers/run.js';
import { cellsOf, frameOf } from './helpers.js';

describe('dropInvalidType', () => {
  const F = frameOf([
    ['1.5', 'abc', '2.0', '"3.5"', 'true'],
    ['7', '8.5', 'x', null, 'false'],
    ['true', '1', 'FALSE', 'maybe', 'yes'],
    ['a', '1', '2.5', 'true', 'b'],
  ]);

  it('drops cells whose text is not of the column type; STRING columns are untouched', () => {
    const G = dropInvalidType(F, ['FP64', 'INT64', 'BOOLEAN', 'STRING'], NO_SPAN);
    expect(cellsOf(G)).toEqual([
      ['1.5', '7', 'true', 'a'],
      [null, null, null, '1'], // "1" is an integer text, not a BOOLEAN
      ['2.0', null, 'FALSE', '2.5'],
      ['"3.5"', null, null, 'true'],
      ['true', 'false', null, 'b'],
    ]);
  });

  it('an integer text does not satisfy an FP64 column (as SystemDS)', () => {
    expect(cellsOf(dropInvalidType(frameOf([['3', '3.0']]), ['FP64'], NO_SPAN))).toEqual([[null], ['3.0']]);
  });

  it('checks the schema width', () => {
    expect(() => dropInvalidType(F, ['FP64'], NO_SPAN)).toThrow(/schema/);
  });
});

describe('dropInvalidLength', () => {
  it('drops cells longer than the column limit; -1 means no limit', () => {
    const F = frameOf([
      ['ab', 'abcd', null],
      ['x', 'xyz', 'xy'],
    ]);
    const L = MatrixBlock.fromRows([[3, -1]]);
    expect(cellsOf(dropInvalidLength(F, L, NO_SPAN))).toEqual([
      ['ab', 'x'],
      [null, 'xyz'],
      [null, 'xy'],
    ]);
  });
});

describe('removeEmptyFrame', () => {
  const F = frameOf(
    [
      ['a', null, '0', null],
      [1, 0, 0, NaN],
    ],
    ['string', 'double'],
    ['s', 'v'],
  );

  it('drops rows whose cells are all missing or zero', () => {
    const G = removeEmptyFrame(F, 'rows', undefined, true, NO_SPAN);
    expect(cellsOf(G)).toEqual([['a', 1]]);
    expect(G.columnNames).toEqual(['s', 'v']);
  });

  it('keeps the rows selected by a 0/1 vector', () => {
    const sel = MatrixBlock.fromRows([[0], [1], [0], [1]]);
    expect(cellsOf(removeEmptyFrame(F, 'rows', sel, true, NO_SPAN))).toEqual([
      [null, 0],
      [null, NaN],
    ]);
  });

  it('drops empty columns, and returns one missing row/column when nothing is left', () => {
    const E = frameOf(
      [
        [null, '0'],
        [0, 1],
      ],
      ['string', 'double'],
      ['e', 'f'],
    );
    expect(removeEmptyFrame(E, 'cols', undefined, true, NO_SPAN).columnNames).toEqual(['f']);
    const Z = frameOf([[null, null]]);
    const R = removeEmptyFrame(Z, 'rows', undefined, true, NO_SPAN);
    expect([R.rows, R.cols]).toEqual([1, 1]);
    expect(removeEmptyFrame(Z, 'rows', undefined, false, NO_SPAN).rows).toBe(0);
  });
});

describe('cleaning builtins in scripts', () => {
  it('dropInvalidType with a detected schema, dropInvalidLength with a length row', () => {
    expect(
      printed(`
        F = frame("1.5", rows=3, cols=2)
        F[2, 1] = "oops"
        F[3, 2] = "toolong"
        S = frame("FP64", rows=1, cols=2)
        G = dropInvalidType(F, S)
        print(toString(G[, 1]))
        H = dropInvalidLength(F, matrix("-1 3", rows=1, cols=2))
        print(toString(H[, 2]))`),
    ).toEqual([
      '# FRAME: nrow = 3, ncol = 1\n# C1\n# STRING\n1.5\nnull\n1.5\n',
      '# FRAME: nrow = 3, ncol = 1\n# C2\n# STRING\n1.5\n1.5\nnull\n',
    ]);
  });
});
