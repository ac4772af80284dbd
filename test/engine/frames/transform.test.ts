/**
 * transformencode / transformapply / transformdecode / transformcolmap: outputs, metadata layout
 * (SystemDS: recode "token·code", bin "min·max", hash K in row 1; one meta column per input column)
 * and round trips. Expected values are hand-computed.
 */
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import {
  categoricalMask,
  transformApply,
  transformColmap,
  transformDecode,
  transformEncode,
} from '../../../src/engine/frames/transform.js';
import { cellsOf, frameOf, rowsOf } from './helpers.js';

const S = NO_SPAN;

describe('transformencode', () => {
  it('recodes named columns and passes the others through; meta holds token·code', () => {
    const F = frameOf(
      [
        ['red', 'blue', 'red', 'green'],
        ['1.5', '2', '3', '4'],
      ],
      undefined,
      ['color', 'w'],
    );
    const [X, M] = transformEncode(F, '{"recode": ["color"]}', S);
    expect(rowsOf(X)).toEqual([
      [1, 1.5],
      [2, 2],
      [1, 3],
      [3, 4],
    ]);
    expect(M.rows).toBe(3);
    expect(M.columnNames).toEqual(['color', 'w']);
    expect(M.schema).toEqual(['string', 'string']);
    expect(cellsOf(M)).toEqual([
      ['red\u00b71', null],
      ['blue\u00b72', null],
      ['green\u00b73', null],
    ]);
  });

  it('dummycodes (implicitly recoding) into one-hot groups in column order', () => {
    const F = frameOf(
      [
        ['a', 'b', 'a'],
        [10, 20, 30],
        ['x', 'x', 'y'],
      ],
      ['string', 'double', 'string'],
    );
    const [X] = transformEncode(F, '{ids: true, dummycode: [1, 3]}', S);
    expect(rowsOf(X)).toEqual([
      [1, 0, 10, 1, 0],
      [0, 1, 20, 1, 0],
      [1, 0, 30, 0, 1],
    ]);
  });

  it('bins (equi-width) and dummycodes a binned column; meta rows are min·max', () => {
    const F = frameOf([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], ['double'], ['age']);
    const [X, M] = transformEncode(F, '{bin: [{name: age, method: equi-width, numbins: 3}]}', S);
    expect(rowsOf(X).map((r) => r[0])).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(cellsOf(M).map((r) => r[0])).toEqual(['1.0\u00b74.0', '4.0\u00b77.0', '7.0\u00b710.0']);
    const [D] = transformEncode(
      F,
      '{bin: [{name: age, method: equi-width, numbins: 3}], dummycode: [age]}',
      S,
    );
    expect(D.cols).toBe(3);
    expect(rowsOf(D)[4]).toEqual([0, 1, 0]);
  });

  it('hashes tokens to 1..K and stores K in the first meta row', () => {
    const F = frameOf([['a', 'hello', null]]);
    const [X, M] = transformEncode(F, '{ids: true, hash: [1], K: 10}', S);
    expect(rowsOf(X).map((r) => r[0])).toEqual([8, 3, NaN]);
    expect(M.get(0, 0)).toBe('10');
    const [D] = transformEncode(F, '{ids: true, hash: [1], K: 10, dummycode: [1]}', S);
    expect(D.cols).toBe(10);
    expect(rowsOf(D)[0]![7]).toBe(1);
  });

  it('imputes before encoding: global_mean on numbers, global_mode on a recoded column, constants', () => {
    const F = frameOf(
      [
        [1, null, 2, 6],
        ['x', 'y', null, 'y'],
        [null, 5, 5, null],
      ],
      ['double', 'string', 'double'],
      ['a', 'b', 'c'],
    );
    const spec = `{recode: [b], impute: [{name: a, method: global_mean}, {name: b, method: global_mode},
      {name: c, method: constant, value: "-1"}]}`;
    const [X] = transformEncode(F, spec, S);
    expect(rowsOf(X)).toEqual([
      [1, 1, -1],
      [3, 2, 5],
      [2, 2, 5],
      [6, 2, -1],
    ]);
  });

  it('omits rows with a missing value in an omit column (recode maps still see all rows)', () => {
    const F = frameOf(
      [
        ['a', 'b', 'c'],
        ['1', null, '3'],
      ],
      undefined,
      ['k', 'v'],
    );
    const [X, M] = transformEncode(F, '{recode: [k], omit: [v]}', S);
    expect(rowsOf(X)).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(M.rows).toBe(3);
  });

  it('stores a wide dummycoded result sparse (one non-zero per input column and row)', () => {
    const n = 2000;
    const F = frameOf([Array.from({ length: n }, (_, i) => `t${i}`)], undefined, ['id']);
    const [X] = transformEncode(F, '{dummycode: [id]}', S);
    expect([X.rows, X.cols, X.nnz, X.isSparse]).toEqual([n, n, n, true]);
    expect(X.get(1234, 1234)).toBe(1);
  });

  it('gives a 0-row matrix for a 0-row frame', () => {
    const F = frameOf([[]], ['string'], ['a']);
    const [X, M] = transformEncode(F, '{recode: [a]}', S);
    expect([X.rows, X.cols]).toEqual([0, 1]);
    expect([M.rows, M.cols]).toEqual([0, 1]);
  });

  it('reports a passthrough string that is not a number, naming the column', () => {
    const F = frameOf([['a']], undefined, ['city']);
    expect(() => transformEncode(F, '{}', S)).toThrow(/city/);
  });
});

