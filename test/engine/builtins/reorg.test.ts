import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { builtinSpec } from '../../../src/common/builtins/catalogue.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { bool, dbl, FrameBlock, int, str, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin } from '../../helpers/builtins.js';

const M = (rows: number[][]): MatrixBlock => MatrixBlock.fromRows(rows);

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

describe('reorg builtins in the catalogue', () => {
  it('has specs for every registered name', () => {
    for (const n of ['t', 'rev', 'diag', 'cbind', 'rbind', 'removeEmpty', 'order', 'lower.tri', 'upper.tri']) {
      expect(builtinSpec(n), n).toBeDefined();
    }
  });
});

describe('t / rev / diag', () => {
  const X = M([[1, 2, 3], [4, 5, 6]]);
  it('work positionally and with target=', () => {
    expect(mat(callBuiltin('t', [X]))).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(mat(callBuiltin('t', [X], ['target']))).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(mat(callBuiltin('rev', [X]))).toEqual([[4, 5, 6], [1, 2, 3]]);
    expect(mat(callBuiltin('diag', [M([[1], [2]])]))).toEqual([[1, 0], [0, 2]]);
    expect(mat(callBuiltin('t', [dbl(3)]))).toEqual([[3]]);
  });
  it('reports unknown parameter names', () => {
    expect(codeOf(() => callBuiltin('t', [X], ['X']))).toBe('DML3002');
  });
});

describe('cbind / rbind', () => {
  it('are n-ary and accept scalars as 1x1', () => {
    expect(mat(callBuiltin('cbind', [M([[1], [2]]), M([[3, 4], [5, 6]]), M([[7], [8]])]))).toEqual([[1, 3, 4, 7], [2, 5, 6, 8]]);
    expect(mat(callBuiltin('rbind', [M([[1, 2]]), M([[3, 4]])]))).toEqual([[1, 2], [3, 4]]);
    expect(mat(callBuiltin('cbind', [dbl(1), int(2)]))).toEqual([[1, 2]]);
  });
  it('fail with DML4001 on mismatched dims', () => {
    expect(codeOf(() => callBuiltin('cbind', [M([[1], [2]]), M([[1]])]))).toBe('DML4001');
    expect(codeOf(() => callBuiltin('rbind', [M([[1, 2]]), M([[1]])]))).toBe('DML4001');
  });
});

describe('removeEmpty', () => {
  const X = M([[0, 0, 0], [1, 0, 2], [0, 0, 0], [3, 0, 0]]);
  it('removes rows and columns with named args', () => {
    expect(mat(callBuiltin('removeEmpty', [X, str('rows')], ['target', 'margin']))).toEqual([[1, 0, 2], [3, 0, 0]]);
    expect(mat(callBuiltin('removeEmpty', [X, str('cols')], ['target', 'margin']))).toEqual([[0, 0], [1, 2], [0, 0], [3, 0]]);
    const sel = M([[1], [0], [0], [1]]);
    expect(mat(callBuiltin('removeEmpty', [X, str('rows'), sel], ['target', 'margin', 'select']))).toEqual([[0, 0, 0], [3, 0, 0]]);
  });
  it('returns 1 x n zeros for all-empty input unless empty.return=FALSE', () => {
    const Z = MatrixBlock.zeros(3, 2);
    expect(mat(callBuiltin('removeEmpty', [Z, str('rows')], ['target', 'margin']))).toEqual([[0, 0]]);
    const r = callBuiltin('removeEmpty', [Z, str('rows'), bool(false)], ['target', 'margin', 'empty.return']) as MatrixBlock;
    expect([r.rows, r.cols]).toEqual([0, 2]);
    const c = callBuiltin('removeEmpty', [Z, str('cols')], ['target', 'margin']) as MatrixBlock;
    expect([c.rows, c.cols]).toEqual([3, 1]);
  });
  it('rejects a bad margin', () => {
    expect(codeOf(() => callBuiltin('removeEmpty', [X, str('diag')], ['target', 'margin']))).toBe('DML3004');
  });
});

describe('order', () => {
  const X = M([[3, 1], [1, 2], [2, 3], [1, 4]]);
  it('sorts by a column, stably, both directions', () => {
    expect(mat(callBuiltin('order', [X], ['target']))).toEqual([[1, 2], [1, 4], [2, 3], [3, 1]]);
    expect(mat(callBuiltin('order', [X, int(1), bool(true), bool(true)], ['target', 'by', 'decreasing', 'index.return']))).toEqual([[1], [3], [2], [4]]);
    expect(mat(callBuiltin('order', [X, int(2), bool(true)], ['target', 'by', 'decreasing']))).toEqual([[1, 4], [2, 3], [1, 2], [3, 1]]);
    expect(mat(callBuiltin('order', [X, M([[1], [2]]), bool(true)], ['target', 'by', 'decreasing']))).toEqual([[3, 1], [2, 3], [1, 4], [1, 2]]);
  });
  it('rejects an out-of-range by', () => {
    expect(codeOf(() => callBuiltin('order', [X, int(3)], ['target', 'by']))).toBe('DML5001');
  });
});

describe('lower.tri / upper.tri', () => {
  const X = M([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  it('give indicators by default and values on request', () => {
    expect(mat(callBuiltin('lower.tri', [X], ['target']))).toEqual([[0, 0, 0], [1, 0, 0], [1, 1, 0]]);
    expect(mat(callBuiltin('upper.tri', [X, bool(true), bool(true)], ['target', 'diag', 'values']))).toEqual([[1, 2, 3], [0, 5, 6], [0, 0, 9]]);
    expect(mat(callBuiltin('lower.tri', [X, bool(true)], ['target', 'values']))).toEqual([[0, 0, 0], [4, 0, 0], [7, 8, 0]]);
  });
});

describe('cbind / rbind of frames', () => {
  const f1 = new FrameBlock(['string', 'double'], ['a', 'b'], [['x', 'y'], [1, 2]]);
  const f2 = new FrameBlock(['int', 'double'], ['c', 'd'], [[7, 8], [NaN, 3]]);
  it('concatenates columns and rows', () => {
    const c = callBuiltin('cbind', [f1, f2]) as FrameBlock;
    expect(c.schema).toEqual(['string', 'double', 'int', 'double']);
    expect(c.get(1, 2)).toBe(8);
    const r = callBuiltin('rbind', [f1, f2]) as FrameBlock;
    expect(r.schema).toEqual(['string', 'double']);
    expect(r.columns[0]).toEqual(['x', 'y', '7', '8']);
    expect(r.rows).toBe(4);
  });
  it('rejects mixing frames and matrices, and mismatched rows', () => {
    expect(codeOf(() => callBuiltin('cbind', [f1, M([[1], [2]])]))).toBe('DML3001');
    expect(codeOf(() => callBuiltin('cbind', [f1, new FrameBlock(['double'], ['z'], [[1]])]))).toBe('DML4001');
  });
});
