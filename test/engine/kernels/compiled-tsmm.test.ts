import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { compiledCallCount, compiledKernels } from '../../../src/engine/kernels/compiled/library.js';
import { compiledTsmmLeftRows } from '../../../src/engine/kernels/compiled/tsmm.js';
import { syrk } from '../../../src/engine/kernels/native/routines.js';
import { nativeBlas } from '../../../src/engine/kernels/native/state.js';
import {
  compiledTsmmLeft,
  SKINNY_TSMM_MAX_COLS,
  TSMM_VARIANTS,
  tsmmBlas,
  tsmmKernel,
  tsmmTs,
} from '../../../src/engine/kernels/tsmm.js';
import { runFirstVariant } from '../../../src/engine/kernels/variants.js';
import { kernelResources } from '../../../src/engine/kernel-resources.js';

/** The tsmm kernel without its BLAS variant: compiled C where it applies, else TypeScript. */
function tsmm(x: MatrixBlock, left: boolean): MatrixBlock {
  const noBlas = TSMM_VARIANTS.filter((v) => v !== tsmmBlas);
  return runFirstVariant(noBlas, { x, left }, kernelResources());
}
import { sharedF64 } from '../../../src/engine/kernels/parallel/shared-memory.js';
import { poolStats } from '../../../src/engine/threads/pool.js';
import { printed } from '../../helpers/run.js';
import { runtimeText } from '../../optimizer/helpers.js';
import { restoreKernelsAfterTests, rng, threads, withKernels } from './compiled-helpers.js';

restoreKernelsAfterTests();

/** m x n dense X in shared memory (as large producers allocate it), values in [lo, lo + 1). */
function dense(m: number, n: number, seed: number, lo = 0): MatrixBlock {
  const r = rng(seed);
  const d = sharedF64(m * n);
  for (let k = 0; k < d.length; k++) d[k] = lo + r();
  return MatrixBlock.dense(m, n, d);
}

/**
 * Largest |a - b| over the upper triangle, relative to the sum of |x_ri * x_rj| of the cell (the
 * scale of the rounding error of any summation order; equal to |G_ij| for non-negative X).
 */
function relErr(x: MatrixBlock, a: Float64Array, b: Float64Array): number {
  const [m, n] = [x.rows, x.cols];
  const d = x.denseData();
  const scale = new Float64Array(n * n);
  for (let r = 0; r < m; r++)
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) scale[i * n + j]! += Math.abs(d[r * n + i]! * d[r * n + j]!);
  let e = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const k = i * n + j;
      if (scale[k]! > 0) e = Math.max(e, Math.abs(a[k]! - b[k]!) / scale[k]!);
      else e = Math.max(e, Math.abs(a[k]! - b[k]!));
    }
  return e;
}

function isSymmetric(g: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (!Object.is(g[i * n + j], g[j * n + i])) return false;
  return true;
}

/** Bit-identical (Object.is: NaN equals NaN); the first mismatch if not. */
function firstDiff(x: Float64Array, y: Float64Array): string | undefined {
  if (x.length !== y.length) return `length ${x.length} vs ${y.length}`;
  for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) return `cell ${k}: ${x[k]} vs ${y[k]}`;
  return undefined;
}

const compiledBuilt = withKernels(undefined, () => compiledTsmmLeftRows() !== undefined);
const blas = nativeBlas();

