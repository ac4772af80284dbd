/**
 * The native (BLAS/LAPACK) kernels against the TypeScript kernels: same values (up to rounding),
 * same errors, on shapes big enough to go native and on the edge cases that must fall back.
 * Skipped where no BLAS library is installed (the fallback test below still runs).
 */
import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { matmul } from '../../../../src/engine/kernels/matmul.js';
import { tsmmKernel, tsmmTs } from '../../../../src/engine/kernels/tsmm.js';
import { det, lu } from '../../../../src/engine/kernels/decompositions/lu.js';
import { inv, qr, solve } from '../../../../src/engine/kernels/decompositions/qr.js';
import { cholesky } from '../../../../src/engine/kernels/decompositions/cholesky.js';
import { eigen } from '../../../../src/engine/kernels/decompositions/eigen.js';
import { svd } from '../../../../src/engine/kernels/decompositions/svd.js';
import {
  choleskyKernel as nativeCholesky,
  detKernel as nativeDet,
  eigenKernel as nativeEigen,
  invKernel as nativeInv,
  luKernel as nativeLu,
  qrKernel as nativeQr,
  solveKernel as nativeSolve,
  svdKernel as nativeSvd,
} from '../../../../src/engine/kernels/decompositions/variants.js';
import {
  matmulKernel as nativeMatmul,
  tmmKernel as nativeMatmulTransA,
} from '../../../../src/engine/kernels/matmul-variants.js';
import { nativeBlas } from '../../../../src/engine/kernels/native/state.js';
import { maxRelDiff, naiveMatmul, randomBlock, rng, transpose } from '../helpers.js';

const haveBlas = nativeBlas() !== undefined;

function close(x: MatrixBlock, y: MatrixBlock, tol = 1e-9): void {
  expect([x.rows, x.cols]).toEqual([y.rows, y.cols]);
  expect(maxRelDiff(x.toArrays(), y.toArrays())).toBeLessThanOrEqual(tol);
}

function spd(r: () => number, n: number): MatrixBlock {
  const x = randomBlock(r, n + 5, n, 1, 'dense');
  const g = tsmmTs(x, true).denseData().slice();
  for (let i = 0; i < n; i++) g[i * n + i]! += n;
  return MatrixBlock.dense(n, n, g);
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { diagnostics?: { code?: string }[] }).diagnostics?.[0]?.code ?? 'thrown';
  }
  return undefined;
}

