import { describe, expect, it } from 'vitest';
import { prefersSparse, SPARSITY_TURN_POINT } from '../../src/common/sparsity.js';
import { MatrixBlock } from '../../src/engine/data/matrix-block.js';
import { writeBinaryMatrix } from '../../src/engine/io/binary.js';
import { matrixBytes } from '../../src/optimizer/cost/memory.js';

// [rows, cols, nnz, sparse?]: SystemDS's evalSparseFormatInMemory (sparsity < 0.4, more than one column).
const table: readonly [number, number, number, boolean][] = [
  [10, 10, 0, true],
  [10, 10, 39, true],
  [10, 10, 40, false],
  [10, 10, 100, false],
  [1000, 1000, 1000, true],
  [1, 2, 0, true],
  [1, 5, 1, true],
  [1, 5, 2, false],
  [10, 1, 0, false], // a column vector is always dense
  [1000, 1, 3, false],
  [0, 10, 0, false], // empty shapes are dense
  [10, 0, 0, false],
  [0, 0, 0, false],
];

/** A rows x cols block with nnz non-zeros (the first cells in row-major order), dense to start with. */
function blockWith(rows: number, cols: number, nnz: number): MatrixBlock {
  const d = new Float64Array(rows * cols);
  for (let k = 0; k < nnz; k++) d[k] = k + 1;
  return MatrixBlock.dense(rows, cols, d);
}

describe('one sparse/dense decision (common/sparsity.ts)', () => {
  it('uses SystemDS turn point', () => {
    expect(SPARSITY_TURN_POINT).toBe(0.4);
  });

  for (const [rows, cols, nnz, sparse] of table) {
    it(`${rows}x${cols} with ${nnz} non-zeros is ${sparse ? 'sparse' : 'dense'} everywhere`, () => {
      expect(prefersSparse(rows, cols, nnz)).toBe(sparse);
      // The engine's in-memory format, from dense and from sparse.
      const b = blockWith(rows, cols, nnz);
      expect(b.examSparsity().isSparse).toBe(sparse);
      expect(b.toSparse().examSparsity().isSparse).toBe(sparse);
      // The optimizer's memory estimate prices the same format.
      const csr = 12 * nnz + 4 * (rows + 1);
      expect(matrixBytes({ rows, cols, nnz })).toBe(sparse ? csr : 8 * rows * cols);
      // The binary writer's layout field (offset 8: 0 dense, 1 sparse).
      const header = Buffer.from(writeBinaryMatrix(b)[0]!);
      expect(header.readUInt32LE(8)).toBe(sparse ? 1 : 0);
    });
  }

  it('an unknown nnz is priced dense', () => {
    expect(matrixBytes({ rows: 100, cols: 100, nnz: -1 })).toBe(80_000);
  });
});
