/**
 * native/cellwise.c gives the TypeScript loops' values (Object.is per cell, NaN/Inf/±0 included)
 * and their non-zero counts, for matrix-matrix, matrix-scalar and scalar-matrix operands.
 */
import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { cellwiseBinary } from '../../../src/engine/kernels/cellwise-binary.js';
import { compiledCallCount, compiledKernels } from '../../../src/engine/kernels/compiled/library.js';
import { COMPILED_CELLWISE_MIN_CELLS } from '../../../src/engine/kernels/compiled/cellwise.js';
import { restoreKernelsAfterTests, rng, threads, withKernels } from './compiled-helpers.js';

restoreKernelsAfterTests();

const OPS = ['+', '-', '*', '/', '>', '<', '>=', '<=', '==', '!='] as const;
const SPECIALS = [0, -0, NaN, Infinity, -Infinity, 1, -1];

function data(seed: number, n: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => (r() < 0.2 ? SPECIALS[Math.floor(r() * SPECIALS.length)]! : r() * 4 - 2));
}

function sameCells(got: MatrixBlock, want: MatrixBlock, what: string): void {
  expect(got.nnz, `${what} nnz`).toBe(want.nnz);
  const g = got.denseData();
  const w = want.denseData();
  for (let k = 0; k < w.length; k++) if (!Object.is(g[k], w[k])) expect.fail(`${what} cell ${k}: ${g[k]} vs ${w[k]}`);
}

describe('compiled cell-wise binary ops', () => {
  const rows = COMPILED_CELLWISE_MIN_CELLS + 37;
  const a = MatrixBlock.dense(rows, 1, data(1, rows));
  const b = MatrixBlock.dense(rows, 1, data(2, rows));
  for (const op of OPS) {
    it(`${op}: vector op vector / scalar, scalar op vector equal the TypeScript loop`, () => {
      threads(false, () => {
        for (const [x, y, what] of [
          [a, b, 'vv'],
          [a, -0.5, 'vs'],
          [0, b, 'sv'],
          [a, a, 'aa'],
        ] as const) {
          const want = withKernels('js', () => cellwiseBinary(op, x, y));
          const before = compiledCallCount();
          const got = withKernels(undefined, () => cellwiseBinary(op, x, y));
          if (compiledKernels() !== undefined) expect(compiledCallCount(), 'compiled path taken').toBeGreaterThan(before);
          sameCells(got, want, `${what} ${op}`);
        }
      });
    });
  }
});
