import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { tsmmKernel as tsmm } from '../../../src/engine/kernels/tsmm.js';
import { maxRelDiff, naiveMatmul, randomBlock, rng, transpose } from './helpers.js';

describe('tsmm kernel', () => {
  it('equals t(X) %*% X and X %*% t(X) on random shapes, sparsities and formats', () => {
    const r = rng(9);
    for (const [m, n] of [
      [0, 3],
      [3, 0],
      [1, 1],
      [1, 6],
      [6, 1],
      [17, 9],
      [50, 80],
    ] as [number, number][]) {
      for (const sp of [0, 0.05, 0.3, 1]) {
        for (const fmt of ['dense', 'sparse'] as const) {
          const x = randomBlock(r, m, n, sp, fmt);
          const xt = transpose(x);
          const left = tsmm(x, true);
          expect([left.rows, left.cols]).toEqual([n, n]);
          expect(maxRelDiff(left.toArrays(), naiveMatmul(xt, x))).toBeLessThan(1e-12);
          const right = tsmm(x, false);
          expect([right.rows, right.cols]).toEqual([m, m]);
          expect(maxRelDiff(right.toArrays(), naiveMatmul(x, xt))).toBeLessThan(1e-12);
          const a = left.toArrays();
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(a[i]![j]).toBe(a[j]![i]);
        }
      }
    }
  });

  it('handles NaN and Inf like matmul', () => {
    const x = MatrixBlock.fromRows([
      [NaN, 0],
      [1, Infinity],
    ]);
    for (const b of [x, x.toSparse()]) {
      expect(maxRelDiff(tsmm(b, true).toArrays(), naiveMatmul(transpose(x), x))).toBe(0);
      expect(maxRelDiff(tsmm(b, false).toArrays(), naiveMatmul(x, transpose(x)))).toBe(0);
    }
  });
});
