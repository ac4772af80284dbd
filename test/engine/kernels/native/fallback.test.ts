/** Without a BLAS library (hidden via TESSERA_BLAS) every op kernel still gives the TypeScript result. */
import { afterEach, describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { matmul } from '../../../../src/engine/kernels/matmul.js';
import { solve } from '../../../../src/engine/kernels/decompositions/qr.js';
import { solveKernel } from '../../../../src/engine/kernels/decompositions/variants.js';
import { matmulKernel } from '../../../../src/engine/kernels/matmul-variants.js';
import { variantsText } from '../../../../src/engine/kernels/variant-tables.js';
import {
  nativeBlas,
  nativeDescription,
  resetNativeBlas,
} from '../../../../src/engine/kernels/native/state.js';
import { tsmmKernel, tsmmTs } from '../../../../src/engine/kernels/tsmm.js';
import { randomBlock, rng } from '../helpers.js';

const saved = process.env.TESSERA_BLAS;

afterEach(() => {
  if (saved === undefined) delete process.env.TESSERA_BLAS;
  else process.env.TESSERA_BLAS = saved;
  resetNativeBlas();
});

describe('native BLAS fallback', () => {
  it('a missing library falls back to the TypeScript kernels with a reason', () => {
    process.env.TESSERA_BLAS = '/nonexistent/libnoblas.so';
    resetNativeBlas();
    expect(nativeBlas()).toBeUndefined();
    expect(nativeDescription()).toMatch(/TypeScript kernels \(no BLAS\/LAPACK library found/);
    const r = rng(3);
    const a = randomBlock(r, 120, 90, 1, 'dense');
    const b = randomBlock(r, 90, 100, 1, 'dense');
    expect(matmulKernel(a, b).toArrays()).toEqual(matmul(a, b).toArrays());
    expect(tsmmKernel(a, true).toArrays()).toEqual(tsmmTs(a, true).toArrays());
    const sq = randomBlock(r, 50, 50, 1, 'dense');
    const rhs = randomBlock(r, 50, 1, 1, 'dense');
    expect(solveKernel(sq, rhs).toArrays()).toEqual(solve(sq, rhs).toArrays());
  });

  it('TESSERA_BLAS=none leaves no BLAS/LAPACK variant available', () => {
    process.env.TESSERA_BLAS = 'none';
    resetNativeBlas();
    expect(variantsText(['matmul', 'solve'], true)).not.toMatch(/blas|lapack/);
    expect(variantsText(['solve', 'qr'], true)).toBe('solve=typescript qr=typescript');
    expect(nativeDescription()).toMatch(/disabled by TESSERA_BLAS=none/);
  });

  it('without loading anything, every variant is listed in preference order', () => {
    expect(variantsText(['matmul', 'solve'], false)).toBe(
      'matmul=compiled-skinny/blas/typescript solve=lapack/typescript',
    );
    const a = MatrixBlock.dense(2, 2, Float64Array.of(1, 2, 3, 4));
    expect(matmulKernel(a, a).toArrays()).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });
});
