/**
 * native/sums.c gives bit-identical results to the TypeScript blocked-Kahan kernels (row, column
 * and full sums), including ragged tails, Inf/NaN cells and overflowing partial sums. Without a C
 * compiler both runs take the TypeScript path and the comparisons hold trivially.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { colAggregate, fullAggregate, rowAggregate } from '../../../src/engine/kernels/aggregates.js';
import { sumRange } from '../../../src/engine/kernels/aggregators.js';
import {
  compiledCallCount,
  compiledKernels,
  resetCompiledKernels,
} from '../../../src/engine/kernels/compiled/library.js';
import { adviseHugePages } from '../../../src/engine/kernels/compiled/huge-pages.js';
import { standaloneResources, withKernelResources } from '../../../src/engine/kernel-resources.js';
import { printed } from '../../helpers/run.js';
import { spreadValues as values } from './compiled-helpers.js';

const saved = process.env.TESSERA_KERNELS;

afterEach(() => {
  if (saved === undefined) delete process.env.TESSERA_KERNELS;
  else process.env.TESSERA_KERNELS = saved;
  resetCompiledKernels();
});

/** f() with the TypeScript kernels, then with the compiled ones (when built). */
function both<T>(f: () => T): [ts: T, compiled: T] {
  process.env.TESSERA_KERNELS = 'js';
  resetCompiledKernels();
  const ts = f();
  if (saved === undefined) delete process.env.TESSERA_KERNELS;
  else process.env.TESSERA_KERNELS = saved;
  resetCompiledKernels();
  return [ts, f()];
}

/** All cells, row-major (dense or sparse result). */
function cells(b: MatrixBlock): number[] {
  const r: number[] = [];
  for (let i = 0; i < b.rows; i++) for (let j = 0; j < b.cols; j++) r.push(b.get(i, j));
  return r;
}

/** Same bits per cell (Object.is: -0 and NaN compared exactly). */
function expectSame(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(b.length).toBe(a.length);
  const diff: string[] = [];
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) diff.push(`[${k}] ${a[k]} vs ${b[k]}`);
  expect(diff.slice(0, 5)).toEqual([]);
}

/** A matrix with Inf, -Inf, NaN, overflowing and tiny cells scattered over some rows/columns. */
function nasty(m: number, n: number, seed: number): MatrixBlock {
  const d = values(m * n, seed, 12);
  const put = (i: number, j: number, v: number): void => {
    if (i < m && j < n) d[i * n + j] = v;
  };
  put(1, 3, Infinity);
  put(2, 0, -Infinity);
  put(2, n - 1, Infinity);
  put(3, 5, NaN);
  // Overflowing partial sums in a finite row/column: the blocked sum overflows, KahanSum's rules decide.
  put(4, 0, 1.7e308);
  put(4, 1, 1.7e308);
  put(4, 2, -1.7e308);
  put(5, 7, 1e-310);
  put(6, 0, -0);
  for (let i = 0; i < m; i += 97) put(i, n >> 1, 1e300);
  return MatrixBlock.dense(m, n, d);
}

const SHAPES: [number, number][] = [
  [1, 1],
  [3, 31],
  [37, 1000],
  [5, 33],
  [1030, 37],
  [2049, 65],
  [700, 513],
  [2, 4097],
];

