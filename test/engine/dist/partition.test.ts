/** Row-block partitions: balanced, deterministic offsets; slicing keeps the format; assembly inverts it. */
import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import {
  assembleCols,
  assembleRows,
  blockOffsets,
  blockRange,
  sliceCols,
  sliceRows,
} from '../../../src/engine/dist/partition.js';
import { dense, sparse } from './ops/harness.js';

describe('blockOffsets', () => {
  const table: readonly (readonly [number, number, number[]])[] = [
    [10, 1, [0, 10]],
    [10, 3, [0, 4, 7, 10]],
    [10, 4, [0, 3, 6, 8, 10]],
    [3, 5, [0, 1, 2, 3, 3, 3]],
    [0, 3, [0, 0, 0, 0]],
  ];
  for (const [rows, size, want] of table)
    it(`${rows} rows on ${size} ranks`, () => expect(blockOffsets(rows, size)).toEqual(want));

  it('refuses a bad length or rank count', () => {
    expect(() => blockOffsets(-1, 2)).toThrow(RangeError);
    expect(() => blockOffsets(3, 0)).toThrow(RangeError);
    expect(() => blockRange(blockOffsets(3, 2), 2)).toThrow(RangeError);
  });

  it('balances within one row', () => {
    for (const rows of [0, 1, 7, 100, 101])
      for (const size of [1, 2, 3, 8, 200]) {
        const o = blockOffsets(rows, size);
        const counts = o.slice(1).map((e, r) => e - o[r]!);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        expect(o[size]).toBe(rows);
      }
  });
});

describe('slicing and assembling', () => {
  const inputs: readonly (readonly [string, MatrixBlock])[] = [
    ['dense 7x3', dense(7, 3, 1)],
    ['sparse 12x5', sparse(12, 5, 2)],
    ['0x3', MatrixBlock.dense(0, 3)],
    ['4x0', MatrixBlock.dense(4, 0)],
  ];
  for (const [name, x] of inputs)
    it(`${name}: parts keep the format, and assemble back`, () => {
      for (const size of [1, 2, 3, 4, 9]) {
        const rows = sliceRows(x, size);
        expect(rows.map((p) => p.rows)).toEqual(
          blockOffsets(x.rows, size)
            .slice(1)
            .map((e, r, a) => e - (r === 0 ? 0 : a[r - 1]!)),
        );
        expect(rows.every((p) => p.isSparse === x.isSparse && p.cols === x.cols)).toBe(true);
        expect(assembleRows(rows).toArrays()).toEqual(x.toArrays());
        const cols = sliceCols(x, size);
        expect(cols.every((p) => p.isSparse === x.isSparse && p.rows === x.rows)).toBe(true);
        expect(assembleCols(cols).toArrays()).toEqual(x.toArrays());
      }
    });
});
