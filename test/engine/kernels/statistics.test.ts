import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { cov, interQuartileMean, median, moment, quantiles } from '../../../src/engine/kernels/statistics.js';

const col = (v: number[]): MatrixBlock => MatrixBlock.dense(v.length, 1, Float64Array.from(v));
const seq = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('order statistics (SystemDS definitions)', () => {
  it('median: middle value, or the mean of the two middle values', () => {
    expect(median(col([5, 1, 3]))).toBe(3);
    expect(median(col([4, 1, 3, 2]))).toBe(2.5);
    expect(median(col([7]))).toBe(7);
    expect(median(col([]))).toBeNaN();
  });

  it('weighted median', () => {
    expect(median(col([1, 2, 3]), col([1, 2, 1]))).toBe(2);
    expect(median(col([1, 2]), col([1, 1]))).toBe(1.5);
  });

  it('quantile: smallest value whose cumulative count reaches ceil(p * n)', () => {
    const x = col([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(quantiles(x, undefined, [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 3, 5, 8, 10]);
    expect(quantiles(col([1, 2, 3]), col([1, 2, 1]), [0.5, 0.9])).toEqual([2, 3]);
    expect(() => quantiles(x, undefined, [1.5])).toThrow(/outside/);
  });

  it('interQuartileMean', () => {
    expect(interQuartileMean(col(seq(8)))).toBe(4.5);
    expect(interQuartileMean(col(seq(5)))).toBe(3);
    expect(interQuartileMean(col([1, 2, 3, 4, 100, 5, 6, 7]))).toBe(4.5);
  });

  it('moment and cov', () => {
    const x = col([1, 2, 3, 4]);
    expect(moment(x, undefined, 2)).toBe(1.25);
    expect(moment(x, undefined, 3)).toBe(0);
    expect(moment(x, undefined, 4)).toBe(2.5625);
    expect(() => moment(x, undefined, 5)).toThrow(/order/);
    expect(cov(x, col([2, 4, 6, 9]), undefined)).toBeCloseTo(11.5 / 3, 14);
    expect(cov(col([3]), col([4]), undefined)).toBeNaN(); // one observation: no covariance (R: NA)
    // weights as repeated observations: cov([1,2,2],[1,3,3]) = cov with W = [1,2]
    expect(cov(col([1, 2]), col([1, 3]), col([1, 2]))).toBeCloseTo(cov(col([1, 2, 2]), col([1, 3, 3]), undefined), 14);
  });
});