describe('transformapply', () => {
  const train = frameOf(
    [
      ['a', 'b', 'a'],
      [1, 5, 9],
    ],
    ['string', 'double'],
    ['k', 'v'],
  );
  const spec = '{recode: [k], bin: [{name: v, method: equi-width, numbins: 2}]}';

  it('applies the same codes to new data; unseen tokens become NaN, values outside bins clamp', () => {
    const [, M] = transformEncode(train, spec, S);
    const test = frameOf(
      [
        ['b', 'zzz', 'a', null],
        [4, 100, 5.5, 2],
      ],
      ['string', 'double'],
      ['k', 'v'],
    );
    expect(rowsOf(transformApply(test, spec, M, S))).toEqual([
      [2, 1],
      [NaN, 2],
      [1, 2],
      [NaN, 1],
    ]);
  });

  it('applies dummycoding with an all-zero group for unseen tokens', () => {
    const dspec = '{dummycode: [k]}';
    const [, M] = transformEncode(frameOf([['a', 'b']], undefined, ['k']), dspec, S);
    const X = transformApply(frameOf([['b', 'q']], undefined, ['k']), dspec, M, S);
    expect(rowsOf(X)).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });

  it('matches meta columns by name when the new frame orders columns differently', () => {
    const [, M] = transformEncode(train, spec, S);
    const swapped = frameOf(
      [
        [9, 1],
        ['a', 'b'],
      ],
      ['double', 'string'],
      ['v', 'k'],
    );
    expect(rowsOf(transformApply(swapped, spec, M, S))).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });

  it('reuses impute replacements learned by transformencode', () => {
    const ispec = '{impute: [{name: v, method: global_mean}]}';
    const [, M] = transformEncode(frameOf([[2, 4]], ['double'], ['v']), ispec, S);
    expect(rowsOf(transformApply(frameOf([[null, 10]], ['double'], ['v']), ispec, M, S))).toEqual([
      [3],
      [10],
    ]);
  });
});

