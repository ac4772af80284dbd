import { describe, expect, it } from 'vitest';
import { describeValue, showValue } from '../../../src/cli/repl/show-value.js';
import { bool, dbl, FrameBlock, int, ListValue, MatrixBlock, str } from '../../../src/engine/data/values.js';

describe('showValue', () => {
  it('shows a small matrix whole with its dims', () => {
    const text = showValue(
      MatrixBlock.fromRows([
        [1, 2.5],
        [3, 4],
      ]),
    );
    expect(text.split('\n')).toEqual(['Matrix 2 x 2, dense, nnz=4', '1.000  2.500', '3.000  4.000']);
  });
  it('cuts a large matrix to the first rows and columns', () => {
    const m = MatrixBlock.zeros(1000, 100);
    const lines = showValue(m, { rows: 3, cols: 2 }).split('\n');
    expect(lines[0]).toBe('Matrix 1000 x 100, sparse, nnz=0');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/\.\.\.$/);
    expect(lines[4]).toBe('...');
  });
  it('shows frames with a typed header and lists item by item', () => {
    const f = new FrameBlock(
      ['string', 'double'],
      ['name', 'x'],
      [
        ['a', 'b'],
        [1.5, null],
      ],
    );
    expect(showValue(f).split('\n')).toEqual([
      'Frame 2 x 2',
      'name:STRING  x:FP64',
      '          a     1.5',
      '          b    NULL',
    ]);
    const l = new ListValue([dbl(1), MatrixBlock.filled(2, 3, 1)], ['a', 'b']);
    expect(showValue(l).split('\n')).toEqual(['List of 2', '$a: Double 1.0', '$b: Matrix[Double] 2 x 3']);
  });
  it('shows scalars as print does', () => {
    expect(showValue(dbl(2))).toBe('2.0');
    expect(showValue(int(3))).toBe('3');
    expect(showValue(bool(true))).toBe('TRUE');
    expect(showValue(str('hi'))).toBe('hi');
    expect(describeValue(str('hi'))).toBe('String "hi"');
  });
});
