import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { ctable } from '../../../src/engine/kernels/table.js';
import { groupedAggregate } from '../../../src/engine/kernels/grouped-aggregate.js';
import { outer } from '../../../src/engine/kernels/outer.js';
import { unique } from '../../../src/engine/kernels/unique.js';
import { contains, replace } from '../../../src/engine/kernels/replace.js';
import { ifelse } from '../../../src/engine/kernels/ifelse.js';
import { expectMatrix, forEachCase, fromArrays, seeded } from './reorg-fixtures.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e.diagnostics[0]!.code;
    throw e;
  }
  return undefined;
}

const col = (xs: number[]): MatrixBlock => fromArrays(xs.length, 1, xs.map((v) => [v]));

describe('ctable', () => {
  it('counts pairs, skips NaN tuples, sums weights, sizes by max', () => {
    const a = col([1, 2, 2, NaN, 3]);
    const b = col([1, 1, 1, 2, 2]);
    expectMatrix(ctable(a, b), 3, 2, [[1, 0], [2, 0], [0, 1]]);
    expectMatrix(ctable(a, b, col([0.5, 1, 2, 9, NaN])), 2, 1, [[0.5], [3]]);
    expectMatrix(ctable(a, 1), 3, 1, [[1], [2], [1]]);
    expectMatrix(ctable(a.toSparse(), b.toSparse(), 2), 3, 2, [[2, 0], [4, 0], [0, 2]]);
  });
  it('pads or truncates to given dims', () => {
    const a = col([1, 2, 3]);
    expectMatrix(ctable(a, a, 1, { rows: 4, cols: 2 }), 4, 2, [[1, 0], [0, 1], [0, 0], [0, 0]]);
  });
  it('matches a naive count on random data', () => {
    const r = seeded(5);
    for (let t = 0; t < 20; t++) {
      const n = Math.floor(r() * 50);
      const av = Array.from({ length: n }, () => 1 + Math.floor(r() * 6) + (r() < 0.3 ? 0.4 : 0));
      const bv = Array.from({ length: n }, () => 1 + Math.floor(r() * 4));
      const wv = Array.from({ length: n }, () => Math.round(r() * 10) / 2);
      const mr = av.reduce((m, v) => Math.max(m, Math.floor(v)), 0);
      const mc = bv.reduce((m, v) => Math.max(m, v), 0);
      const exp = Array.from({ length: mr }, () => new Array<number>(mc).fill(0));
      av.forEach((v, k) => (exp[Math.floor(v) - 1]![bv[k]! - 1]! += wv[k]!));
      expectMatrix(ctable(col(av), col(bv), col(wv)), mr, mc, exp, `trial ${t}`);
    }
  });
  it('rejects values <= 0 and mismatched shapes', () => {
    expect(codeOf(() => ctable(col([1, 0]), col([1, 1])))).toBe('DML5002');
    expect(codeOf(() => ctable(col([1, -2]), col([1, 1])))).toBe('DML5002');
    expect(codeOf(() => ctable(col([1, 2]), col([1, 1, 1])))).toBe('DML4001');
  });
});

describe('groupedAggregate', () => {
  const x = fromArrays(6, 2, [[1, 10], [2, 20], [3, 30], [4, 40], [5, 50], [6, 60]]);
  const g = col([1, 2, 1, 2, 1, 4]);
  it('computes sum, count, mean, variance per group and column', () => {
    expectMatrix(groupedAggregate(x, g, { fn: 'sum' }), 4, 2, [[9, 90], [6, 60], [0, 0], [6, 60]]);
    expectMatrix(groupedAggregate(x, g, { fn: 'count' }), 4, 2, [[3, 3], [2, 2], [0, 0], [1, 1]]);
    expectMatrix(groupedAggregate(x, g, { fn: 'mean' }), 4, 2, [[3, 30], [3, 30], [0, 0], [6, 60]]);
    expectMatrix(groupedAggregate(x, g, { fn: 'variance' }), 4, 2, [[4, 400], [2, 200], [0, 0], [0, 0]]);
    expectMatrix(groupedAggregate(x.toSparse(), g.toSparse(), { fn: 'variance' }), 4, 2, [[4, 400], [2, 200], [0, 0], [0, 0]]);
  });
  it('supports weights, ngroups and central moments', () => {
    const w = col([1, 1, 2, 1, 1, 1]);
    expectMatrix(groupedAggregate(x, g, { fn: 'sum', weights: w }), 4, 2, [[12, 120], [6, 60], [0, 0], [6, 60]]);
    expectMatrix(groupedAggregate(x, g, { fn: 'count', weights: w, ngroups: 2 }), 2, 2, [[4, 4], [2, 2]]);
    // group 1 of column 1: 1, 3, 5 -> mean 3, m3 = 0, m2 = 8/3
    const cm2 = groupedAggregate(col([1, 3, 5]), col([1, 1, 1]), { fn: 'centralmoment', order: 2 });
    expect(cm2.get(0, 0)).toBeCloseTo(8 / 3, 12);
    const cm3 = groupedAggregate(col([1, 2, 6]), col([1, 1, 1]), { fn: 'centralmoment', order: 3 });
    expect(cm3.get(0, 0)).toBeCloseTo(((1 - 3) ** 3 + (2 - 3) ** 3 + 27) / 3, 12);
  });
  it('rejects bad groups and orders', () => {
    expect(codeOf(() => groupedAggregate(x, col([1, 0, 1, 1, 1, 1]), { fn: 'sum' }))).toBe('DML5002');
    expect(codeOf(() => groupedAggregate(x, col([1, 2]), { fn: 'sum' }))).toBe('DML4001');
    expect(codeOf(() => groupedAggregate(x, g, { fn: 'centralmoment', order: 5 }))).toBe('DML3004');
  });
});