describe('transformdecode', () => {
  it('round-trips recode and dummycode columns back to tokens; passthrough as FP64', () => {
    const F = frameOf(
      [
        ['red', 'blue', 'red', 'green'],
        ['S', 'M', 'L', 'M'],
        [1.5, 2, 3, 4],
      ],
      ['string', 'string', 'double'],
      ['color', 'size', 'w'],
    );
    const spec = '{recode: [color], dummycode: [size]}';
    const [X, M] = transformEncode(F, spec, S);
    expect(X.cols).toBe(5);
    const G = transformDecode(X, spec, M, S);
    expect(G.columnNames).toEqual(['color', 'size', 'w']);
    expect(G.schema).toEqual(['string', 'string', 'double']);
    expect(cellsOf(G)).toEqual(cellsOf(F));
  });

  it('decodes bin codes to the bin centres and NaN codes to missing cells', () => {
    const F = frameOf([[0, 10, 5]], ['double'], ['v']);
    const spec = '{bin: [{name: v, method: equi-width, numbins: 2}]}';
    const [X, M] = transformEncode(F, spec, S);
    expect(cellsOf(transformDecode(X, spec, M, S))).toEqual([[2.5], [7.5], [2.5]]);
    const rspec = '{recode: [v]}';
    const [, RM] = transformEncode(F, rspec, S);
    const Y = transformApply(frameOf([[10, 99]], ['double'], ['v']), rspec, RM, S);
    expect(cellsOf(transformDecode(Y, rspec, RM, S))).toEqual([['10.0'], [null]]);
  });

  it('rejects a matrix whose width does not match the spec and metadata', () => {
    const F = frameOf([['a', 'b']], undefined, ['k']);
    const [X, M] = transformEncode(F, '{dummycode: [k]}', S);
    expect(() => transformDecode(X, '{recode: [k]}', M, S)).toThrow(/columns/);
  });
});

describe('transformcolmap', () => {
  it('gives [column, first, last] of each input column in the encoded matrix', () => {
    const F = frameOf(
      [
        ['a', 'b', 'c'],
        [1, 2, 3],
      ],
      ['string', 'double'],
    );
    const [X, M] = transformEncode(F, '{ids: true, dummycode: [1]}', S);
    expect(X.cols).toBe(4);
    // As SystemDS, transformcolmap takes the metadata frame.
    expect(rowsOf(transformColmap(M, '{ids: true, dummycode: [1]}', S))).toEqual([
      [1, 1, 3],
      [2, 4, 4],
    ]);
  });
});

describe('getCategoricalMask', () => {
  // Cases mirror SystemDS's GetCategoricalMaskInstructionTest (dummycode | pass-through | recode | dummycode).
  const F = frameOf(
    [
      ['a', 'b', 'c', 'a'],
      [1, 2, 3, 4],
      ['x', 'y', 'x', 'y'],
      ['p', 'q', 'p', 'p'],
    ],
    ['string', 'double', 'string', 'string'],
  );
  const spec = '{"ids": true, "recode": [3], "dummycode": [1, 4]}';

  it('marks the encoded columns of recode and dummycode, with dummycode widths from the metadata', () => {
    const [X, M] = transformEncode(F, spec, S);
    const mask = categoricalMask(M, spec, S);
    expect(mask.cols).toBe(X.cols);
    expect(rowsOf(mask)).toEqual([[1, 1, 1, 0, 1, 1, 1]]);
  });

  it('a hashed column is one categorical column, or K when dummycoded', () => {
    const [, M] = transformEncode(F, '{ids: true, recode: [1, 4], hash: [3], K: 5}', S);
    expect(rowsOf(categoricalMask(M, '{ids: true, hash: [3], K: 5}', S))).toEqual([[0, 0, 1, 0]]);
    expect(categoricalMask(M, '{ids: true, hash: [3], K: 5, dummycode: [3]}', S).cols).toBe(8);
  });

  it('rejects name-based specs and bin, as SystemDS', () => {
    const [, M] = transformEncode(F, spec, S);
    expect(() => categoricalMask(M, '{recode: [C1]}', S)).toThrow(/non ID based/);
    expect(() =>
      categoricalMask(M, '{ids: true, bin: [{id: 2, method: equi-width, numbins: 2}]}', S),
    ).toThrow(/bin/);
  });
});
