/**
 * order(target, by, decreasing, index.return): stable sort of the rows of X by one or more
 * columns (SystemDS sorts, then restores the original order within runs of equal keys, so ties
 * keep their input order in both directions). NaN sorts after every number (Java's Double.compare),
 * so it comes first when decreasing.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { selectRowsInOrder } from './permute-rows.js';

/** Ascending comparison with NaN largest and -0 == 0. */
function cmp(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

/** The 0-based row permutation that sorts X by the given 0-based columns. */
export function sortPermutation(x: MatrixBlock, by: readonly number[], decreasing: boolean): number[] {
  const keys = by.map((c) => {
    const col = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) col[i] = x.get(i, c);
    return col;
  });
  const idx = Array.from({ length: x.rows }, (_, i) => i);
  const sign = decreasing ? -1 : 1;
  // Array.prototype.sort is stable, which gives SystemDS's tie order directly.
  idx.sort((i, j) => {
    for (const k of keys) {
      const c = cmp(k[i]!, k[j]!);
      if (c !== 0) return sign * c;
    }
    return 0;
  });
  return idx;
}

export function order(
  x: MatrixBlock,
  by: readonly number[],
  decreasing: boolean,
  indexReturn: boolean,
): MatrixBlock {
  const perm = sortPermutation(x, by, decreasing);
  if (indexReturn) {
    const out = new Float64Array(perm.length);
    for (let i = 0; i < perm.length; i++) out[i] = perm[i]! + 1;
    return MatrixBlock.dense(perm.length, 1, out);
  }
  return selectRowsInOrder(x, perm);
}
