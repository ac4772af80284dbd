/**
 * rand()'s per-block streams (src/engine/kernels/random.ts): the first RAND_BLOCK_ROWS rows are
 * the numbers the single-stream generator gave (values below were computed with it before rows
 * came in blocks: every script of at most 1000 rows prints what it printed), each later block
 * comes from its own stream, and any row range is generated exactly as the whole matrix has it.
 */
import { describe, expect, it } from 'vitest';
import type { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import {
  RAND_BLOCK_ROWS,
  Random,
  randMatrix,
  randRows,
  type RandSpec,
} from '../../../src/engine/kernels/random.js';

const BASE: RandSpec = {
  rows: 1000,
  cols: 7,
  min: 0,
  max: 1,
  sparsity: 1,
  seed: 42,
  pdf: 'uniform',
  lambda: 1,
};

function cells(m: MatrixBlock): number[] {
  const out: number[] = [];
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.push(m.get(i, j));
  return out;
}

/** Row-major sum in a fixed order: equal bits only when every cell is the same. */
function sumOf(m: MatrixBlock): number {
  return cells(m).reduce((a, b) => a + b, 0);
}

/** Computed with the single-stream generator (before per-block streams) for 1000 x 7 matrices. */
const BEFORE: Record<string, { spec: RandSpec; nnz: number; sum: number; cells: readonly number[] }> = {
  uniform: {
    spec: { ...BASE, min: -2, max: 3 },
    nnz: 7000,
    sum: 3501.714680138067,
    cells: [1.3030786040008104, 2.8443960376575923, -1.968614189453611, 0.487222668806361],
  },
  normal: {
    spec: { ...BASE, pdf: 'normal', seed: 7 },
    nnz: 7000,
    sum: -57.21179156235357,
    cells: [-1.5370383110628956, -0.8068733903337908, 0.6971330028029717, 2.025910351750927],
  },
  poisson: {
    spec: { ...BASE, pdf: 'poisson', lambda: 3.5, seed: 11 },
    nnz: 6787,
    sum: 24390,
    cells: [0, 5, 4, 1],
  },
  poissonPtrs: {
    spec: { ...BASE, pdf: 'poisson', lambda: 25, seed: 12 },
    nnz: 7000,
    sum: 174196,
    cells: [25, 22, 26, 22],
  },
  sparse: {
    spec: { ...BASE, sparsity: 0.2, seed: 13 },
    nnz: 1452,
    sum: 712.8691640845291,
    cells: [0, 0, 0.989436346828209, 0],
  },
  largeSeed: {
    spec: { ...BASE, seed: 123456789012 },
    nnz: 7000,
    sum: 3546.4769338345786,
    cells: [0.885025417214031, 0.6282935756004082, 0.6853376607526451, 0.26064990374497854],
  },
};

describe('rand: the first block is the single-stream generator', () => {
  it.each(Object.entries(BEFORE))('%s', (_, want) => {
    const m = randMatrix(want.spec);
    expect(m.nnz).toBe(want.nnz);
    expect(sumOf(m)).toBe(want.sum);
    expect([m.get(0, 0), m.get(0, 6), m.get(499, 3), m.get(999, 6)]).toEqual(want.cells);
  });

  it('is also the first 1000 rows of a taller matrix', () => {
    for (const want of Object.values(BEFORE)) {
      const tall = randMatrix({ ...want.spec, rows: 2500 });
      expect(sumOf(randRows({ ...want.spec, rows: 2500 }, 0, 1000))).toBe(want.sum);
      expect([tall.get(0, 0), tall.get(0, 6), tall.get(499, 3), tall.get(999, 6)]).toEqual(want.cells);
    }
  });
});

describe('rand: rows beyond the first block come from their own streams', () => {
  it.each(['uniform', 'normal', 'poisson', 'sparse'])(
    '%s: rows 1001:2500 are blocks 1 and 2 drawn fresh',
    (name) => {
      const spec = { ...BEFORE[name]!.spec, rows: 2500 };
      const whole = randMatrix(spec);
      // Block b alone: a 1000-row rand whose stream is Random.forBlock(seed, b).
      for (const b of [1, 2]) {
        const rows = Math.min(RAND_BLOCK_ROWS, spec.rows - b * RAND_BLOCK_ROWS);
        const r = Random.forBlock(spec.seed, b);
        const fresh: number[] = [];
        for (let k = 0; k < rows * spec.cols; k++) {
          const keep = spec.sparsity >= 1 || r.nextDouble() < spec.sparsity;
          const v = !keep
            ? 0
            : spec.pdf === 'uniform'
              ? spec.min + (spec.max - spec.min) * r.nextDouble()
              : spec.pdf === 'normal'
                ? r.nextGaussian()
                : r.nextPoisson(spec.lambda);
          fresh.push(v);
        }
        const start = b * RAND_BLOCK_ROWS;
        expect(cells(randRows(spec, start, start + rows))).toEqual(fresh);
        expect(cells(whole).slice(start * spec.cols, (start + rows) * spec.cols)).toEqual(fresh);
      }
    },
  );

  it('block 0 is new Random(seed); later blocks differ from it and from each other', () => {
    const a = new Random(5).nextUint32();
    expect(Random.forBlock(5, 0).nextUint32()).toBe(a);
    const firsts = new Set(Array.from({ length: 2000 }, (_, b) => Random.forBlock(5, b).nextUint32()));
    expect(firsts.size).toBe(2000);
  });

  it('later blocks are uniform: mean and variance of 3 blocks of 1000 x 20', () => {
    const m = randMatrix({ ...BASE, rows: 4000, cols: 20, seed: 99 });
    const rest = cells(m).slice(1000 * 20);
    const mean = rest.reduce((s, v) => s + v, 0) / rest.length;
    const variance = rest.reduce((s, v) => s + (v - mean) ** 2, 0) / rest.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.003);
  });
});

describe('rand: any row range equals the rows of the whole matrix', () => {
  const specs: Record<string, RandSpec> = {
    uniform: { ...BASE, rows: 3333, cols: 3, min: -1, max: 2, seed: 3 },
    normal: { ...BASE, rows: 3333, cols: 3, pdf: 'normal', seed: 4 },
    poisson: { ...BASE, rows: 3333, cols: 3, pdf: 'poisson', lambda: 12, seed: 5 },
    sparse: { ...BASE, rows: 3333, cols: 3, sparsity: 0.1, seed: 6 },
    empty: { ...BASE, rows: 3333, cols: 3, sparsity: 0, seed: 7 },
    oneColumn: { ...BASE, rows: 2001, cols: 1, seed: 8 },
  };
  const ranges: readonly (readonly [number, number])[] = [
    [0, 0],
    [0, 1],
    [999, 1001],
    [1000, 2000],
    [17, 2999],
    [1500, 1500],
    [2000, 2001],
  ];
  it.each(Object.entries(specs))('%s', (_, spec) => {
    const whole = cells(randMatrix(spec));
    for (const [s, e] of ranges) {
      if (e > spec.rows) continue;
      const part = randRows(spec, s, e);
      expect(part.rows).toBe(e - s);
      expect(cells(part)).toEqual(whole.slice(s * spec.cols, e * spec.cols));
    }
  });

  it('rejects a range outside the matrix', () => {
    expect(() => randRows({ ...BASE, rows: 10 }, 5, 11)).toThrow(RangeError);
    expect(() => randRows({ ...BASE, rows: 10 }, 6, 5)).toThrow(RangeError);
  });
});
