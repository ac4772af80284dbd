import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { compiledKernels } from '../../../src/engine/kernels/compiled/library.js';
import { compiledCsrDenseRows } from '../../../src/engine/kernels/compiled/sparse.js';
import { matmul } from '../../../src/engine/kernels/matmul.js';
import { printed } from '../../helpers/run.js';
import { restoreKernelsAfterTests, rng, threads, withKernels } from './compiled-helpers.js';

restoreKernelsAfterTests();

/** A value drawn with some NaN, +-Inf and zeros mixed in (rate: chance of a special). */
function value(r: () => number, rate: number): number {
  const u = r();
  if (u < rate) return [NaN, Infinity, -Infinity, 0][Math.floor(r() * 4)]!;
  return r() * 20 - 10;
}

/** CSR with every third row empty, density d elsewhere, specials (including stored zeros). */
function sparse(rows: number, cols: number, d: number, seed: number, rate: number): MatrixBlock {
  const r = rng(seed);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (i % 3 !== 1)
      for (let j = 0; j < cols; j++)
        if (r() < d) {
          colIdx.push(j);
          values.push(value(r, rate));
        }
    rowPtr[i + 1] = colIdx.length;
  }
  return MatrixBlock.sparse(rows, cols, {
    rowPtr,
    colIdx: Int32Array.from(colIdx),
    values: Float64Array.from(values),
  });
}

function dense(rows: number, cols: number, seed: number, rate: number, zeros = 0): MatrixBlock {
  const r = rng(seed);
  const d = new Float64Array(rows * cols);
  for (let k = 0; k < d.length; k++) d[k] = r() < zeros ? 0 : value(r, rate);
  return MatrixBlock.dense(rows, cols, d);
}

/** Cell (i, j) of a block, whichever format it is in. */
function cells(m: MatrixBlock): Float64Array {
  return m.isSparse ? MatrixBlock.dense(m.rows, m.cols, toDense(m)).denseData() : m.denseData();
}

function toDense(m: MatrixBlock): Float64Array {
  const { rowPtr, colIdx, values } = m.sparseData();
  const d = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) d[i * m.cols + colIdx[p]!] = values[p]!;
  return d;
}

/** Cell-by-cell reference under the zero semantics, terms added in k order (as both kernels). */
function reference(a: MatrixBlock, b: MatrixBlock): Float64Array {
  const ad = a.isSparse ? toDense(a) : a.denseData();
  const bd = b.isSparse ? toDense(b) : b.denseData();
  const [m, kd, n] = [a.rows, a.cols, b.cols];
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < kd; k++) {
        const x = ad[i * kd + k]!;
        const y = bd[k * n + j]!;
        if (x !== 0 && y !== 0) s += x * y;
      }
      c[i * n + j] = s;
    }
  return c;
}

/** Bit-identical (Object.is: NaN equals NaN, -0 differs from 0); the first mismatch if not. */
function firstDiff(x: Float64Array, y: Float64Array): string | undefined {
  if (x.length !== y.length) return `length ${x.length} vs ${y.length}`;
  for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) return `cell ${k}: ${x[k]} vs ${y[k]}`;
  return undefined;
}

const compiledBuilt = withKernels(undefined, () => compiledCsrDenseRows() !== undefined);

