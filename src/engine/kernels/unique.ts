/**
 * unique(X, dir): distinct values. dir "rc" (default): all distinct cells as a column vector;
 * "r": per row, the distinct values of the row, left-aligned and zero-padded to the widest row;
 * "c": per column likewise, top-aligned. Values come in first-occurrence order (SystemDS leaves
 * the order to its hash set, so scripts must not depend on it); NaN is one value.
 */
import { MatrixBlock } from '../data/matrix-block.js';

export type UniqueDir = 'rc' | 'r' | 'c';

function distinct(vals: Iterable<number>): number[] {
  // Set uses SameValueZero: NaN equals NaN and -0 equals 0, matching Java's boxed Double closely enough.
  return [...new Set(vals)];
}

function* cellsOf(x: MatrixBlock, i0: number, i1: number, j0: number, j1: number): Generator<number> {
  for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) yield x.get(i, j);
}

export function unique(x: MatrixBlock, dir: UniqueDir = 'rc'): MatrixBlock {
  const d = x.isSparse ? x.toDense() : x;
  if (dir === 'rc') {
    const u = distinct(d.denseData());
    return MatrixBlock.dense(u.length, 1, Float64Array.from(u));
  }
  if (dir === 'r') {
    const per = Array.from({ length: x.rows }, (_, i) => distinct(cellsOf(d, i, i + 1, 0, x.cols)));
    const w = per.reduce((a, r) => Math.max(a, r.length), 0);
    const out = new Float64Array(x.rows * w);
    per.forEach((r, i) => out.set(r, i * w));
    return MatrixBlock.dense(x.rows, w, out).examSparsity();
  }
  const per = Array.from({ length: x.cols }, (_, j) => distinct(cellsOf(d, 0, x.rows, j, j + 1)));
  const h = per.reduce((a, c) => Math.max(a, c.length), 0);
  const out = new Float64Array(h * x.cols);
  per.forEach((c, j) => c.forEach((v, i) => (out[i * x.cols + j] = v)));
  return MatrixBlock.dense(h, x.cols, out).examSparsity();
}
