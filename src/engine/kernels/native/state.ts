/**
 * The process-wide native BLAS state: loaded once, on first use (never at import time, so
 * start-up does not pay for koffi or the library), and a one-line description of the path in use
 * for `dml --version` and -stats.
 */
import { countNativeOp } from '../../kernel-resources.js';
import { loadBlas, type LoadedBlas, type LoadResult } from './library.js';

/** The loaded BLAS/LAPACK (or why not): one per process, like the shared library it holds. */
let result: LoadResult | undefined;
/** Calls since the process started (`dml -stats`); a run's own count is in its EngineRunStats. */
let calls = 0;

/** Counts an operation that ran on the native path (for -stats), also in the run's counters. */
export function countNativeCall(): void {
  calls++;
  countNativeOp();
}

export function nativeCallCount(): number {
  return calls;
}

/** The loaded library, loading it on the first call; undefined when there is none. */
export function nativeBlas(): LoadedBlas | undefined {
  result ??= loadBlas();
  return result.ok ? result.blas : undefined;
}

/**
 * True when TESSERA_BLAS=none: the dense native path is off (no BLAS/LAPACK, and matmul's
 * compiled skinny variant, which was part of that path, stays off too: the TypeScript baseline).
 */
export function nativeDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TESSERA_BLAS?.trim() === 'none';
}

/** Why the BLAS/LAPACK variants cannot run in this process, or undefined (loads the library). */
export function blasUnavailable(): string | undefined {
  if (nativeDisabled()) return 'disabled by TESSERA_BLAS=none';
  return nativeBlas() === undefined ? nativeDescription() : undefined;
}

/** Whether a load was attempted yet (a -stats line should not force one). */
export function nativeLoadAttempted(): boolean {
  return result !== undefined;
}

/** Forgets the loaded state so the next use loads again (tests switching TESSERA_BLAS). */
export function resetNativeBlas(): void {
  result = undefined;
}

/** One line naming the dense linear-algebra path, e.g. "native OpenBLAS 0.3.21 core=SkylakeX (...)". */
export function nativeDescription(load = true): string {
  if (!result && !load)
    return nativeDisabled()
      ? 'TypeScript kernels (disabled by TESSERA_BLAS=none)'
      : 'TypeScript kernels (no operation was large enough to load native BLAS)';
  const blas = nativeBlas();
  if (!blas) return `TypeScript kernels (${(result as { reason: string }).reason})`;
  const core = blas.coreType
    ? `, OPENBLAS_CORETYPE=${blas.coreType}${blas.coreTypeForced ? ' (auto)' : ''}`
    : '';
  const lapack = blas.lapackPath !== blas.blasPath ? ` + ${blas.lapackPath}` : '';
  return `native ${blas.detail ?? blas.family} via ${blas.blasPath}${lapack}${core}`;
}
