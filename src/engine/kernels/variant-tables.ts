/**
 * Every op with local variants, by op name, for reporting which implementations serve an op
 * (`dml --version`) and for tests that go over all tables. The op kernels themselves import
 * their own table; nothing dispatches through this map.
 */
import { CompilerOps } from '../../common/op-names.js';
import {
  CHOLESKY_VARIANTS,
  DET_VARIANTS,
  EIGEN_VARIANTS,
  INV_VARIANTS,
  LU_VARIANTS,
  QR_VARIANTS,
  SOLVE_VARIANTS,
  SVD_VARIANTS,
} from './decompositions/variants.js';
import { MMCHAIN_VARIANTS } from './fused/mmchain.js';
import { MATMUL_VARIANTS, TMM_VARIANTS } from './matmul-variants.js';
import { TSMM_VARIANTS } from './tsmm.js';
import type { KernelVariant } from './variants.js';

/** What reporting needs of a variant, whatever its op's inputs. */
export type NamedVariant = Pick<KernelVariant<never, unknown>, 'name' | 'unavailable'>;

export const VARIANT_TABLES: ReadonlyMap<string, readonly NamedVariant[]> = new Map<
  string,
  readonly NamedVariant[]
>([
  ['matmul', MATMUL_VARIANTS],
  [CompilerOps.tmm, TMM_VARIANTS],
  [CompilerOps.tsmm, TSMM_VARIANTS],
  [CompilerOps.mmchain, MMCHAIN_VARIANTS],
  ['solve', SOLVE_VARIANTS],
  ['inv', INV_VARIANTS],
  ['det', DET_VARIANTS],
  ['cholesky', CHOLESKY_VARIANTS],
  ['eigen', EIGEN_VARIANTS],
  ['lu', LU_VARIANTS],
  ['qr', QR_VARIANTS],
  ['svd', SVD_VARIANTS],
]);

/**
 * "matmul=compiled-skinny/blas/typescript ...": each op's variants in preference order, with
 * `load` only those available here (loading the libraries to find out), else all of them.
 */
export function variantsText(ops: readonly string[], load: boolean): string {
  return ops
    .map((op) => {
      const table = VARIANT_TABLES.get(op) ?? [];
      const names = table.filter((v) => !load || v.unavailable() === undefined).map((v) => v.name);
      return `${op}=${names.join('/') || 'none'}`;
    })
    .join(' ');
}
