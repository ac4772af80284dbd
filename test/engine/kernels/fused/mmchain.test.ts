import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { cellwiseBinary } from '../../../../src/engine/kernels/cellwise-binary.js';
import { matmul } from '../../../../src/engine/kernels/matmul.js';
import { mmchain } from '../../../../src/engine/kernels/fused/mmchain.js';
import { transpose } from '../../../../src/engine/kernels/transpose.js';

function rand(rows: number, cols: number, seed: number, zeros = 0): MatrixBlock {
  let s = seed;
  const d = new Float64Array(rows * cols);
  for (let k = 0; k < d.length; k++) {
    s = (s * 16807) % 2147483647;
    const u = s / 2147483647;
    d[k] = u < zeros ? 0 : u - 0.5;
  }
  return MatrixBlock.dense(rows, cols, d);
}

function close(a: MatrixBlock, b: MatrixBlock): void {
  const x = a.toArrays().flat();
  const y = b.toArrays().flat();
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(Math.abs(v - y[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v))));
}

describe('mmchain', () => {
  const X = rand(30, 7, 3);
  const v = rand(7, 1, 5);
  const w = rand(30, 1, 9);

  it('t(X) %*% (X %*% v)', () => {
    close(mmchain(X, v), matmul(transpose(X), matmul(X, v)));
  });

  it('t(X) %*% (w * (X %*% v))', () => {
    close(mmchain(X, v, w), matmul(transpose(X), cellwiseBinary('*', w, matmul(X, v))));
  });

  it('sparse X gives the same result as dense', () => {
    const S = rand(40, 6, 11, 0.8);
    const v6 = rand(6, 1, 2);
    close(mmchain(S.toSparse(), v6), mmchain(S.toDense(), v6));
    close(mmchain(S.toSparse(), v6), matmul(transpose(S), matmul(S, v6)));
  });

  it('rejects mismatched dims', () => {
    expect(() => mmchain(X, rand(3, 1, 1))).toThrow(RangeError);
  });
});
