import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { builtinSpec } from '../../../src/common/builtins/catalogue.js';
import { T } from '../../../src/common/builtins/spec.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { bool, dbl, int, str, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin } from '../../helpers/builtins.js';

const M = (rows: number[][]): MatrixBlock => MatrixBlock.fromRows(rows);
const col = (xs: number[]): MatrixBlock => M(xs.map((v) => [v]));

function mat(v: Value | readonly Value[] | void): number[][] {
  if (!v || Array.isArray(v) || (v as Value).dt !== 'matrix') throw new Error('expected a matrix result');
  return (v as MatrixBlock).toArrays();
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e.diagnostics[0]!.code;
    throw e;
  }
  return undefined;
}

describe('grouping specs', () => {
  it('type ifelse by its arguments', () => {
    const spec = builtinSpec('ifelse')!;
    expect(spec.returns(new Map([['cond', T.boolean], ['A', T.int], ['B', T.int]]))).toEqual([T.int]);
    expect(spec.returns(new Map([['cond', T.boolean], ['A', T.int], ['B', T.double]]))).toEqual([T.double]);
    expect(spec.returns(new Map([['cond', T.matrix], ['A', T.int], ['B', T.double]]))).toEqual([T.matrix]);
    expect(builtinSpec('contains')!.returns(new Map())).toEqual([T.boolean]);
  });
});

describe('table', () => {
  const A = col([1, 2, 2, 3]);
  const B = col([1, 1, 2, 2]);
  it('supports the positional forms', () => {
    expect(mat(callBuiltin('table', [A, B]))).toEqual([[1, 0], [1, 1], [0, 1]]);
    expect(mat(callBuiltin('table', [A, B, dbl(2)]))).toEqual([[2, 0], [2, 2], [0, 2]]);
    expect(mat(callBuiltin('table', [A, B, int(2), int(3)]))).toEqual([[1, 0, 0], [1, 1, 0]]);
    expect(mat(callBuiltin('ctable', [A, B, col([1, 2, 3, 4]), int(4), int(2)]))).toEqual([[1, 0], [2, 3], [0, 4], [0, 0]]);
    expect(mat(callBuiltin('table', [A, int(1)]))).toEqual([[1], [2], [1]]);
  });
  it('rejects values <= 0', () => {
    expect(codeOf(() => callBuiltin('table', [col([0, 1]), col([1, 1])]))).toBe('DML5002');
  });
});

describe('aggregate', () => {
  const X = col([1, 2, 3, 4]);
  const G = col([1, 2, 1, 2]);
  it('works with named args and defaults to sum', () => {
    expect(mat(callBuiltin('aggregate', [X, G], ['target', 'groups']))).toEqual([[4], [6]]);
    expect(mat(callBuiltin('aggregate', [X, G, str('mean')], ['target', 'groups', 'fn']))).toEqual([[2], [3]]);
    expect(mat(callBuiltin('aggregate', [X, G, str('count'), int(3)], ['target', 'groups', 'fn', 'ngroups']))).toEqual([[2], [2], [0]]);
    expect(mat(callBuiltin('aggregate', [X, G, col([1, 1, 3, 1]), str('sum')], ['target', 'groups', 'weights', 'fn']))).toEqual([[10], [6]]);
  });
  it('rejects unknown functions', () => {
    expect(codeOf(() => callBuiltin('aggregate', [X, G, str('median')], ['target', 'groups', 'fn']))).toBe('DML3004');
  });
});

describe('outer / unique / replace / contains', () => {
  it('outer builds the op table', () => {
    expect(mat(callBuiltin('outer', [col([1, 2]), M([[1, 2, 3]]), str('<')]))).toEqual([[0, 1, 1], [0, 0, 1]]);
  });
  it('unique with dir', () => {
    expect(mat(callBuiltin('unique', [M([[1, 1], [2, 1]])]))).toEqual([[1], [2]]);
    expect(mat(callBuiltin('unique', [M([[1, 1], [2, 1]]), str('c')], ['target', 'dir']))).toEqual([[1, 1], [2, 0]]);
  });
  it('replace and contains handle NaN patterns', () => {
    const X = M([[1, NaN], [0, 2]]);
    expect(mat(callBuiltin('replace', [X, dbl(NaN), dbl(9)], ['target', 'pattern', 'replacement']))).toEqual([[1, 9], [0, 2]]);
    expect(callBuiltin('contains', [X, dbl(NaN)], ['target', 'pattern'])).toEqual(bool(true));
    expect(callBuiltin('contains', [X, dbl(5)], ['target', 'pattern'])).toEqual(bool(false));
  });
});

describe('ifelse', () => {
  it('handles scalars, keeping the branch type', () => {
    expect(callBuiltin('ifelse', [bool(true), int(1), int(2)])).toEqual(int(1));
    expect(callBuiltin('ifelse', [bool(false), int(1), dbl(2.5)])).toEqual(dbl(2.5));
    expect(callBuiltin('ifelse', [bool(false), int(1), int(2)])).toEqual(int(2));
    expect(callBuiltin('ifelse', [bool(true), str('a'), str('b')])).toEqual(str('a'));
  });
  it('broadcasts scalars against matrices', () => {
    expect(mat(callBuiltin('ifelse', [M([[1, 0], [0, 1]]), dbl(7), M([[1, 2], [3, 4]])]))).toEqual([[7, 2], [3, 7]]);
    expect(mat(callBuiltin('ifelse', [bool(true), M([[1, 2]]), dbl(0)]))).toEqual([[1, 2]]);
  });
});
