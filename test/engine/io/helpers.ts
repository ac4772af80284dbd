/** Temp directories and matrix comparison for the I/O tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { openFileAccess } from '../../../src/common/file-access.js';

/** Unconfined file access from the process's working directory (absolute paths in these tests). */
export const hostFiles = openFileAccess(process.cwd());

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tessera-io-'));
}

/** Same dims and cells (NaN equals NaN, -0 equals 0). */
export function expectSameMatrix(a: MatrixBlock, b: MatrixBlock): void {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  const x = Array.from(a.denseData(), (v) => (v === 0 ? 0 : v));
  const y = Array.from(b.denseData(), (v) => (v === 0 ? 0 : v));
  expect(x).toEqual(y);
}

/** A few matrices every format must round-trip. */
export function sampleMatrices(): Record<string, MatrixBlock> {
  const rnd = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 200 - 100;
  const r = rnd(42);
  const dense = MatrixBlock.dense(7, 5, Float64Array.from({ length: 35 }, () => r()));
  const sparse = MatrixBlock.fromTriples(50, 40, [0, 3, 49, 10], [0, 39, 2, 10], [1.5, -2e-300, 1 / 3, 6.042e7]);
  return {
    dense,
    sparse,
    special: MatrixBlock.fromRows([
      [NaN, Infinity, -Infinity],
      [0.1, -0, 1e-4],
    ]),
    zeros: MatrixBlock.zeros(4, 3),
    empty: MatrixBlock.zeros(0, 0),
    noRows: MatrixBlock.zeros(0, 3),
    single: MatrixBlock.scalar(-7.25),
  };
}