describe.skipIf(!haveBlas)('native kernels agree with the TypeScript kernels', () => {
  it('reports a library', () => {
    expect(nativeBlas()!.blasPath).toBeTruthy();
  });

  it('matmul: shapes, transposed operands, sparse and non-finite inputs, empty dims', () => {
    const r = rng(7);
    const shapes: [number, number, number][] = [
      [0, 70, 80],
      [70, 0, 80],
      [70, 80, 0],
      [1, 1, 1],
      [1, 300, 1],
      [1, 20000, 1],
      [1000, 300, 1],
      [1, 300, 700],
      [70, 65, 80],
      [129, 257, 63],
    ];
    for (const [m, k, n] of shapes) {
      const a = randomBlock(r, m, k, 1, 'dense');
      const b = randomBlock(r, k, n, 1, 'dense');
      close(nativeMatmul(a, b), matmul(a, b));
      // transposed operands (t(A) materialised, as the interpreter hands them over)
      const at = transpose(a);
      const bt = transpose(b);
      close(nativeMatmul(bt, at), matmul(bt, at));
    }
    for (const s of [0.01, 0.3]) {
      const a = randomBlock(r, 90, 80, s, 'sparse');
      const b = randomBlock(r, 80, 70, 1, 'dense');
      close(nativeMatmul(a, b), matmul(a, b));
      const s2 = randomBlock(r, 70, 90, s, 'sparse');
      close(nativeMatmul(b, s2), matmul(b, s2));
    }
    // NaN/Inf: DML's zero semantics (0 * Inf adds nothing) must survive the BLAS path.
    const a = randomBlock(r, 80, 80, 0.5, 'dense');
    const b = randomBlock(r, 80, 80, 0.5, 'dense');
    const ad = a.denseData().slice();
    ad[5] = Infinity;
    ad[170] = NaN;
    const a2 = MatrixBlock.dense(80, 80, ad);
    expect(maxRelDiff(nativeMatmul(a2, b).toArrays(), naiveMatmul(a2, b))).toBe(0);
  });

  it('matmul: a zero result comes back sparse as in the TypeScript kernel', () => {
    const a = MatrixBlock.dense(100, 100);
    const b = randomBlock(rng(3), 100, 100, 1, 'dense');
    expect(nativeMatmul(a, b).isSparse).toBe(matmul(a, b).isSparse);
  });

  it('tsmm left and right, tall, wide, with non-finite cells', () => {
    const r = rng(11);
    for (const [m, n] of [
      [3000, 10],
      [300, 100],
      [10, 500],
      [1, 1],
      [0, 40],
    ] as [number, number][]) {
      const x = randomBlock(r, m, n, 1, 'dense');
      for (const left of m > 1000 ? [true] : [true, false]) {
        const c = tsmmKernel(x, left);
        close(c, tsmmTs(x, left));
        const d = c.denseData();
        const k = c.rows;
        let asymmetric = 0;
        for (let i = 0; i < k; i++)
          for (let j = 0; j < i; j++) if (d[i * k + j] !== d[j * k + i]) asymmetric++;
        expect(asymmetric).toBe(0);
      }
    }
    const xd = randomBlock(r, 500, 50, 0.6, 'dense').denseData().slice();
    xd[7] = Infinity;
    const x = MatrixBlock.dense(500, 50, xd);
    expect(maxRelDiff(tsmmKernel(x, true).toArrays(), tsmmTs(x, true).toArrays())).toBeLessThan(1e-12);
  });

  it('solve and inv: square systems, several right-hand sides, singular inputs', () => {
    const r = rng(5);
    for (const n of [1, 30, 200]) {
      const a = randomBlock(r, n, n, 1, 'dense');
      const b = randomBlock(r, n, 3, 1, 'dense');
      close(nativeSolve(a, b), solve(a, b), 1e-7);
      close(nativeSolve(a, b.toSparse()), solve(a, b), 1e-7);
      close(nativeInv(a), inv(a), 1e-7);
    }
    const s = randomBlock(r, 40, 40, 1, 'dense').denseData().slice();
    for (let j = 0; j < 40; j++) s[39 * 40 + j] = s[j]! * 2; // last row = 2 * first
    const sing = MatrixBlock.dense(40, 40, s);
    expect(errorCode(() => nativeSolve(sing, MatrixBlock.filled(40, 1, 1)))).toBe('DML5002');
    expect(errorCode(() => solve(sing, MatrixBlock.filled(40, 1, 1)))).toBe('DML5002');
    expect(errorCode(() => nativeInv(sing))).toBe('DML5002');
    expect(errorCode(() => nativeInv(MatrixBlock.dense(30, 30)))).toBe('DML5002');
  });

  it('det and lu match, including sign, singular and non-finite matrices', () => {
    const r = rng(9);
    for (const n of [25, 60]) {
      const a = randomBlock(r, n, n, 1, 'dense');
      expect(Math.abs(nativeDet(a) - det(a)) / Math.abs(det(a))).toBeLessThan(1e-9);
      const [P, L, U] = nativeLu(a);
      const [P2, L2, U2] = lu(a);
      close(P, P2, 0);
      close(L, L2, 1e-9);
      close(U, U2, 1e-9);
    }
    expect(nativeDet(MatrixBlock.dense(30, 30))).toBe(0);
    expect(errorCode(() => nativeLu(MatrixBlock.dense(30, 30)))).toBe('DML5002');
    const d = randomBlock(r, 30, 30, 1, 'dense').denseData().slice();
    d[31] = NaN;
    expect(nativeDet(MatrixBlock.dense(30, 30, d))).toBeNaN();
  });

  it('cholesky: factor, non-symmetric and non-positive-definite errors', () => {
    const r = rng(13);
    const a = spd(r, 80);
    close(nativeCholesky(a), cholesky(a), 1e-9);
    const ns = a.denseData().slice();
    ns[1] += 1;
    expect(errorCode(() => nativeCholesky(MatrixBlock.dense(80, 80, ns)))).toBe('DML5005');
    const neg = a.denseData().slice();
    neg[40 * 80 + 40] = -1;
    expect(errorCode(() => nativeCholesky(MatrixBlock.dense(80, 80, neg)))).toBe('DML5005');
    expect(errorCode(() => cholesky(MatrixBlock.dense(80, 80, neg)))).toBe('DML5005');
  });

  it('eigen: same values, vectors equal up to sign, reconstruction', () => {
    const a = spd(rng(17), 60);
    const [v1, V1] = nativeEigen(a);
    const [v2, V2] = eigen(a);
    close(v1, v2, 1e-9);
    const n = 60;
    const x = V1.denseData();
    const y = V2.denseData();
    for (let j = 0; j < n; j++) {
      const sign = Math.sign(x[j]!) === Math.sign(y[j]!) ? 1 : -1;
      for (let i = 0; i < n; i++) expect(Math.abs(x[i * n + j]! - sign * y[i * n + j]!)).toBeLessThan(1e-7);
    }
    // non-symmetric input keeps the TypeScript path (and its errors)
    const ns = randomBlock(rng(2), 30, 30, 1, 'dense');
    expect(errorCode(() => nativeEigen(ns))).toBe(errorCode(() => eigen(ns)));
  });

  it('svd: singular values and reconstruction for tall and wide inputs', () => {
    const r = rng(19);
    for (const [m, n] of [
      [80, 30],
      [30, 80],
      [50, 50],
    ] as [number, number][]) {
      const a = randomBlock(r, m, n, 1, 'dense');
      const [U, S, V] = nativeSvd(a);
      const [, S2] = svd(a);
      close(S, S2, 1e-9);
      close(matmul(matmul(U, S), transpose(V)), a, 1e-9);
    }
    const bad = randomBlock(r, 40, 40, 1, 'dense').denseData().slice();
    bad[3] = Infinity;
    expect(errorCode(() => nativeSvd(MatrixBlock.dense(40, 40, bad)))).toBe('DML5006');
  });
});

