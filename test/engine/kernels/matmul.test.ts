import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { matmul } from '../../../src/engine/kernels/matmul.js';
import { maxRelDiff, naiveMatmul, randomBlock, rng } from './helpers.js';

const SHAPES: [number, number, number][] = [
  [0, 3, 4], [3, 0, 4], [3, 4, 0], [1, 1, 1], [1, 5, 1], [5, 1, 5], [1, 7, 9], [9, 7, 1], [13, 17, 11], [40, 150, 70], [130, 300, 3],
];
const SPARSITIES = [0, 0.01, 0.1, 0.5, 1];
const FORMATS = ['dense', 'sparse'] as const;

describe('matmul kernel', () => {
  it('matches a naive triple loop on random shapes, sparsities and formats', () => {
    const r = rng(42);
    for (const [m, k, n] of SHAPES) {
      for (const sa of SPARSITIES) {
        for (const sb of SPARSITIES) {
          for (const fa of FORMATS) {
            for (const fb of FORMATS) {
              const a = randomBlock(r, m, k, sa, fa);
              const b = randomBlock(r, k, n, sb, fb);
              const c = matmul(a, b);
              expect([c.rows, c.cols]).toEqual([m, n]);
              expect(maxRelDiff(c.toArrays(), naiveMatmul(a, b)), `${m}x${k}x${n} ${fa}/${fb} ${sa}/${sb}`).toBeLessThan(1e-12);
              let nnz = 0;
              c.forEachNonZero(() => nnz++);
              expect(c.nnz).toBe(nnz);
            }
          }
        }
      }
    }
  });

  it('is exact IEEE arithmetic on dense finite inputs', () => {
    const r = rng(1);
    const a = randomBlock(r, 20, 30, 1, 'dense');
    const b = randomBlock(r, 30, 25, 1, 'dense');
    const c = matmul(a, b);
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 25; j++) {
        let s = 0;
        for (let k = 0; k < 30; k++) s += a.get(i, k) * b.get(k, j);
        expect(c.get(i, j)).toBeCloseTo(s, 10);
      }
    }
  });

  it('propagates NaN and Inf, and treats 0 * NaN as 0 in every format', () => {
    const a = MatrixBlock.fromRows([
      [NaN, 0, 1],
      [0, Infinity, 0],
      [0, 0, 2],
    ]);
    const b = MatrixBlock.fromRows([
      [1, 0],
      [2, 0],
      [NaN, 3],
    ]);
    const want = naiveMatmul(a, b);
    expect(Number.isNaN(want[0]![0]!)).toBe(true);
    expect(want[1]![0]).toBe(Infinity);
    expect(want[1]![1]).toBe(0);
    for (const fa of FORMATS) {
      for (const fb of FORMATS) {
        const aa = fa === 'sparse' ? a.toSparse() : a;
        const bb = fb === 'sparse' ? b.toSparse() : b;
        expect(maxRelDiff(matmul(aa, bb).toArrays(), want)).toBe(0);
      }
    }
  });

  it('keeps large sparse products sparse', () => {
    const r = rng(3);
    const a = randomBlock(r, 2000, 2000, 0.001, 'sparse');
    const b = randomBlock(r, 2000, 2000, 0.001, 'sparse');
    const c = matmul(a, b);
    expect(c.isSparse).toBe(true);
  });

  it('rejects mismatched inner dimensions', () => {
    expect(() => matmul(MatrixBlock.dense(2, 3), MatrixBlock.dense(2, 3))).toThrow();
  });
});
