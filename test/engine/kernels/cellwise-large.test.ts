/**
 * Cell-wise ops large enough (>= 1024 cells) for the generated cell-program loop (broadcasts, ops
 * without a dense fast loop) and for the sparse-against-dense scatter: same values as the
 * per-cell reference, including NaN/Inf cells, for every operand layout.
 */
import { describe, it } from 'vitest';
import { binaryCellFn, type BinaryOp } from '../../../src/common/scalar-ops.js';
import { cellwiseBinary } from '../../../src/engine/kernels/cellwise-binary.js';
import { block, expectSameValues, randomMatrix, rng } from './cellwise-helpers.js';

const OPS: readonly BinaryOp[] = ['+', '-', '*', '/', '^', '%%', '==', '!=', '<', '<=', '>', '>=', '&', '|', 'min', 'max'];
const M = 70;
const N = 40;

function reference(op: BinaryOp, a: number[][] | number, b: number[][] | number): number[][] {
  const f = binaryCellFn(op);
  const at = (x: number[][] | number, i: number, j: number): number =>
    typeof x === 'number' ? x : x[x.length === 1 ? 0 : i]![x[0]!.length === 1 ? 0 : j]!;
  return Array.from({ length: M }, (_, i) => Array.from({ length: N }, (_, j) => f(at(a, i, j), at(b, i, j))));
}

describe('cellwiseBinary on 70x40 (generated loop and sparse scatter paths)', () => {
  const r = rng(7);
  const full = randomMatrix(r, M, N, 1);
  const sparse = randomMatrix(r, M, N, 0.1);
  const col = randomMatrix(r, M, 1, 1);
  const row = randomMatrix(r, 1, N, 1);
  for (const op of OPS) {
    it(`${op}: matrix op row/column vector, scalar, sparse op dense`, () => {
      const X = block(M, N, full, false);
      expectSameValues(cellwiseBinary(op, X, block(M, 1, col, false)), reference(op, full, col), `${op} col`);
      expectSameValues(cellwiseBinary(op, block(1, N, row, false), X), reference(op, row, full), `row ${op}`);
      expectSameValues(cellwiseBinary(op, X, 2.5), reference(op, full, 2.5), `${op} scalar`);
      expectSameValues(cellwiseBinary(op, -1.5, X), reference(op, -1.5, full), `scalar ${op}`);
      expectSameValues(cellwiseBinary(op, block(M, 1, col, false), block(1, N, row, false)), reference(op, col, row), `outer ${op}`);
      const S = block(M, N, sparse, true);
      expectSameValues(cellwiseBinary(op, S, X), reference(op, sparse, full), `sparse ${op} dense`);
      expectSameValues(cellwiseBinary(op, X, S), reference(op, full, sparse), `dense ${op} sparse`);
    });
  }
});