describe('compiled sums (native/sums.c) match the TypeScript kernels bit for bit', () => {
  it('loads the library when it was built', () => {
    resetCompiledKernels();
    if (compiledKernels() === undefined) return; // no C compiler here: TypeScript-only run
    const before = compiledCallCount();
    rowAggregate('sum', MatrixBlock.dense(64, 64, values(4096, 1, 3)));
    expect(compiledCallCount()).toBeGreaterThan(before);
  });

  it('rowSums and rowMeans, ragged tails, Inf/NaN and overflowing rows', () => {
    for (const [m, n] of SHAPES) {
      for (const x of [MatrixBlock.dense(m, n, values(m * n, m + n, 8)), nasty(m, n, m * n)]) {
        for (const kind of ['sum', 'mean'] as const) {
          const [a, b] = both(() => cells(rowAggregate(kind, x)));
          expectSame(a, b);
        }
      }
    }
  });

  it('colSums, colMeans and colSumSqs, m not a multiple of the 1024-row chunk', () => {
    for (const [m, n] of SHAPES) {
      for (const x of [MatrixBlock.dense(m, n, values(m * n, 7 * m + n, 8)), nasty(m, n, m + 3)]) {
        for (const kind of ['sum', 'mean', 'sumSq'] as const) {
          const [a, b] = both(() => cells(colAggregate(kind, x)));
          expectSame(a, b);
        }
      }
    }
  });

  it('full sums and sums of squares over ranges with ragged ends', () => {
    for (const n of [0, 1, 31, 32, 33, 511, 512, 513, 4097, 100_003]) {
      for (const d of [values(n, n + 1, 1), values(n, n + 2, 14)]) {
        for (const [s, e] of [
          [0, n],
          [Math.min(n, 3), n],
          [0, Math.max(0, n - 5)],
        ] as const) {
          for (const square of [false, true]) {
            const [a, b] = both(() => sumRange(d, s, e, square));
            expectSame(a, b);
          }
        }
      }
      const x = nasty(1, n, n);
      const [a, b] = both(() => [fullAggregate('sum', x), sumRange(x.denseData(), 0, n, true)[0]]);
      expectSame(a, b);
    }
  });

  it('where Kahan matters: huge and tiny magnitudes that cancel', () => {
    const m = 1500;
    const n = 67;
    const d = new Float64Array(m * n);
    for (let k = 0; k < d.length; k++) d[k] = k % 3 === 0 ? 1e16 : k % 3 === 1 ? 1 : -1e16;
    const x = MatrixBlock.dense(m, n, d);
    const [a, b] = both(() => [
      ...cells(rowAggregate('sum', x)),
      ...cells(colAggregate('sum', x)),
      fullAggregate('sum', x),
    ]);
    expectSame(a, b);
  });

  it('the parallel split (workers load the library themselves) gives the same values', () => {
    withKernelResources(standaloneResources({ threads: 2, minCells: 1000 }), () => {
      const x = nasty(2500, 301, 11);
      const [a, b] = both(() => [
        ...cells(rowAggregate('sum', x)),
        ...cells(rowAggregate('mean', x)),
        ...cells(colAggregate('sum', x)),
        ...cells(colAggregate('sumSq', x)),
        fullAggregate('sum', x),
        fullAggregate('sumSq', x),
      ]);
      expectSame(a, b);
    });
  });

  it('huge-page advice on fresh buffers is harmless with and without the library', () => {
    const [a, b] = both(() => {
      const d = new Float64Array(3 << 20);
      adviseHugePages(d);
      adviseHugePages(new Float64Array(new SharedArrayBuffer(8 << 20)).subarray(1));
      adviseHugePages(new Float64Array(10));
      d.fill(1.5);
      return fullAggregate('sum', MatrixBlock.dense(3, 1 << 20, d));
    });
    expect(a).toBe(1.5 * (3 << 20));
    expect(b).toBe(a);
  });

  it('through DML scripts', () => {
    const script = `
      X = rand(rows=1100, cols=77, min=-1e6, max=1e6, seed=5)
      X[3, 4] = 1/0
      X[9, 1] = 0/0
      R = rowSums(X); C = colSums(X); M = colMeans(X); Q = rowMeans(X)
      print(toString(R[1:12, 1], decimal=17))
      print(toString(t(C), decimal=17))
      print(sum(M) + " " + sum(Q[10:1100, 1]) + " " + sum(X[10:1100, ]) + " " + sum(X^2))
    `;
    const [a, b] = both(() => printed(script));
    expect(b).toEqual(a);
  });
});
