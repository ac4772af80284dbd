/**
 * Full, row and column aggregates on row partitions against LOCAL on the whole matrix, with the
 * exactness each documents: row aggregates and min/max bit-identical (NaN and the sign of zero
 * included), sums, products, means and variances within 1e-12 relative.
 */
import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { checkAgainstLocal, datasets, dense, planOf, runDist, type Exactness } from './harness.js';

const FULL: readonly (readonly [string, Exactness])[] = [
  ['sum', 'close'],
  ['sumSq', 'close'],
  ['mean', 'close'],
  ['avg', 'close'],
  ['prod', 'close'],
  ['min', 'exact'],
  ['max', 'exact'],
  ['var', 'close'],
  ['sd', 'close'],
];

const ROW = ['rowSums', 'rowMeans', 'rowMins', 'rowMaxs', 'rowProds', 'rowVars', 'rowSds'];

const COL: readonly (readonly [string, Exactness])[] = [
  ['colSums', 'close'],
  ['colMeans', 'close'],
  ['colMins', 'exact'],
  ['colMaxs', 'exact'],
  ['colProds', 'close'],
  ['colVars', 'close'],
  ['colSds', 'close'],
];

/** Zeros of both signs in different partitions, and a mean far from the spread (variance). */
const EDGE: readonly (readonly [string, MatrixBlock])[] = [
  [
    'signed zeros',
    MatrixBlock.fromRows([
      [-0, 1],
      [0, -0],
      [-0, -1],
      [-0, 0],
    ]),
  ],
  ['negative zeros only', MatrixBlock.fromRows([[-0], [-0], [-0]])],
  ['mean 1e3 spread 1, 8x3', dense(8, 3, 41, 1e3, 1e3 + 1)],
  ['one NaN 1x1', MatrixBlock.fromRows([[NaN]])],
  // An infinity alone in a partition (P = 3: one row each): LOCAL's variance is NaN (Welford's
  // update meets Inf - Inf), which a one-value partial's M2 of 0 would turn into Inf.
  ['an infinity alone in its partition 3x1', MatrixBlock.fromRows([[1], [4], [Infinity]])],
  [
    'infinities of both signs alone 3x2',
    MatrixBlock.fromRows([
      [-Infinity, 1],
      [4, 2],
      [3, Infinity],
    ]),
  ],
];

describe('full aggregates: partial per rank, one collective', () => {
  for (const [op, how] of FULL) {
    it(`${op}: ${how === 'exact' ? 'bit-identical' : 'within 1e-12'} to LOCAL`, () => {
      let runs = 0;
      for (const [name, x] of [...datasets(), ...EDGE])
        runs += checkAgainstLocal(op, [x], how, `${op}(${name})`);
      expect(runs).toBeGreaterThan(40);
    });
  }

  it('combines: sums and products by allreduce, min/max by packed allreduce, var by allgather', () => {
    const x = dense(5, 2, 1);
    expect(planOf('sum', [x])).toMatchObject({ combine: 'allreduce', op: 'sum', length: 1 });
    expect(planOf('prod', [x])).toMatchObject({ combine: 'allreduce', op: 'prod' });
    expect(planOf('max', [x])).toMatchObject({ combine: 'allreduce', op: 'max', length: 3 });
    expect(planOf('var', [x])).toMatchObject({ combine: 'allgather', length: 3 });
    expect(planOf('sd', [x])?.result).toBe('scalar');
  });

  it('keeps the sign of a zero max/min as LOCAL (Math.max/Math.min), whatever the partitioning', () => {
    const x = MatrixBlock.fromRows([[-0], [0], [-0]]);
    for (const p of [1, 2, 3, 5]) {
      expect(Object.is(runDist('max', [x], p), 0)).toBe(true);
      expect(Object.is(runDist('min', [x], p), -0)).toBe(true);
    }
  });
});

describe('variance of ill-conditioned data (mean / sd = 3e6)', () => {
  // Neither LOCAL's Welford pass nor the merged partials reach 1e-12 here: a mean near 1e6 is
  // only known to its ulp (1e-10), so both are within a small multiple of (mean / sd) * eps of
  // the two-pass truth; DIST is held to the same bound, not to LOCAL's last digits.
  it('var is within 1e-9 relative of the two-pass truth, as LOCAL', () => {
    const x = dense(8, 3, 41, 1e6, 1e6 + 1);
    const v = Array.from(x.denseData());
    const mean = v.reduce((a, b) => a + (b - 1e6), 0) / v.length + 1e6;
    const truth = v.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (v.length - 1);
    for (const p of [1, 2, 3, 4, 11]) {
      const d = runDist('var', [x], p) as number;
      expect(Math.abs(d - truth) / truth).toBeLessThan(1e-9);
    }
  });
});

describe('row aggregates: local, row-partitioned result', () => {
  for (const op of ROW) {
    it(`${op}: bit-identical to LOCAL`, () => {
      let runs = 0;
      for (const [name, x] of [...datasets(), ...EDGE])
        runs += checkAgainstLocal(op, [x], 'exact', `${op}(${name})`);
      expect(runs).toBeGreaterThan(40);
      expect(planOf(op, [dense(4, 3, 1)])).toMatchObject({ combine: 'rows', result: { rows: 4, cols: 1 } });
    });
  }
});

describe('column aggregates: 1 x n partial per rank, one collective', () => {
  for (const [op, how] of COL) {
    it(`${op}: ${how === 'exact' ? 'bit-identical' : 'within 1e-12'} to LOCAL`, () => {
      let runs = 0;
      for (const [name, x] of [...datasets(), ...EDGE])
        runs += checkAgainstLocal(op, [x], how, `${op}(${name})`);
      expect(runs).toBeGreaterThan(40);
    });
  }

  it('colVars packs (count, means, M2s) per rank', () => {
    expect(planOf('colVars', [dense(6, 3, 1)])).toMatchObject({ combine: 'allgather', length: 7 });
    expect(planOf('colMaxs', [dense(6, 3, 1)])).toMatchObject({ combine: 'allreduce', op: 'max', length: 9 });
  });
});

describe('empty dimensions', () => {
  const empties: readonly (readonly [string, MatrixBlock])[] = [
    ['0x4', MatrixBlock.dense(0, 4)],
    ['3x0', MatrixBlock.dense(3, 0)],
    ['0x0', MatrixBlock.dense(0, 0)],
  ];
  const ops: readonly (readonly [string, Exactness])[] = [
    ...FULL,
    ...COL,
    ...ROW.map((o) => [o, 'exact'] as const),
  ];
  for (const [name, x] of empties) {
    it(`${name}: every aggregate as LOCAL (identities: sum 0, prod 1, min Inf, mean/var NaN)`, () => {
      for (const [op, how] of ops) checkAgainstLocal(op, [x], how, `${op}(${name})`);
    });
  }
});