describe('compiled skinny tsmm', () => {
  it('loads the compiled kernel when built (skipped checks otherwise)', () => {
    if (!compiledBuilt) console.warn('compiled kernels not built: only the TypeScript path is tested');
    expect(withKernels('js', () => compiledKernels())).toBeUndefined();
  });

  describe.each([1, 3, 10, 17, 32, 64])('n = %i', (n) => {
    // Ragged row counts: block and 4-row-group remainders, rows read through the padded tail.
    it.each([1, 7, 413, 5003])('m = %i: the kernel path equals the TypeScript kernel', (m) => {
      const x = dense(m, n, 31 * n + m, -0.5);
      const ts = tsmmTs(x, true).denseData();
      const js = withKernels('js', () => tsmm(x, true).denseData());
      expect(firstDiff(js, ts)).toBeUndefined();
    });
    it.skipIf(!compiledBuilt).each([1, 7, 413, 5003])(
      'm = %i: compiled = TypeScript = dsyrk within 1e-12, serial and parallel',
      (m) => {
        const x = dense(m, n, 31 * n + m, -0.5);
        const ts = tsmmTs(x, true).denseData();
        const f = compiledTsmmLeftRows()!;
        const raw = new Float64Array(n * n);
        expect(f(x.denseData(), m, n, 0, m, raw)).toBe(0);
        expect(relErr(x, raw, ts)).toBeLessThan(1e-12);
        for (const parallel of [false, true]) {
          const before = poolStats().ops;
          const g = withKernels(undefined, () => threads(parallel, () => compiledTsmmLeft(x)));
          const cells = m * n;
          if (cells < 4096 || n > SKINNY_TSMM_MAX_COLS) {
            expect(g).toBeUndefined();
            continue;
          }
          expect(g).toBeDefined();
          expect(isSymmetric(g!.denseData(), n)).toBe(true);
          expect(relErr(x, g!.denseData(), ts)).toBeLessThan(1e-12);
          // One thread runs exactly the raw kernel over all rows.
          if (!parallel)
            expect(firstDiff(new Float64Array(g!.denseData()), symmetrize(raw, n))).toBeUndefined();
          if (parallel) expect(poolStats().ops).toBe(before + 1);
        }
        if (blas) {
          const s = syrk(blas.fns, x.denseData(), m, n, true);
          expect(relErr(x, raw, s)).toBeLessThan(1e-12);
        }
      },
    );
  });

  it('non-negative X: relative error of every cell below 1e-12 (1e5 x 10)', () => {
    const x = dense(100_000, 10, 5);
    const ts = tsmmTs(x, true).denseData();
    for (const parallel of [false, true]) {
      const g = withKernels(undefined, () => threads(parallel, () => tsmm(x, true))).denseData();
      for (let k = 0; k < ts.length; k++) expect(Math.abs(g[k]! - ts[k]!) / ts[k]!).toBeLessThan(1e-12);
    }
  });

  it.skipIf(!compiledBuilt)('the parallel result is deterministic (partials merged in chunk order)', () => {
    const x = dense(20_011, 13, 9, -1);
    const a = threads(true, () => compiledTsmmLeft(x))!.denseData();
    const b = threads(true, () => compiledTsmmLeft(x))!.denseData();
    expect(firstDiff(a, b)).toBeUndefined();
  });

  it.skipIf(!compiledBuilt)(
    'rows given as a range accumulate onto out (partials add up to the whole)',
    () => {
      const x = dense(1001, 6, 3);
      const f = compiledTsmmLeftRows()!;
      const whole = new Float64Array(36);
      f(x.denseData(), 1001, 6, 0, 1001, whole);
      const split = new Float64Array(36);
      f(x.denseData(), 1001, 6, 0, 500, split);
      f(x.denseData(), 1001, 6, 500, 1001, split);
      expect(firstDiff(split, whole)).toBeUndefined();
      // The strict lower triangle is not touched.
      for (let i = 1; i < 6; i++) for (let j = 0; j < i; j++) expect(whole[i * 6 + j]).toBe(0);
      expect(f(x.denseData(), 1001, 65, 0, 1, new Float64Array(65 * 65))).toBe(-1);
    },
  );

  it.each([false, true])(
    'NaN, Inf and zero cells: same cells as the TypeScript kernel (parallel %s)',
    (parallel) => {
      const x = dense(3000, 10, 17, -0.5);
      const d = x.denseData();
      d[5 * 10 + 2] = NaN;
      d[7 * 10 + 4] = Infinity;
      d[7 * 10 + 5] = 0;
      for (let r = 0; r < 3000; r++) d[r * 10 + 8] = 0; // an all-zero column: 0 * Inf terms are skipped
      const y = MatrixBlock.dense(3000, 10, d);
      const ts = tsmmTs(y, true).denseData();
      const g = withKernels(undefined, () => threads(parallel, () => tsmm(y, true))).denseData();
      expect(firstDiff(g, ts)).toBeUndefined();
      expect(g[8 * 10 + 4]).toBe(0);
      expect(Number.isNaN(g[2 * 10 + 2]!)).toBe(true);
      if (blas) {
        const n = withKernels(undefined, () => threads(parallel, () => tsmmKernel(y, true))).denseData();
        expect(firstDiff(n, ts)).toBeUndefined();
      }
    },
  );

  it('tiny inputs never call the compiled kernel (no FFI or thread overhead)', () => {
    const x = dense(100, 5, 1);
    const calls = compiledCallCount();
    const ops = poolStats().ops;
    const g = withKernels(undefined, () => threads(true, () => tsmm(x, true)));
    expect(compiledCallCount()).toBe(calls);
    expect(poolStats().ops).toBe(ops);
    expect(firstDiff(g.denseData(), tsmmTs(x, true).denseData())).toBeUndefined();
  });

  it('wide X stays on the existing path; X %*% t(X) is not routed', () => {
    const calls = compiledCallCount();
    withKernels(undefined, () => {
      expect(compiledTsmmLeft(dense(200, SKINNY_TSMM_MAX_COLS + 1, 1))).toBeUndefined();
      tsmm(dense(30, 200, 2), false);
    });
    expect(compiledCallCount()).toBe(calls);
  });

  it('TESSERA_KERNELS=js: the TypeScript kernel, bit for bit, and nothing compiled runs', () => {
    const x = dense(5000, 10, 23, -0.5);
    const calls = compiledCallCount();
    const js = withKernels('js', () => threads(true, () => tsmm(x, true))).denseData();
    expect(compiledCallCount()).toBe(calls);
    expect(firstDiff(js, tsmmTs(x, true).denseData())).toBeUndefined();
  });

  it('DML: t(X) %*% X is explained as tsmm and runs the compiled kernel', () => {
    const script = [
      'X = rand(rows=20000, cols=10, seed=3, min=-1, max=1)',
      'X[17, 3] = 0/0',
      'G = t(X) %*% X',
      'H = t(X[, 5:8]) %*% X[, 5:8]',
      'print(sum(is.nan(G)))',
      'print(toString(round(H * 1000)))',
      'print(sum(G[4:10, 4:10]) == sum(t(G[4:10, 4:10])))',
    ].join('\n');
    expect(runtimeText(script)).toMatch(/tsmm/);
    const calls = compiledCallCount();
    const runs = [false, true].flatMap((parallel) =>
      [undefined, 'js' as const].map((mode) =>
        withKernels(mode, () => threads(parallel, () => printed(script))),
      ),
    );
    if (compiledBuilt) expect(compiledCallCount()).toBeGreaterThan(calls);
    for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
    expect(runs[0]![0]).toBe('19.0');
  });
});

function symmetrize(upper: Float64Array, n: number): Float64Array {
  const g = new Float64Array(upper);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) g[j * n + i] = g[i * n + j]!;
  return g;
}
