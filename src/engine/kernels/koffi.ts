/**
 * The one way Tessera loads koffi (native BLAS/LAPACK and the compiled kernels both call through
 * it). koffi runs synchronous calls on its own stack, 2 MiB by default, and accepts a larger one
 * only before its first call. OpenBLAS's threaded LAPACK (dgetrf for solve and inv, from a few
 * hundred rows) keeps large per-thread job tables on the caller's stack and overflowed 2 MiB:
 * the process died with SIGSEGV. Each library used to raise the size itself, so whichever loaded
 * second (the compiled kernels load first on most runs) could no longer, silently.
 */
import { createRequire } from 'node:module';

export type KoffiModule = typeof import('koffi');

/** Stack for synchronous native calls (threaded dgetrf on 1000 rows needs more than 2 MiB). */
const SYNC_STACK_BYTES = 16 * 1024 * 1024;

let loaded: KoffiModule | undefined;

/** koffi with its call stack raised; throws when koffi cannot be loaded (the caller says why). */
export function loadKoffi(): KoffiModule {
  if (loaded !== undefined) return loaded;
  const koffi = createRequire(import.meta.url)('koffi') as KoffiModule;
  const config = koffi.config();
  if ((config.sync_stack_size ?? 0) < SYNC_STACK_BYTES)
    koffi.config({ ...config, sync_stack_size: SYNC_STACK_BYTES });
  loaded = koffi;
  return koffi;
}
