import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { colAggregate, fullAggregate, rowAggregate, rowIndexExtreme, trace, type AggKind } from '../../../src/engine/kernels/aggregates.js';
import { cumulative, cumsumprod, rowCumsum } from '../../../src/engine/kernels/cumulative.js';
import { block, close, randomMatrix, rng, SHAPES, SPARSITIES } from './cellwise-helpers.js';

/** Naive two-pass reference over a list of values. */
function ref(kind: AggKind, v: number[]): number {
  const n = v.length;
  const sum = v.reduce((a, b) => a + b, 0);
  const mean = sum / n;
  switch (kind) {
    case 'sum':
      return sum;
    case 'sumSq':
      return v.reduce((a, b) => a + b * b, 0);
    case 'prod':
      return v.reduce((a, b) => a * b, 1);
    case 'mean':
      return mean;
    case 'var':
    case 'sd': {
      const s = n === 0 ? NaN : n === 1 ? 0 : v.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (n - 1);
      return kind === 'sd' ? Math.sqrt(s) : s;
    }
    case 'min':
      return v.reduce((a, b) => Math.min(a, b), Infinity);
    case 'max':
      return v.reduce((a, b) => Math.max(a, b), -Infinity);
  }
}

const KINDS: readonly AggKind[] = ['sum', 'sumSq', 'prod', 'mean', 'var', 'sd', 'min', 'max'];

describe('full, row and column aggregates', () => {
  const r = rng(11);
  for (const kind of KINDS) {
    it(`${kind} matches the reference for dense and sparse inputs`, () => {
      for (const [m, n] of SHAPES) {
        for (const s of SPARSITIES) {
          // Values without Inf so that var/sd stay comparable (NaN still covered).
          const a = randomMatrix(r, m, n, s).map((row) => row.map((x) => (Number.isFinite(x) || Number.isNaN(x) ? x : 3)));
          for (const sparse of [false, true]) {
            const x = block(m, n, a, sparse);
            const what = `${kind} ${m}x${n} s=${s} sparse=${sparse}`;
            expect(close(fullAggregate(kind, x), ref(kind, a.flat())), what).toBe(true);
            const rows = rowAggregate(kind, x);
            expect([rows.rows, rows.cols]).toEqual([m, 1]);
            for (let i = 0; i < m; i++) expect(close(rows.get(i, 0), ref(kind, a[i]!)), `${what} row ${i}`).toBe(true);
            const cols = colAggregate(kind, x);
            expect([cols.rows, cols.cols]).toEqual([1, n]);
            for (let j = 0; j < n; j++) {
              expect(close(cols.get(0, j), ref(kind, a.map((row) => row[j]!))), `${what} col ${j}`).toBe(true);
            }
          }
        }
      }
    });
  }

  it('empty matrices: sum 0, mean NaN', () => {
    expect(fullAggregate('sum', MatrixBlock.dense(0, 0))).toBe(0);
    expect(fullAggregate('mean', MatrixBlock.dense(0, 0))).toBeNaN();
    expect(colAggregate('sum', MatrixBlock.dense(0, 3)).toArrays()).toEqual([[0, 0, 0]]);
  });

  it('variance of one value is 0 (SystemDS)', () => {
    expect(fullAggregate('var', MatrixBlock.scalar(5))).toBe(0);
    expect(fullAggregate('var', MatrixBlock.fromRows([[1, 2, 3, 4]]))).toBeCloseTo(5 / 3, 14);
  });

  it('Kahan summation recovers tiny addends that naive summation loses', () => {
    const n = 1_000_000;
    const d = new Float64Array(n + 1).fill(1e-16);
    d[0] = 1;
    const x = MatrixBlock.dense(n + 1, 1, d);
    let naive = 0;
    for (const v of d) naive += v;
    expect(naive).toBe(1);
    expect(fullAggregate('sum', x)).toBeCloseTo(1 + 1e-10, 15);
    expect(colAggregate('sum', x).get(0, 0)).toBeCloseTo(1 + 1e-10, 15);
    expect(fullAggregate('mean', x) * (n + 1)).toBeCloseTo(1 + 1e-10, 12);
  });

  it('trace sums the diagonal and needs a square matrix', () => {
    expect(trace(MatrixBlock.fromRows([[1, 2], [3, 4]]))).toBe(5);
    expect(() => trace(MatrixBlock.zeros(2, 3))).toThrow(DmlError);
  });
});

