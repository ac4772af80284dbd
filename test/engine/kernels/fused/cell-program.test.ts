import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { cellwiseBinary } from '../../../../src/engine/kernels/cellwise-binary.js';
import { cellwiseUnary } from '../../../../src/engine/kernels/cellwise-unary.js';
import { evaluateCellProgram, parseCellProgram } from '../../../../src/engine/kernels/fused/cell-program.js';

const X = MatrixBlock.fromRows([
  [1, -2, 3],
  [0, 5, NaN],
]);
const Y = MatrixBlock.fromRows([
  [2, 0.5, 1],
  [4, 3, 2],
]);
const col = MatrixBlock.fromRows([[10], [20]]);
const row = MatrixBlock.fromRows([[1, 2, 3]]);

function arrays(v: MatrixBlock | number): number[][] {
  if (typeof v === 'number') throw new Error('matrix expected');
  return v.toArrays();
}

describe('fused cell programs', () => {
  it('parses prefix programs', () => {
    expect(parseCellProgram('+(*($0,log($1)),$2)')).toEqual({
      kind: 'op',
      op: '+',
      args: [
        { kind: 'op', op: '*', args: [{ kind: 'leaf', index: 0 }, { kind: 'op', op: 'log', args: [{ kind: 'leaf', index: 1 }] }] },
        { kind: 'leaf', index: 2 },
      ],
    });
    expect(() => parseCellProgram('+($0')).toThrow(/malformed/);
  });

  it('equals the unfused ops cell by cell (NaN included)', () => {
    const expected = cellwiseBinary('+', cellwiseBinary('*', X, cellwiseUnary('log', Y)), col);
    expect(arrays(evaluateCellProgram('+(*($0,log($1)),$2)', [X, Y, col], 'none'))).toEqual(expected.toArrays());
    const pow = cellwiseBinary('^', cellwiseBinary('-', X, row), 2);
    expect(arrays(evaluateCellProgram('^(-($0,$1),$2)', [X, row, 2], 'none'))).toEqual(pow.toArrays());
    const cmp = cellwiseBinary('>', X, 0.5);
    expect(arrays(evaluateCellProgram('>($0,$1)', [X, 0.5], 'none'))).toEqual(cmp.toArrays());
  });

  it('aggregates without intermediates: sum, rowSums, colSums', () => {
    const P = MatrixBlock.fromRows([
      [1, 2],
      [3, 4],
    ]);
    const Q = MatrixBlock.fromRows([
      [5, 6],
      [7, 8],
    ]);
    expect(evaluateCellProgram('*($0,$1)', [P, Q], 'sum')).toBe(5 + 12 + 21 + 32);
    expect(arrays(evaluateCellProgram('^($0,$1)', [P, 2], 'rowSums'))).toEqual([[5], [25]]);
    expect(arrays(evaluateCellProgram('*($0,$1)', [P, Q], 'colSums'))).toEqual([[26, 44]]);
  });

  it('reads sparse leaves', () => {
    const sp = MatrixBlock.fromRows([
      [0, 0, 1],
      [0, 0, 0],
    ]).toSparse();
    expect(evaluateCellProgram('+($0,$1)', [sp, 1], 'sum')).toBe(7);
  });

  it('rejects an operand that does not broadcast (DML4001)', () => {
    const bad = MatrixBlock.fromRows([[1, 2]]);
    expect(() => evaluateCellProgram('+($0,$1)', [X, bad], 'none')).toThrow(DmlError);
  });
});