describe('compiled sparse products', () => {
  it('loads the compiled kernels when built (skipped checks otherwise)', () => {
    if (!compiledBuilt) console.warn('compiled kernels not built: only the TypeScript path is tested');
    expect(withKernels('js', () => compiledKernels())).toBeUndefined();
  });

  describe.each([1, 3, 8, 100, 1000])('sparse x dense, n = %i', (n) => {
    const kd = 60;
    const rows = n >= 1000 ? 40 : 130;
    const a = sparse(rows, kd, 0.3, 7 + n, 0.05);
    const b = dense(kd, n, 11 + n, 0.01, 0.1);
    const expected = reference(a, b);
    it.each([false, true])('compiled = TypeScript = reference, parallel %s', (parallel) => {
      const js = withKernels('js', () => threads(parallel, () => cells(matmul(a, b))));
      const compiled = withKernels(undefined, () => threads(parallel, () => cells(matmul(a, b))));
      expect(firstDiff(js, expected)).toBeUndefined();
      expect(firstDiff(compiled, expected)).toBeUndefined();
    });
  });

  it.each([2, 16, 77, 128, 129, 200])('all-finite rows take the register-blocked path, n = %i', (n) => {
    // Long rows (600 entries) and every width class: whole rows in registers up to 128, then
    // 64-column blocks with a wider last block.
    const a = sparse(50, 3000, 0.2, 3 + n, 0);
    const b = dense(3000, n, 5 + n, 0);
    const js = withKernels('js', () => threads(false, () => cells(matmul(a, b))));
    const compiled = withKernels(undefined, () => threads(false, () => cells(matmul(a, b))));
    expect(firstDiff(compiled, js)).toBeUndefined();
  });

  describe.each([1, 3, 100, 1000])('dense x sparse, n = %i', (n) => {
    it('compiled = TypeScript = reference', () => {
      // 13 rows: three groups of four rows and a remainder row; zeros in A break up the groups.
      const a = dense(13, 70, 21 + n, 0.03, 0.2);
      const b = sparse(70, n, 0.3, 23 + n, 0.05);
      const expected = reference(a, b);
      const js = withKernels('js', () => cells(matmul(a, b)));
      const compiled = withKernels(undefined, () => cells(matmul(a, b)));
      expect(firstDiff(js, expected)).toBeUndefined();
      expect(firstDiff(compiled, expected)).toBeUndefined();
    });
  });

  /** CSR arrays of a sparse result, for an exact comparison of structure and values. */
  function csrOf(m: MatrixBlock): [number[], number[], Float64Array] {
    expect(m.isSparse).toBe(true);
    const { rowPtr, colIdx, values } = m.sparseData();
    return [
      Array.from(rowPtr),
      Array.from(colIdx.subarray(0, rowPtr[m.rows])),
      values.subarray(0, rowPtr[m.rows]!),
    ];
  }

  it.each([
    [200, 150, 120, 0.02, 0.02],
    [60, 400, 900, 0.05, 0.03],
    [150, 300, 2000, 0.03, 0.006],
  ])('sparse x sparse %i x %i x %i: compiled = TypeScript = reference', (m, kd, n, da, db) => {
    // The output is far denser than the inputs, so the result arrays grow (the compiled loop
    // stops and resumes); the second case takes the scan instead of the sort for dense rows, the
    // third sorts rows of ~100 columns (quicksort above 24).
    const a = sparse(m, kd, da, 31 + n, 0.05);
    const b = sparse(kd, n, db, 37 + n, 0.05);
    const js = withKernels('js', () => matmul(a, b));
    const compiled = withKernels(undefined, () => matmul(a, b));
    expect(firstDiff(cells(js), reference(a, b))).toBeUndefined();
    if (js.isSparse || compiled.isSparse) {
      const [p1, c1, v1] = csrOf(js);
      const [p2, c2, v2] = csrOf(compiled);
      expect(p2).toEqual(p1);
      expect(c2).toEqual(c1);
      expect(firstDiff(v2, v1)).toBeUndefined();
    } else expect(firstDiff(cells(compiled), cells(js))).toBeUndefined();
  });

  it('sparse x sparse drops cancelled sums from the CSR result', () => {
    const a = MatrixBlock.sparse(2, 2, {
      rowPtr: Int32Array.from([0, 2, 2]),
      colIdx: Int32Array.from([0, 1]),
      values: Float64Array.from([1, -1]),
    });
    const b = sparse(2, 50, 1, 3, 0).sparseData();
    // Both rows of B equal: row 0 of the product cancels to zero everywhere.
    const twin = MatrixBlock.sparse(2, 50, {
      rowPtr: Int32Array.from([0, 50, 100]),
      colIdx: Int32Array.from([...b.colIdx.subarray(0, 50), ...b.colIdx.subarray(0, 50)]),
      values: Float64Array.from([...b.values.subarray(0, 50), ...b.values.subarray(0, 50)]),
    });
    for (const mode of ['js', undefined] as const) {
      const c = withKernels(mode, () => matmul(a, twin));
      expect(c.nnz).toBe(0);
    }
  });

  it('a DML script prints the same with and without the compiled kernels, serial and parallel', () => {
    const script = [
      'S = rand(rows=3000, cols=400, sparsity=0.02, seed=3, min=-1, max=1)',
      'D = rand(rows=400, cols=100, seed=4)',
      'D[7, 3] = 1/0',
      'C = S %*% D',
      'X = rand(rows=300, cols=400, seed=5)',
      'E = X %*% S[1:400, 1:300]',
      'print(toString(C[1:5, 1:4]))',
      'print(sum(C[, 1:2]) + sum(C[, 4:100]))',
      'print(sum(is.nan(C)))',
      'print(sum(E))',
    ].join('\n');
    const runs = [false, true].flatMap((parallel) =>
      [undefined, 'js' as const].map((mode) =>
        withKernels(mode, () => threads(parallel, () => printed(script))),
      ),
    );
    for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
    expect(runs[0]!.length).toBeGreaterThan(3);
  });
});
