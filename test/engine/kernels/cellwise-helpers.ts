/** Random matrices for kernel property tests: shapes with 0 and 1 rows/cols, NaN, ±Inf, all sparsities. */
import { expect } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SPARSITIES = [0, 0.01, 0.3, 1] as const;
export const SHAPES: readonly [number, number][] = [
  [0, 0], [0, 3], [3, 0], [1, 1], [1, 5], [5, 1], [4, 7], [13, 9], [30, 20],
];

/** Random values with a sprinkle of NaN/±Inf and integers (so %/% and == see ties). */
export function randomMatrix(r: () => number, rows: number, cols: number, sparsity: number, specials = true): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      if (r() >= sparsity) {
        row.push(0);
        continue;
      }
      const u = r();
      if (specials && u < 0.03) row.push(NaN);
      else if (specials && u < 0.05) row.push(Infinity);
      else if (specials && u < 0.07) row.push(-Infinity);
      else if (u < 0.4) row.push(Math.round((r() - 0.5) * 10) + 0); // + 0: no -0 (sparse storage drops its sign)
      else row.push((r() - 0.5) * 20);
    }
    out.push(row);
  }
  return out;
}

export function block(rows: number, cols: number, data: number[][], sparse: boolean): MatrixBlock {
  const d = new Float64Array(rows * cols);
  data.forEach((row, i) => row.forEach((v, j) => (d[i * cols + j] = v)));
  const m = MatrixBlock.dense(rows, cols, d);
  return sparse ? m.toSparse() : m;
}

/** Equal values (NaN equals NaN, -0 equals 0), same dims. */
export function expectSameValues(got: MatrixBlock, want: number[][], what: string): void {
  expect([got.rows, got.cols], what).toEqual([want.length, want.length === 0 ? got.cols : want[0]!.length]);
  const g = got.toArrays();
  for (let i = 0; i < want.length; i++) {
    for (let j = 0; j < want[i]!.length; j++) {
      const a = g[i]![j]!;
      const b = want[i]![j]!;
      if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) {
        expect.fail(`${what}: cell (${i},${j}) is ${a}, expected ${b}`);
      }
    }
  }
}

/** Equal within a relative tolerance (aggregates: Kahan order may differ between formats). */
export function close(a: number, b: number, rel = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