describe('rowIndexMax / rowIndexMin', () => {
  it('returns the LAST extreme among ties, 1-based', () => {
    const x = MatrixBlock.fromRows([
      [1, 3, 3, 2],
      [0, 0, 0, 0],
      [-1, -5, -5, 0],
      [2, NaN, 1, 2],
    ]);
    for (const b of [x, x.toSparse()]) {
      expect(rowIndexExtreme(b, true).toArrays().flat()).toEqual([3, 4, 4, 4]);
      expect(rowIndexExtreme(b, false).toArrays().flat()).toEqual([1, 4, 3, 3]);
    }
  });

  it('sparse rows compare implicit zeros', () => {
    const x = MatrixBlock.fromRows([[-1, 0, -2, 0, 0, 0, 0, 0, 0, -3]]).toSparse();
    expect(rowIndexExtreme(x, true).get(0, 0)).toBe(9);
  });
});

describe('cumulative', () => {
  it('cumsum, cumprod, cummin, cummax go down columns; rowcumsum along rows', () => {
    const x = MatrixBlock.fromRows([[1, 2], [3, -1], [0, 5]]);
    expect(cumulative('cumsum', x).toArrays()).toEqual([[1, 2], [4, 1], [4, 6]]);
    expect(cumulative('cumprod', x).toArrays()).toEqual([[1, 2], [3, -2], [0, -10]]);
    expect(cumulative('cummin', x).toArrays()).toEqual([[1, 2], [1, -1], [0, -1]]);
    expect(cumulative('cummax', x).toArrays()).toEqual([[1, 2], [3, 2], [3, 5]]);
    expect(rowCumsum(x).toArrays()).toEqual([[1, 3], [3, 2], [0, 5]]);
    expect(cumsumprod(MatrixBlock.fromRows([[1, 0], [2, 0.5], [3, 2]])).toArrays().flat()).toEqual([1, 2.5, 8]);
  });

  it('dense and sparse inputs agree on random data', () => {
    const r = rng(23);
    for (const [m, n] of SHAPES) {
      for (const s of SPARSITIES) {
        const a = randomMatrix(r, m, n, s);
        for (const k of ['cumsum', 'cumprod', 'cummin', 'cummax'] as const) {
          const d = cumulative(k, block(m, n, a, false)).toArrays();
          const sp = cumulative(k, block(m, n, a, true)).toArrays();
          expect(sp).toEqual(d);
          // reference: column j prefix
          for (let j = 0; j < n; j++) {
            let acc = NaN;
            for (let i = 0; i < m; i++) {
              const v = a[i]![j]!;
              acc = i === 0 ? v : k === 'cumsum' ? acc + v : k === 'cumprod' ? acc * v : k === 'cummin' ? Math.min(acc, v) : Math.max(acc, v);
              expect(close(d[i]![j]!, acc), `${k} ${i},${j}`).toBe(true);
            }
          }
        }
      }
    }
  });
});

describe('rowMins / rowMaxs: comparison loop, same values as the Math.min/max fold', () => {
  it('NaN rows, signed zeros, infinities, one column', () => {
    const specials = [0, -0, NaN, Infinity, -Infinity, 1.5, -2.5];
    let seed = 11;
    const next = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [1, 3, 10]) {
      const m = 400;
      const d = new Float64Array(m * n);
      for (let k = 0; k < d.length; k++) d[k] = next() < 0.3 ? specials[Math.floor(next() * specials.length)]! : next() * 4 - 2;
      const x = MatrixBlock.dense(m, n, d);
      for (const kind of ['min', 'max'] as const) {
        const got = rowAggregate(kind, x).toArrays();
        for (let i = 0; i < m; i++) {
          let want = kind === 'min' ? Infinity : -Infinity;
          for (let j = 0; j < n; j++) want = kind === 'min' ? Math.min(want, d[i * n + j]!) : Math.max(want, d[i * n + j]!);
          expect(Object.is(got[i]![0], want), `${kind} row ${i} n=${n}: ${got[i]![0]} vs ${want}`).toBe(true);
        }
      }
    }
  });
});