describe.skipIf(!haveBlas)('t(A) %*% B without materialising t(A)', () => {
  it('matches transpose-then-multiply on dense, sparse, vector and non-finite inputs', async () => {
    const r = rng(23);
    for (const [k, m, n] of [
      [2000, 50, 1],
      [3000, 2100, 1],
      [300, 40, 60],
      [1, 1, 1],
      [0, 5, 5],
    ] as [number, number, number][]) {
      const a = randomBlock(r, k, m, 1, 'dense');
      const b = randomBlock(r, k, n, 1, 'dense');
      close(nativeMatmulTransA(a, b), matmul(transpose(a), b));
      const s = randomBlock(r, k, m, 0.05, 'sparse');
      close(nativeMatmulTransA(s, b), matmul(transpose(s), b));
    }
    const ad = randomBlock(r, 300, 40, 0.5, 'dense').denseData().slice();
    ad[3] = Infinity;
    const a = MatrixBlock.dense(300, 40, ad);
    const b = randomBlock(r, 300, 30, 0.5, 'dense');
    expect(maxRelDiff(nativeMatmulTransA(a, b).toArrays(), naiveMatmul(transpose(a), b))).toBe(0);
  });
});

describe.skipIf(!haveBlas)('qr in Commons Math layout', () => {
  it('matches the TypeScript kernel for tall, wide, square, triangular and zero-pivot inputs', () => {
    const r = rng(29);
    const cases: MatrixBlock[] = [];
    for (const [m, n] of [
      [60, 20],
      [20, 60],
      [40, 40],
    ] as [number, number][])
      cases.push(randomBlock(r, m, n, 1, 'dense'), randomBlock(r, m, n, 0.3, 'dense'));
    // already upper triangular: every column is reduced (LAPACK tau = 0)
    const t = randomBlock(r, 30, 30, 1, 'dense').denseData().slice();
    for (let i = 0; i < 30; i++) for (let j = 0; j < i; j++) t[i * 30 + j] = 0;
    cases.push(MatrixBlock.dense(30, 30, t));
    // a zero pivot with non-zeros below (falls back to the TypeScript kernel)
    const z = randomBlock(r, 30, 30, 1, 'dense').denseData().slice();
    z[0] = 0;
    cases.push(MatrixBlock.dense(30, 30, z));
    for (const a of cases) {
      const [H, R] = nativeQr(a);
      const [H2, R2] = qr(a);
      close(R, R2, 1e-9);
      close(H, H2, 1e-9);
    }
  });
});

describe('native BLAS availability', () => {
  it('is present in CI (.ci/run installs OpenBLAS); elsewhere its absence skips the tests above with a reason', () => {
    if (!haveBlas && !process.env.CI)
      console.warn(
        'skipping native BLAS tests: no BLAS/LAPACK library found (apt-get install libopenblas0-pthread)',
      );
    // In CI the library must be there (.ci/run installs libopenblas0-pthread).
    if (process.env.CI) expect(haveBlas, 'no native BLAS/LAPACK found in CI').toBe(true);
  });
});
