import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

describe('stdlib test helpers', () => {
  it('reads a recorded CSV through DML and returns variables', () => {
    const r = runStdlib('X = read("_smoke/X.csv", format="csv"); s = sum(X); Y = t(X)');
    expect(r.scalar('s')).toBe(10);
    expectMatrixClose(r.matrix('Y'), [
      [1, 3],
      [2, 4],
    ]);
    expectMatrixClose(r.matrix('Y'), readRef('_smoke', 'X.csv').map((_, i, a) => a.map((row) => row[i]!)));
  });
  it('names the first mismatching cell', () => {
    expect(() => expectMatrixClose([[1, 2]], [[1, 2.5]])).toThrow(/cell \(1,2\)/);
  });
});
