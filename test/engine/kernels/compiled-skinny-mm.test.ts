import { afterEach, describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { compiledCallCount, compiledKernels } from '../../../src/engine/kernels/compiled/library.js';
import { compiledSkinnyMmRows } from '../../../src/engine/kernels/compiled/skinny-mm.js';
import { mmchain } from '../../../src/engine/kernels/fused/mmchain.js';
import { matmul } from '../../../src/engine/kernels/matmul.js';
import { matmulKernel, tmmKernel } from '../../../src/engine/kernels/matmul-variants.js';
import { gemm, gemmTransA } from '../../../src/engine/kernels/native/routines.js';
import { nativeBlas } from '../../../src/engine/kernels/native/state.js';
import {
  compiledMmchain,
  compiledSkinnyMatmul,
  compiledSkinnyTransA,
  SKINNY_MIN_CELLS,
  skinnyBlasCutoffs,
} from '../../../src/engine/kernels/skinny-mm.js';
import { transpose } from '../../../src/engine/kernels/transpose.js';
import { sharedF64 } from '../../../src/engine/kernels/parallel/shared-memory.js';
import { poolStats } from '../../../src/engine/threads/pool.js';
import { runStdlib } from '../../stdlib/helpers.js';
import { restoreKernelsAfterTests, rng, threads, withKernels } from './compiled-helpers.js';

const cutoffs = { ...skinnyBlasCutoffs };
/** Routes every shape above SKINNY_MIN_CELLS to the compiled kernels, BLAS loaded or not. */
function routeAll(): void {
  Object.assign(skinnyBlasCutoffs, { minCells: 0, mmMinD: 0, narrowTmmMinCells: 0 });
}

restoreKernelsAfterTests();
afterEach(() => {
  Object.assign(skinnyBlasCutoffs, cutoffs);
});

/** rows x cols dense block in shared memory (as large producers allocate it), values in [-1, 1). */
function dense(rows: number, cols: number, seed: number): MatrixBlock {
  const r = rng(seed);
  const d = sharedF64(rows * cols);
  for (let k = 0; k < d.length; k++) d[k] = 2 * r() - 1;
  return MatrixBlock.dense(rows, cols, d);
}

/** |a - b| relative to the cell's sum of |terms| (the scale of any summation order's rounding). */
function expectClose(a: Float64Array, b: Float64Array, scale: Float64Array, tol = 1e-12): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (scale[i]! || 1));
  expect(worst).toBeLessThan(tol);
}

/** Sum of |terms| of each cell of A %*% B. */
function absProduct(a: MatrixBlock, b: MatrixBlock): Float64Array {
  const abs = (m: MatrixBlock) =>
    MatrixBlock.dense(
      m.rows,
      m.cols,
      Float64Array.from(m.denseData(), (v) => Math.abs(v)),
    );
  return matmul(abs(a), abs(b)).denseData();
}

// Without a C compiler the compiled kernels are not built: these tests skip with the reason printed
// (CI builds them, and a separate test fails there when they are missing).
const compiledBuilt = compiledKernels() !== undefined && compiledSkinnyMmRows() !== undefined;
if (!compiledBuilt) console.warn('compiled skinny-mm tests skipped: the compiled kernels are not built');
else if (!process.env['CI'] && nativeBlas() === undefined)
  console.warn('compiled skinny-mm cut-off test skipped: no BLAS library (install libopenblas0-pthread)');