describe('outer', () => {
  it('applies any binary operator to all pairs', () => {
    const a = col([1, 2, NaN]);
    const b = fromArrays(1, 2, [[2, 1]]);
    expectMatrix(outer(a, b, '+'), 3, 2, [[3, 2], [4, 3], [NaN, NaN]]);
    expectMatrix(outer(a, b, '<'), 3, 2, [[1, 0], [0, 0], [0, 0]]);
    expectMatrix(outer(a, b, '=='), 3, 2, [[0, 1], [1, 0], [0, 0]]);
    expectMatrix(outer(a.toSparse(), b.toSparse(), 'max'), 3, 2, [[2, 1], [2, 2], [NaN, NaN]]);
    expect(codeOf(() => outer(a, b, '??'))).toBe('DML3004');
  });
});

describe('unique', () => {
  it('gives distinct values in first-occurrence order by direction', () => {
    const x = fromArrays(3, 3, [[1, 2, 1], [NaN, 0, 2], [1, NaN, 1]]);
    expectMatrix(unique(x), 4, 1, [[1], [2], [NaN], [0]]);
    expectMatrix(unique(x.toSparse(), 'r'), 3, 3, [[1, 2, 0], [NaN, 0, 2], [1, NaN, 0]]);
    expectMatrix(unique(x, 'c'), 3, 3, [[1, 2, 1], [NaN, 0, 2], [0, NaN, 0]]);
  });
});

describe('replace / contains', () => {
  it('matches the naive reference, including NaN and zero patterns', () => {
    forEachCase(31, ({ rows, cols, arrays, dense, sparse, label }) => {
      for (const [p, v] of [[0, 7], [NaN, 0], [NaN, -1], [Infinity, 2], [1, 0], [3, 3]] as const) {
        const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
        const exp = arrays.map((row) => row.map((c) => (same(c, p) ? v : c)));
        expectMatrix(replace(dense, p, v), rows, cols, exp, `${label} replace ${p}`);
        expectMatrix(replace(sparse, p, v), rows, cols, exp, `${label} replace ${p} sparse`);
        const has = arrays.some((row) => row.some((c) => same(c, p)));
        expect(contains(dense, p), `${label} contains ${p}`).toBe(has);
        expect(contains(sparse, p), `${label} contains ${p} sparse`).toBe(has);
      }
    });
  });
});

describe('ifelse', () => {
  it('selects cell-wise with scalar broadcast', () => {
    forEachCase(41, ({ rows, cols, arrays, dense, sparse, label }) => {
      const other = arrays.map((row) => row.map((v) => -v));
      const o = fromArrays(rows, cols, other);
      const exp = arrays.map((row, i) => row.map((c, j) => (c !== 0 ? 5 : other[i]![j]!)));
      expectMatrix(ifelse(dense, 5, o), rows, cols, exp, label);
      expectMatrix(ifelse(sparse, 5, o.toSparse()), rows, cols, exp, `${label} sparse`);
    });
    expectMatrix(ifelse(1, fromArrays(1, 2, [[1, 2]]), 0), 1, 2, [[1, 2]]);
    expectMatrix(ifelse(0, fromArrays(1, 2, [[1, 2]]), 3), 1, 2, [[3, 3]]);
  });
  it('rejects mismatched matrix dims', () => {
    expect(codeOf(() => ifelse(MatrixBlock.zeros(2, 2), MatrixBlock.zeros(2, 3), 1))).toBe('DML4001');
  });
});
