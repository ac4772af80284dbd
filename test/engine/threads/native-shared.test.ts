import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { LOCAL_KERNELS } from '../../../src/engine/kernels/registry.js';
import { sharedF64 } from '../../../src/engine/kernels/parallel/shared-memory.js';

/** Results of the pool live in SharedArrayBuffers; every backend must accept them as inputs. */
describe('shared-memory blocks in the kernel registry', () => {
  it('matmul, tsmm and solve give the same values for shared and ordinary inputs', () => {
    // Large enough to go native where a BLAS is installed (koffi then sees shared arrays).
    const n = 40;
    const plain = new Float64Array(n * n);
    for (let k = 0; k < plain.length; k++) plain[k] = Math.sin(k) + (k % (n + 1) === 0 ? n : 0);
    const sh = sharedF64(n * n);
    sh.set(plain);
    const A = MatrixBlock.dense(n, n, plain);
    const S = MatrixBlock.dense(n, n, sh);
    const reg = LOCAL_KERNELS;
    expect(reg.get('matmul')(S, S).toArrays()).toEqual(reg.get('matmul')(A, A).toArrays());
    expect(reg.get('tsmm')(S, true).toArrays()).toEqual(reg.get('tsmm')(A, true).toArrays());
    const b = MatrixBlock.dense(
      n,
      1,
      Float64Array.from({ length: n }, (_, i) => i),
    );
    expect(reg.get('solve')(S, b).toArrays()).toEqual(reg.get('solve')(A, b).toArrays());
  });
});
