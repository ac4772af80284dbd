/** Without a BLAS library (hidden via TESSERA_BLAS) every native kernel still gives the TypeScript result. */
import { afterEach, describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { matmul } from '../../../../src/engine/kernels/matmul.js';
import { solve } from '../../../../src/engine/kernels/decompositions/qr.js';
import { createKernelRegistry } from '../../../../src/engine/kernels/local.js';
import { nativeMatmul, nativeSolve, nativeTsmm } from '../../../../src/engine/kernels/native/kernels.js';
import {
  nativeBlas,
  nativeDescription,
  resetNativeBlas,
} from '../../../../src/engine/kernels/native/state.js';
import { tsmm } from '../../../../src/engine/kernels/tsmm.js';
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
    expect(nativeMatmul(a, b).toArrays()).toEqual(matmul(a, b).toArrays());
    expect(nativeTsmm(a, true).toArrays()).toEqual(tsmm(a, true).toArrays());
    const sq = randomBlock(r, 50, 50, 1, 'dense');
    const rhs = randomBlock(r, 50, 1, 1, 'dense');
    expect(nativeSolve(sq, rhs).toArrays()).toEqual(solve(sq, rhs).toArrays());
  });

  it('TESSERA_BLAS=none registers no native kernels', () => {
    process.env.TESSERA_BLAS = 'none';
    resetNativeBlas();
    const reg = createKernelRegistry();
    expect(reg.backendOf('matmul')).toBe('local');
    expect(nativeDescription()).toMatch(/disabled by TESSERA_BLAS=none/);
  });

  it('without the env switch native kernels are registered (they load lazily)', () => {
    delete process.env.TESSERA_BLAS;
    resetNativeBlas();
    const reg = createKernelRegistry();
    expect(reg.backendOf('matmul')).toBe('native');
    expect(reg.backendOf('qr')).toBe('native');
    const a = MatrixBlock.dense(2, 2, Float64Array.of(1, 2, 3, 4));
    expect(reg.get('matmul')(a, a).toArrays()).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });
});
