/**
 * Fixtures for the reorg/grouping kernel property tests: seeded random matrices over many shapes
 * and sparsities (with NaN and ±Inf sprinkled in), in both storage formats, and a comparison that
 * treats NaN as equal to NaN.
 */
import { expect } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';

export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SHAPES: readonly (readonly [number, number])[] = [
  [0, 0], [0, 3], [3, 0], [1, 1], [1, 5], [5, 1], [2, 2], [4, 7], [7, 4], [13, 9], [40, 33],
];
export const SPARSITIES: readonly number[] = [0, 0.01, 0.3, 1];

/** Values are small integers (so ties happen) plus occasional NaN and ±Inf. */
export function randomArrays(r: () => number, rows: number, cols: number, sparsity: number, special = true): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      let v = 0;
      if (r() < sparsity) {
        const u = r();
        if (special && u < 0.03) v = NaN;
        else if (special && u < 0.05) v = Infinity;
        else if (special && u < 0.07) v = -Infinity;
        else v = Math.round((r() * 2 - 1) * 5) || 0.5;
      }
      row.push(v);
    }
    out.push(row);
  }
  return out;
}

export function fromArrays(rows: number, cols: number, a: readonly (readonly number[])[]): MatrixBlock {
  const d = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) d[i * cols + j] = a[i]![j]!;
  return MatrixBlock.dense(rows, cols, d);
}

/** Dense and sparse versions of the same matrix. */
export function bothFormats(rows: number, cols: number, a: readonly (readonly number[])[]): [MatrixBlock, MatrixBlock] {
  const d = fromArrays(rows, cols, a);
  return [d, d.copy().toSparse()];
}

/** Every (shape, sparsity) case with both formats; `fn` gets a label for failure messages. */
export function forEachCase(
  seed: number,
  fn: (c: { rows: number; cols: number; arrays: number[][]; dense: MatrixBlock; sparse: MatrixBlock; label: string; r: () => number }) => void,
  special = true,
): void {
  const r = seeded(seed);
  for (const [rows, cols] of SHAPES) {
    for (const sp of SPARSITIES) {
      const arrays = randomArrays(r, rows, cols, sp, special);
      const [dense, sparse] = bothFormats(rows, cols, arrays);
      fn({ rows, cols, arrays, dense, sparse, label: `${rows}x${cols} sparsity ${sp}`, r });
    }
  }
}

/** Cell-by-cell equality with NaN == NaN and 0 == -0, plus matching dims and a consistent nnz. */
export function expectMatrix(m: MatrixBlock, rows: number, cols: number, expected: readonly (readonly number[])[], label = ''): void {
  expect([m.rows, m.cols], label).toEqual([rows, cols]);
  let nnz = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const a = m.get(i, j);
      const b = expected[i]![j]!;
      if (a !== 0) nnz++;
      const same = a === b || (Number.isNaN(a) && Number.isNaN(b));
      if (!same) expect(a, `${label} cell (${i}, ${j})`).toBe(b);
    }
  }
  expect(m.nnz, `${label} nnz`).toBe(nnz);
}

export function arraysOf(m: MatrixBlock): number[][] {
  return m.toArrays();
}
