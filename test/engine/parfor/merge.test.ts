/** Result merge: changed cells against the original, += deltas, lists, last-assigned wins. */
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { ListValue, MatrixBlock, dbl, int } from '../../../src/engine/data/values.js';
import { mergeResult, sameValue } from '../../../src/engine/parfor/merge.js';

const m = (rows: number[][]): MatrixBlock => MatrixBlock.fromRows(rows);

describe('parfor result merge', () => {
  it('takes the cells each worker changed; later workers win on the same cell', () => {
    const orig = m([[0, 0], [0, 0]]);
    const r = mergeResult('R', orig, [m([[1, 0], [0, 0]]), m([[0, 2], [0, 0]]), m([[0, 3], [4, 0]])], false, NO_SPAN);
    expect((r as MatrixBlock).toArrays()).toEqual([[1, 3], [4, 0]]);
  });

  it('treats NaN in both original and result as unchanged, and a new NaN as a change', () => {
    const orig = m([[NaN, 1]]);
    const r = mergeResult('R', orig, [m([[NaN, NaN]])], false, NO_SPAN) as MatrixBlock;
    expect(Number.isNaN(r.get(0, 0))).toBe(true);
    expect(Number.isNaN(r.get(0, 1))).toBe(true);
  });

  it('adds the deltas of += accumulators', () => {
    expect(mergeResult('s', int(10), [int(13), int(20)], true, NO_SPAN)).toEqual(int(23));
    expect(mergeResult('s', dbl(1), [dbl(1.5), int(3)], true, NO_SPAN)).toEqual(dbl(3.5));
    const M = mergeResult('M', m([[1, 1]]), [m([[2, 1]]), m([[1, 5]])], true, NO_SPAN) as MatrixBlock;
    expect(M.toArrays()).toEqual([[2, 5]]);
  });

  it('merges lists by index, appended items included', () => {
    const orig = new ListValue([int(0), int(0)]);
    const r = mergeResult('L', orig, [new ListValue([int(1), int(0)]), new ListValue([int(0), int(2), int(3)])], false, NO_SPAN);
    expect(sameValue(r!, new ListValue([int(1), int(2), int(3)]))).toBe(true);
  });

  it('keeps the last changed value of a variable assigned whole', () => {
    expect(mergeResult('x', int(0), [int(5), int(7), int(0)], false, NO_SPAN)).toEqual(int(7));
    expect(mergeResult('x', undefined, [int(5), int(7)], false, NO_SPAN)).toEqual(int(7));
  });

  it('fails clearly when a result matrix changed size', () => {
    expect(() => mergeResult('R', m([[0]]), [m([[1, 2]])], false, NO_SPAN)).toThrow(/DML5011|changed its size/);
  });
});
