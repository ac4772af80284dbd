/**
 * Row-block partitions of a distributed matrix: rank r of P holds rows [offsets[r], offsets[r+1]).
 * The offsets are a pure function of (rows, P), so every rank computes them itself and two
 * matrices with the same number of rows are always aligned: nothing about a partition needs to
 * travel. A column-partitioned matrix ('cols', the transpose of a row-partitioned one) uses the
 * same offsets over its columns.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { cbind, rbind } from '../kernels/append.js';
import { rightIndex } from '../kernels/indexing.js';

/**
 * Balanced, deterministic offsets (length size + 1): the first `length % size` ranks hold one
 * row more than the others. With more ranks than rows the last ranks hold none.
 */
export function blockOffsets(length: number, size: number): readonly number[] {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`partition: invalid length ${length}`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`partition: invalid number of ranks ${size}`);
  const base = Math.floor(length / size);
  const extra = length % size;
  const offsets = new Array<number>(size + 1);
  offsets[0] = 0;
  for (let r = 0; r < size; r++) offsets[r + 1] = offsets[r]! + base + (r < extra ? 1 : 0);
  return offsets;
}

/** The first index and the count rank `rank` holds. */
export function blockRange(offsets: readonly number[], rank: number): { start: number; count: number } {
  const start = offsets[rank];
  const end = offsets[rank + 1];
  if (start === undefined || end === undefined) throw new RangeError(`partition: no rank ${rank}`);
  return { start, count: end - start };
}

/** The same values in the format of `like` (so a slice takes the kernels' path the whole takes). */
function inFormatOf(part: MatrixBlock, like: MatrixBlock): MatrixBlock {
  return like.isSparse ? part.toSparse() : part.toDense();
}

/** Rows [start, start+count) of x, in x's format. */
function rowSlice(x: MatrixBlock, start: number, count: number): MatrixBlock {
  if (count === 0 || x.cols === 0) return inFormatOf(MatrixBlock.dense(count, x.cols), x);
  return inFormatOf(rightIndex(x, start, start + count - 1, 0, x.cols - 1), x);
}

/** Columns [start, start+count) of x, in x's format. */
function colSlice(x: MatrixBlock, start: number, count: number): MatrixBlock {
  if (count === 0 || x.rows === 0) return inFormatOf(MatrixBlock.dense(x.rows, count), x);
  return inFormatOf(rightIndex(x, 0, x.rows - 1, start, start + count - 1), x);
}

/** Rank `rank`'s row block of x (of `size` ranks), in x's format. */
export function rowBlock(x: MatrixBlock, rank: number, size: number): MatrixBlock {
  const { start, count } = blockRange(blockOffsets(x.rows, size), rank);
  return rowSlice(x, start, count);
}

/** Rank `rank`'s column block of x (of `size` ranks), in x's format. */
export function colBlock(x: MatrixBlock, rank: number, size: number): MatrixBlock {
  const { start, count } = blockRange(blockOffsets(x.cols, size), rank);
  return colSlice(x, start, count);
}

/** x's row partitions for `size` ranks (index = rank). */
export function sliceRows(x: MatrixBlock, size: number): MatrixBlock[] {
  const offsets = blockOffsets(x.rows, size);
  return Array.from({ length: size }, (_, r) => {
    const { start, count } = blockRange(offsets, r);
    return rowSlice(x, start, count);
  });
}

/** x's column partitions for `size` ranks (index = rank): the layout of t(row-partitioned). */
export function sliceCols(x: MatrixBlock, size: number): MatrixBlock[] {
  const offsets = blockOffsets(x.cols, size);
  return Array.from({ length: size }, (_, r) => {
    const { start, count } = blockRange(offsets, r);
    return colSlice(x, start, count);
  });
}

/** The whole matrix from its row partitions in rank order (collect; tests). */
export function assembleRows(parts: readonly MatrixBlock[]): MatrixBlock {
  if (parts.length === 0) throw new RangeError('partition: no parts to assemble');
  return rbind(parts).examSparsity();
}

/** The whole matrix from its column partitions in rank order. */
export function assembleCols(parts: readonly MatrixBlock[]): MatrixBlock {
  if (parts.length === 0) throw new RangeError('partition: no parts to assemble');
  return cbind(parts).examSparsity();
}
