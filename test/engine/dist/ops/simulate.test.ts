/** The in-process collectives: the algebra MPI applies, and the guards that keep plans honest. */
import { describe, expect, it } from 'vitest';
import { gatherBuffers, reduceBuffers } from '../../../../src/engine/dist/ops/simulate.js';
import { packExtremes, unpackExtremes } from '../../../../src/engine/dist/ops/extremes.js';
import { mergeMoments, momentsOf, varianceOf } from '../../../../src/engine/dist/ops/moments.js';

const f = (...v: number[]): Float64Array => Float64Array.from(v);

describe('reduceBuffers', () => {
  const table: readonly (readonly ['sum' | 'prod' | 'min' | 'max', Float64Array[], number[]])[] = [
    ['sum', [f(1, 2), f(3, 4), f(5, 6)], [9, 12]],
    ['prod', [f(1, 2), f(3, 4)], [3, 8]],
    ['min', [f(1, -2), f(3, -4)], [1, -4]],
    ['max', [f(1, -2), f(3, -4)], [3, -2]],
    ['sum', [f(Infinity), f(-Infinity)], [NaN]],
    ['sum', [f(NaN), f(1)], [NaN]],
  ];
  for (const [op, bufs, want] of table)
    it(`${op} of ${bufs.length} ranks`, () => expect(Array.from(reduceBuffers(bufs, op))).toEqual(want));

  it('refuses NaN in min/max (MPI would keep or drop it by reduction order) and unequal lengths', () => {
    expect(() => reduceBuffers([f(NaN), f(1)], 'max')).toThrow(/order-dependent/);
    expect(() => reduceBuffers([f(1), f(1, 2)], 'sum')).toThrow(/length/);
  });

  it('gathers in rank order', () =>
    expect(Array.from(gatherBuffers([f(1), f(), f(2, 3)]))).toEqual([1, 2, 3]));
});

describe('packed extremes', () => {
  it('restore NaN and the winning zero sign after a C-style min/max reduction', () => {
    const maxOf = (parts: number[]): number =>
      unpackExtremes(
        'max',
        reduceBuffers(
          parts.map((v) => packExtremes('max', f(v))),
          'max',
        ),
      )[0]!;
    const minOf = (parts: number[]): number =>
      unpackExtremes(
        'min',
        reduceBuffers(
          parts.map((v) => packExtremes('min', f(v))),
          'min',
        ),
      )[0]!;
    expect(maxOf([1, NaN, 3])).toBeNaN();
    expect(minOf([NaN, -Infinity])).toBeNaN();
    expect(Object.is(maxOf([-0, 0, -0]), 0)).toBe(true);
    expect(Object.is(maxOf([-0, -0]), -0)).toBe(true);
    expect(Object.is(minOf([0, -0]), -0)).toBe(true);
    expect(Object.is(minOf([0, 0]), 0)).toBe(true);
    expect(maxOf([-Infinity, -Infinity])).toBe(-Infinity);
  });
});

describe('moments', () => {
  it('merge to the variance of the union', () => {
    const a = momentsOf(3, 2, 1); // 1, 2, 3
    const b = momentsOf(2, 5.5, 0.5); // 5, 6
    expect(varianceOf(mergeMoments(a, b))).toBeCloseTo(4.3, 14);
    expect(varianceOf(mergeMoments(momentsOf(0, NaN, NaN), momentsOf(1, 7, 0)))).toBe(0);
    expect(varianceOf(momentsOf(0, NaN, NaN))).toBeNaN();
  });
});
