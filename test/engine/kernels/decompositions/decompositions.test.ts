import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { matmul } from '../../../../src/engine/kernels/matmul.js';
import { tsmmKernel as tsmm } from '../../../../src/engine/kernels/tsmm.js';
import { det, lu } from '../../../../src/engine/kernels/decompositions/lu.js';
import { inv, qr, solve } from '../../../../src/engine/kernels/decompositions/qr.js';
import { cholesky } from '../../../../src/engine/kernels/decompositions/cholesky.js';
import { eigen } from '../../../../src/engine/kernels/decompositions/eigen.js';
import { svd } from '../../../../src/engine/kernels/decompositions/svd.js';
import { identityArrays, maxRelDiff, randomBlock, rng, transpose } from '../helpers.js';

const mm = (a: MatrixBlock, b: MatrixBlock) => matmul(a, b);
const A3 = MatrixBlock.fromRows([
  [4, 12, -16],
  [12, 37, -43],
  [-16, -43, 98],
]);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e.diagnostics[0]!.code;
    throw e;
  }
  return undefined;
}

function spd(r: () => number, n: number): MatrixBlock {
  const x = randomBlock(r, n + 3, n, 1, 'dense');
  const g = tsmm(x, true).toDense().denseData().slice();
  for (let i = 0; i < n; i++) g[i * n + i]! += n;
  return MatrixBlock.dense(n, n, g);
}

