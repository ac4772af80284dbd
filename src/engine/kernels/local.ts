/**
 * Registers the TypeScript ('local') kernels: the baseline every other backend is tested against;
 * and the 'native' BLAS/LAPACK kernels (which load their library lazily and fall back to these)
 * unless TESSERA_BLAS=none.
 */
import { KernelRegistry } from './registry.js';
import { matmul } from './matmul.js';
import { tsmm } from './tsmm.js';
import { det, lu } from './decompositions/lu.js';
import { inv, qr, solve } from './decompositions/qr.js';
import { cholesky } from './decompositions/cholesky.js';
import { eigen } from './decompositions/eigen.js';
import { svd } from './decompositions/svd.js';
import { registerNativeKernels } from './native/kernels.js';
import { nativeDisabled } from './native/state.js';
import { CompilerOps } from '../../common/op-names.js';

export function registerLocalKernels(reg: KernelRegistry): void {
  reg.register('local', 'matmul', matmul);
  reg.register('local', CompilerOps.tsmm, tsmm);
  reg.register('local', 'solve', solve);
  reg.register('local', 'inv', inv);
  reg.register('local', 'det', det);
  reg.register('local', 'cholesky', cholesky);
  reg.register('local', 'eigen', eigen);
  reg.register('local', 'lu', lu);
  reg.register('local', 'qr', qr);
  reg.register('local', 'svd', svd);
}

export function createKernelRegistry(): KernelRegistry {
  const reg = new KernelRegistry();
  registerLocalKernels(reg);
  if (!nativeDisabled()) registerNativeKernels(reg);
  return reg;
}