describe('compiled skinny products (native/skinny-mm.c)', () => {
  it.skipIf(!compiledBuilt)('loads the compiled kernels when built', () => {
    expect(compiledSkinnyMmRows()).toBeTypeOf('function');
  });

  const DS = [1, 3, 17, 51, 100];
  const N = 333; // ragged: not a multiple of any tile's rows

  it.skipIf(!compiledBuilt)(
    'X %*% V: compiled vs TypeScript (and BLAS) within 1e-12 for d in 1, 3, 17, 51, 100 and k in 1..16',
    () => {
      routeAll();
      const blas = nativeBlas();
      for (const d of DS)
        for (let k = 1; k <= 16; k++) {
          const X = dense(N + d, d, 7 * d + k);
          const V = dense(d, k, 100 + k);
          const c = threads(false, () => compiledSkinnyMatmul(X, V));
          if (X.rows * d < SKINNY_MIN_CELLS) {
            expect(c).toBeUndefined();
            continue;
          }
          expect(c).toBeDefined();
          const scale = absProduct(X, V);
          expectClose(c!.denseData(), matmul(X, V).denseData(), scale);
          if (blas)
            expectClose(c!.denseData(), gemm(blas.fns, X.denseData(), V.denseData(), X.rows, d, k), scale);
        }
    },
  );

  it.skipIf(!compiledBuilt)(
    't(X) %*% W and t(w) %*% X: compiled vs TypeScript (and BLAS) within 1e-12',
    () => {
      routeAll();
      const blas = nativeBlas();
      for (const d of DS)
        for (let k = 1; k <= 16; k++) {
          const X = dense(N * 13 + d, d, 3 * d + k);
          const W = dense(X.rows, k, 200 + k);
          const Xt = transpose(X);
          const c = threads(false, () => compiledSkinnyTransA(X, W));
          expect(c).toBeDefined();
          const scale = absProduct(Xt, W);
          expectClose(c!.denseData(), matmul(Xt, W).denseData(), scale);
          if (blas)
            expectClose(
              c!.denseData(),
              gemmTransA(blas.fns, X.denseData(), W.denseData(), X.rows, d, k),
              scale,
            );
          if (k === 1 && d > 1) {
            // A row vector times X: the same kernel, a 1 x d result.
            const wt = MatrixBlock.dense(1, X.rows, W.denseData());
            const r = threads(false, () => compiledSkinnyMatmul(wt, X));
            expect([r!.rows, r!.cols]).toEqual([1, d]);
            expectClose(r!.denseData(), matmul(wt, X).denseData(), scale);
          }
        }
    },
  );

  it.skipIf(!compiledBuilt)('mmchain: compiled vs TypeScript within 1e-12, with and without weights', () => {
    for (const d of DS) {
      const X = dense(N * 13 + d, d, 11 * d);
      const v = dense(d, 1, 5);
      const w = dense(X.rows, 1, 6);
      for (const ww of [undefined, w]) {
        const c = threads(false, () => compiledMmchain(X, v, ww));
        expect(c).toBeDefined();
        const ts = withKernels('js', () => mmchain(X, v, ww)).denseData();
        let u = matmul(X, v).denseData();
        if (ww) u = u.map((x, i) => Math.abs(x * ww.denseData()[i]!));
        const scale = absProduct(transpose(X), MatrixBlock.dense(X.rows, 1, u.map(Math.abs)));
        expectClose(c!, ts, scale, 1e-11);
        expectClose(mmchain(X, v, ww).denseData(), ts, scale, 1e-11);
      }
    }
  });

  it.skipIf(!compiledBuilt)(
    'NaN and Inf cells: the zero semantics of the TypeScript kernels (0 * Inf adds nothing)',
    () => {
      routeAll();
      const X = dense(2000, 17, 1);
      const xd = X.denseData();
      xd[5 * 17 + 3] = Infinity;
      xd[9 * 17 + 4] = NaN;
      const V = dense(17, 4, 2);
      V.denseData()[3 * 4 + 1] = 0; // Inf meets a zero of V: TypeScript skips the term
      const W = dense(2000, 3, 3);
      W.denseData()[5 * 3 + 2] = 0; // the Inf row meets a zero weight
      const v = dense(17, 1, 4);
      v.denseData()[3] = 0;
      const eq = (a: MatrixBlock, b: MatrixBlock) => {
        const [p, q] = [a.denseData(), b.denseData()];
        for (let i = 0; i < p.length; i++)
          expect(Object.is(p[i], q[i]) || Math.abs(p[i]! - q[i]!) < 1e-12).toBe(true);
      };
      const X2 = MatrixBlock.dense(2000, 17, Float64Array.from(xd));
      X2.denseData()[9 * 17 + 4] = 1;
      for (const par of [false, true]) {
        eq(
          threads(par, () => matmulKernel(X, V)),
          matmul(X, V),
        );
        eq(
          threads(par, () => tmmKernel(X, W)),
          matmul(transpose(X), W),
        );
        // Only the Inf cell (row 5, column 3) with v[3] = 0: TypeScript's u is finite.
        eq(
          threads(par, () => mmchain(X2, v)),
          withKernels('js', () => mmchain(X2, v)),
        );
      }
      expect(Number.isNaN(matmul(X, V).denseData()[9 * 4])).toBe(true);
    },
  );

  it.skipIf(!compiledBuilt)('parallel results are deterministic and agree with one thread', () => {
    routeAll();
    const X = dense(50_001, 23, 9);
    const V = dense(23, 5, 10);
    const W = dense(50_001, 3, 11);
    const v = dense(23, 1, 12);
    const jobs = poolStats().jobs;
    const runs = [0, 1].map(() =>
      threads(true, () => [
        compiledSkinnyMatmul(X, V)!.denseData(),
        compiledSkinnyTransA(X, W)!.denseData(),
        compiledMmchain(X, v, W.rows === 50_001 ? dense(50_001, 1, 13) : undefined)!,
      ]),
    );
    if (poolStats().workers > 0) expect(poolStats().jobs).toBeGreaterThan(jobs);
    for (let i = 0; i < 3; i++) expect(runs[1]![i]).toEqual(runs[0]![i]);
    // X %*% V: each row is its own computation, so any split gives the same bits.
    expect(threads(false, () => compiledSkinnyMatmul(X, V)!.denseData())).toEqual(runs[0]![0]);
    const one = threads(false, () => compiledSkinnyTransA(X, W)!.denseData());
    expectClose(one, runs[0]![1]!, absProduct(transpose(X), W));
  });

  // CI builds the compiled kernels and installs BLAS: there this runs, never skips.
  it.skipIf(!process.env['CI'] && (!compiledBuilt || nativeBlas() === undefined))(
    'with BLAS loaded, only shapes past the measured cut-offs are routed',
    () => {
      const cached = dense(10_000, 51, 1); // 4 MB: in cache, dgemm's turn
      expect(compiledSkinnyMatmul(cached, dense(51, 4, 2))).toBeUndefined();
      expect(compiledSkinnyTransA(cached, dense(10_000, 4, 3))).toBeUndefined();
      const big = dense(30_000, 51, 4);
      expect(compiledSkinnyMatmul(big, dense(51, 4, 5))).toBeDefined();
      expect(compiledSkinnyTransA(big, dense(30_000, 4, 6))).toBeDefined();
      const narrow = dense(200_000, 10, 7);
      expect(compiledSkinnyMatmul(narrow, dense(10, 4, 8))).toBeUndefined();
      expect(compiledSkinnyTransA(narrow, dense(200_000, 1, 9))).toBeUndefined();
      expect(compiledSkinnyTransA(narrow, dense(200_000, 2, 10))).toBeDefined();
      // mmchain has no BLAS rival (the alternative is the TypeScript loop).
      expect(compiledMmchain(cached, dense(51, 1, 11))).toBeDefined();
    },
  );

  it('tiny inputs never call the compiled kernels (no FFI or thread overhead)', () => {
    const calls = compiledCallCount();
    const X = dense(30, 5, 1);
    const V = dense(5, 2, 2);
    expect(compiledSkinnyMatmul(X, V)).toBeUndefined();
    expect(compiledSkinnyTransA(X, dense(30, 2, 3))).toBeUndefined();
    expect(compiledMmchain(X, dense(5, 1, 4))).toBeUndefined();
    expect(matmulKernel(X, V).denseData()).toEqual(matmul(X, V).denseData());
    expect(compiledCallCount()).toBe(calls);
  });

  it('wide V, wide W and sparse X stay on the existing paths', () => {
    const X = dense(1000, 10, 1);
    expect(compiledSkinnyMatmul(X, dense(10, 17, 2))).toBeUndefined();
    expect(compiledSkinnyTransA(X, dense(1000, 17, 3))).toBeUndefined();
    const S = MatrixBlock.dense(
      1000,
      10,
      new Float64Array(10_000).fill(0).map((_, i) => (i % 97 === 0 ? 1 : 0)),
    );
    expect(compiledSkinnyMatmul(S.examSparsity(), dense(10, 2, 4))).toBeUndefined();
  });

  it('TESSERA_KERNELS=js: nothing compiled runs and the TypeScript/BLAS paths are unchanged', () => {
    const X = dense(4000, 17, 1);
    const V = dense(17, 3, 2);
    withKernels('js', () => {
      const calls = compiledCallCount();
      expect(compiledSkinnyMatmul(X, V)).toBeUndefined();
      expect(compiledSkinnyTransA(X, dense(4000, 2, 3))).toBeUndefined();
      expect(compiledMmchain(X, dense(17, 1, 4))).toBeUndefined();
      const ts = mmchain(X, dense(17, 1, 4));
      expect(ts.rows).toBe(17);
      expect(compiledCallCount()).toBe(calls);
    });
  });

  it('DML: lmCG and l2svm give the same coefficients as with TESSERA_KERNELS=js (1e-9)', () => {
    routeAll();
    const script = `
      X = rand(rows=3000, cols=17, seed=3, min=-1, max=1)
      b = rand(rows=17, cols=1, seed=4)
      y = X %*% b + rand(rows=3000, cols=1, seed=5) * 0.1
      B = lmCG(X=X, y=y, icpt=1, tol=1e-12, maxi=50, verbose=FALSE)
      Y = 2 * (y > median(y)) - 1
      w = l2svm(X=X, Y=Y, intercept=TRUE, epsilon=1e-12, maxIterations=100, verbose=FALSE)`;
    const calls = compiledCallCount();
    const runs = [false, true].flatMap((parallel) =>
      [undefined, 'js' as const].map((mode) =>
        withKernels(mode, () => threads(parallel, () => runStdlib(script))),
      ),
    );
    if (compiledBuilt) expect(compiledCallCount()).toBeGreaterThan(calls);
    const base = runs[1]!; // one thread, TypeScript kernels
    for (const r of runs)
      for (const name of ['B', 'w']) {
        const [a, b] = [r.matrix(name).flat(), base.matrix(name).flat()];
        expect(a.length).toBe(b.length);
        for (let i = 0; i < a.length; i++)
          expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(b[i]!)));
      }
  });
});
