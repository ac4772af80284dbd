import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { colAggregate, fullAggregate, rowAggregate } from '../../../src/engine/kernels/aggregates.js';
import { KahanSum, sumRange } from '../../../src/engine/kernels/aggregators.js';
import { evaluateCellProgram } from '../../../src/engine/kernels/fused/cell-program.js';
import { spreadValues as values } from './compiled-helpers.js';

/** One-by-one Kahan reference (the engine's KahanSum accumulator). */
function kahan(values: Iterable<number>): number {
  const k = new KahanSum();
  for (const v of values) k.add(v);
  return k.sum;
}

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
}

describe('blocked Kahan sums (sum, rowSums, colSums, fused sum)', () => {
  it('agree with one-by-one Kahan within 1e-12 relative for many lengths and magnitudes', () => {
    for (const n of [0, 1, 15, 16, 31, 32, 33, 100, 1000, 4097, 100_003]) {
      for (const spread of [1, 8]) {
        const d = values(n, n + spread, spread);
        const ref = kahan(d);
        const got = sumRange(d, 0, n)[0];
        expect(n === 0 ? got : rel(got, ref)).toBeLessThanOrEqual(1e-12);
        const sq = sumRange(d, 0, n, true)[0];
        expect(n === 0 ? sq : rel(sq, kahan(Array.from(d, (v) => v * v)))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('keep tiny addends next to a large one (pairwise blocks, Kahan across blocks)', () => {
    const n = 100_000;
    const d = new Float64Array(n).fill(1e-16);
    d[0] = 1;
    expect(sumRange(d, 0, n)[0]).toBeCloseTo(1 + (n - 1) * 1e-16, 15);
    const x = MatrixBlock.dense(n / 10, 10, d);
    const cs = colAggregate('sum', x);
    expect(cs.get(0, 0)).toBeCloseTo(1 + (n / 10 - 1) * 1e-16, 15);
  });

  it('row and column sums of a wide matrix match Kahan per row/column', () => {
    const m = 37;
    const n = 1001;
    const d = values(m * n, 5, 6);
    const x = MatrixBlock.dense(m, n, d);
    const rs = rowAggregate('sum', x);
    const cs = colAggregate('sum', x);
    // The inlined row loop gives exactly sumRange's values.
    for (let i = 0; i < m; i++) expect(rs.get(i, 0)).toBe(sumRange(d, i * n, (i + 1) * n)[0]);
    for (let i = 0; i < m; i++)
      expect(rel(rs.get(i, 0), kahan(d.subarray(i * n, (i + 1) * n)))).toBeLessThanOrEqual(1e-12);
    for (let j = 0; j < n; j++) {
      const col = Array.from({ length: m }, (_, i) => d[i * n + j]!);
      expect(rel(cs.get(0, j), kahan(col))).toBeLessThanOrEqual(1e-12);
    }
  });

  it('Inf and NaN give the one-by-one accumulator results', () => {
    const cases: number[][] = [
      [1, Infinity, 2],
      [Infinity, -Infinity],
      [NaN, 1],
      [1e308, 1e308, -1e308],
    ];
    for (const c of cases) {
      const d = new Float64Array(64).fill(0.5);
      c.forEach((v, i) => (d[20 + i] = v));
      const ref = kahan(d);
      expect(Object.is(sumRange(d, 0, 64)[0], ref)).toBe(true);
      expect(Object.is(fullAggregate('sum', MatrixBlock.dense(1, 64, d)), ref)).toBe(true);
      expect(Object.is(rowAggregate('sum', MatrixBlock.dense(1, 64, d)).get(0, 0), ref)).toBe(true);
      expect(Object.is(colAggregate('sum', MatrixBlock.dense(64, 1, d)).get(0, 0), ref)).toBe(true);
      const f = evaluateCellProgram('*($0,$1)', [MatrixBlock.dense(2, 32, d), 1], 'sum') as number;
      expect(Object.is(f, ref)).toBe(true);
    }
  });

  it('the fused sum (16-cell blocks per row, tails, broadcast leaves) matches Kahan', () => {
    for (const [m, n] of [
      [3, 16],
      [5, 37],
      [40, 250],
    ] as const) {
      const a = values(m * n, m, 4);
      const b = values(m * n, n, 2);
      const col = values(m, 9, 1);
      const X = MatrixBlock.dense(m, n, a);
      const Y = MatrixBlock.dense(m, n, b);
      const c = MatrixBlock.dense(m, 1, col);
      const got = evaluateCellProgram('*(*($0,$1),$2)', [X, Y, c], 'sum') as number;
      const ref = kahan(Array.from(a, (v, k) => v * b[k]! * col[Math.floor(k / n)]!));
      expect(rel(got, ref)).toBeLessThanOrEqual(1e-12);
    }
  });
});