describe('LU', () => {
  it('P A = L U with unit lower L and upper U', () => {
    const r = rng(5);
    for (const n of [1, 2, 5, 20]) {
      const a = randomBlock(r, n, n, 1, 'dense');
      const [P, L, U] = lu(a);
      expect(maxRelDiff(mm(P, a).toArrays(), mm(L, U).toArrays())).toBeLessThan(1e-12);
      for (let i = 0; i < n; i++) {
        expect(L.get(i, i)).toBe(1);
        for (let j = i + 1; j < n; j++) expect(L.get(i, j)).toBe(0);
        for (let j = 0; j < i; j++) expect(U.get(i, j)).toBe(0);
      }
    }
  });
  it('pivots on the largest entry', () => {
    const [P, , U] = lu(
      MatrixBlock.fromRows([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(P.toArrays()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(U.toArrays()[0]).toEqual([3, 4]);
  });
  it('rejects singular and non-square input', () => {
    expect(
      code(() =>
        lu(
          MatrixBlock.fromRows([
            [1, 2],
            [2, 4],
          ]),
        ),
      ),
    ).toBe('DML5002');
    expect(code(() => lu(MatrixBlock.dense(2, 3)))).toBe('DML4002');
  });
});

describe('det', () => {
  it('known values', () => {
    expect(det(A3)).toBeCloseTo(36, 10);
    expect(
      det(
        MatrixBlock.fromRows([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBeCloseTo(-2, 14);
    expect(
      det(
        MatrixBlock.fromRows([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBe(0);
    expect(det(MatrixBlock.fromRows([[7]]))).toBe(7);
    expect(code(() => det(MatrixBlock.dense(2, 3)))).toBe('DML4002');
  });
});

describe('QR', () => {
  it('R upper, Q from H orthogonal, Q R = A', () => {
    const r = rng(6);
    for (const [m, n] of [
      [1, 1],
      [4, 4],
      [7, 3],
      [3, 7],
      [25, 10],
    ] as [number, number][]) {
      const a = randomBlock(r, m, n, 1, 'dense');
      const [H, R] = qr(a);
      expect([H.rows, H.cols, R.rows, R.cols]).toEqual([m, n, m, n]);
      // Q = prod_j (I - h_j h_j' / h_jj), applied to R from the last reflector to the first.
      const q = R.toArrays();
      for (let j = Math.min(m, n) - 1; j >= 0; j--) {
        const h = Array.from({ length: m }, (_, i) => H.get(i, j));
        if (h[j] === 0) continue;
        for (let c = 0; c < n; c++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += h[i]! * q[i]![c]!;
          s /= h[j]!;
          for (let i = 0; i < m; i++) q[i]![c]! -= s * h[i]!;
        }
      }
      expect(maxRelDiff(q, a.toArrays())).toBeLessThan(1e-12);
      for (let i = 0; i < m; i++) for (let j = 0; j < Math.min(i, n); j++) expect(R.get(i, j)).toBe(0);
      for (let i = 0; i < m; i++) for (let j = i + 1; j < n; j++) expect(H.get(i, j)).toBe(0);
    }
  });
});

describe('solve and inv', () => {
  it('solves a known system', () => {
    const a = MatrixBlock.fromRows([
      [2, 1, -1],
      [-3, -1, 2],
      [-2, 1, 2],
    ]);
    const b = MatrixBlock.fromRows([[8], [-11], [-3]]);
    expect(maxRelDiff(solve(a, b).toArrays(), [[2], [3], [-1]])).toBeLessThan(1e-13);
  });
  it('A %*% solve(A, B) = B and A %*% inv(A) = I on random systems', () => {
    const r = rng(8);
    for (const n of [1, 3, 30]) {
      const a = randomBlock(r, n, n, 1, 'dense');
      const b = randomBlock(r, n, 4, 1, 'dense');
      expect(maxRelDiff(mm(a, solve(a, b)).toArrays(), b.toArrays())).toBeLessThan(1e-9);
      expect(maxRelDiff(mm(a, inv(a)).toArrays(), identityArrays(n))).toBeLessThan(1e-9);
    }
  });
  it('least squares for tall A equals the normal-equation solution', () => {
    const r = rng(10);
    const a = randomBlock(r, 30, 4, 1, 'dense');
    const b = randomBlock(r, 30, 1, 1, 'dense');
    const x = solve(a, b);
    const lhs = tsmm(a, true);
    const rhs = mm(transpose(a), b);
    expect(maxRelDiff(mm(lhs, x).toArrays(), rhs.toArrays())).toBeLessThan(1e-10);
  });
  it('singular matrices fail with DML5002; dims with DML4001', () => {
    expect(
      code(() =>
        inv(
          MatrixBlock.fromRows([
            [1, 2],
            [2, 4],
          ]),
        ),
      ),
    ).toBe('DML5002');
    expect(
      code(() =>
        solve(
          MatrixBlock.fromRows([
            [1, 2],
            [2, 4],
          ]),
          MatrixBlock.fromRows([[1], [2]]),
        ),
      ),
    ).toBe('DML5002');
    expect(
      code(() =>
        solve(
          MatrixBlock.fromRows([
            [1, 2],
            [3, 4],
          ]),
          MatrixBlock.fromRows([[1], [2], [3]]),
        ),
      ),
    ).toBe('DML4001');
    expect(code(() => inv(MatrixBlock.dense(2, 3)))).toBe('DML4002');
  });
});

describe('cholesky', () => {
  it('known factor and reconstruction', () => {
    expect(
      maxRelDiff(cholesky(A3).toArrays(), [
        [2, 0, 0],
        [6, 1, 0],
        [-8, 5, 3],
      ]),
    ).toBeLessThan(1e-14);
    const r = rng(11);
    const a = spd(r, 12);
    const L = cholesky(a);
    expect(maxRelDiff(mm(L, transpose(L)).toArrays(), a.toArrays())).toBeLessThan(1e-12);
  });
  it('rejects non-SPD and non-square', () => {
    expect(
      code(() =>
        cholesky(
          MatrixBlock.fromRows([
            [1, 2],
            [2, 1],
          ]),
        ),
      ),
    ).toBe('DML5005');
    expect(
      code(() =>
        cholesky(
          MatrixBlock.fromRows([
            [1, 2],
            [0, 1],
          ]),
        ),
      ),
    ).toBe('DML5005');
    expect(code(() => cholesky(MatrixBlock.dense(2, 3)))).toBe('DML4002');
  });
});

describe('eigen', () => {
  it('values ascending, V diag(e) t(V) = A, V orthogonal', () => {
    const r = rng(12);
    for (const n of [1, 2, 6, 25]) {
      const a = spd(r, n);
      const [e, V] = eigen(a);
      expect([e.rows, e.cols, V.rows, V.cols]).toEqual([n, 1, n, n]);
      for (let i = 1; i < n; i++) expect(e.get(i, 0)).toBeGreaterThanOrEqual(e.get(i - 1, 0));
      const D = MatrixBlock.dense(
        n,
        n,
        Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? e.get(k / (n + 1), 0) : 0)),
      );
      expect(maxRelDiff(mm(mm(V, D), transpose(V)).toArrays(), a.toArrays())).toBeLessThan(1e-10);
      expect(maxRelDiff(mm(transpose(V), V).toArrays(), identityArrays(n))).toBeLessThan(1e-12);
    }
  });
  it('known values of a symmetric matrix', () => {
    const [e] = eigen(
      MatrixBlock.fromRows([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(maxRelDiff(e.toArrays(), [[1], [3]])).toBeLessThan(1e-14);
  });
  it('complex eigenvalues and non-square input fail', () => {
    expect(
      code(() =>
        eigen(
          MatrixBlock.fromRows([
            [0, -1],
            [1, 0],
          ]),
        ),
      ),
    ).toBe('DML5006');
    expect(code(() => eigen(MatrixBlock.dense(2, 3)))).toBe('DML4002');
  });
});

describe('svd', () => {
  it('U S t(V) = A with orthonormal columns and descending singular values', () => {
    const r = rng(13);
    for (const [m, n] of [
      [1, 1],
      [5, 5],
      [9, 4],
      [4, 9],
      [30, 12],
    ] as [number, number][]) {
      const a = randomBlock(r, m, n, 1, 'dense');
      const [U, S, V] = svd(a);
      const p = Math.min(m, n);
      expect([U.rows, U.cols, S.rows, S.cols, V.rows, V.cols]).toEqual([m, p, p, p, n, p]);
      expect(maxRelDiff(mm(mm(U, S), transpose(V)).toArrays(), a.toArrays())).toBeLessThan(1e-12);
      expect(maxRelDiff(mm(transpose(U), U).toArrays(), identityArrays(p))).toBeLessThan(1e-12);
      expect(maxRelDiff(mm(transpose(V), V).toArrays(), identityArrays(p))).toBeLessThan(1e-12);
      for (let i = 1; i < p; i++) expect(S.get(i, i)).toBeLessThanOrEqual(S.get(i - 1, i - 1));
    }
  });
});
