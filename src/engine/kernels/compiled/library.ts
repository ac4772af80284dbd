/**
 * Tessera's own compiled kernels (native/*.c, built at install time by tools/build-native.mjs
 * with the machine's C compiler and -march=native) loaded through koffi. They cover the
 * memory-bound and sparse kernels that BLAS has no routine for (sparse x dense, row/column sums,
 * skinny tsmm), where V8's scalar code cannot keep up with the memory system.
 *
 * Optional by design: without a compiler at install time, with TESSERA_KERNELS=js, or when the
 * library fails to load, `compiledKernels()` is undefined and every caller runs its TypeScript
 * kernel. Loaded lazily (first large operation), separately in each worker thread (dlopen is
 * reference counted, so all threads share one copy of the code). Typed arrays, shared or not, are
 * passed by pointer without a copy.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LibraryHandle } from 'koffi';
import { loadKoffi } from '../koffi.js';
import { countCompiledOp } from '../../kernel-resources.js';


/** A bound C function (koffi's own type is not exported). */
export type CompiledFunction = (...args: unknown[]) => unknown;

/** The ABI version native/info.c declares; a library built from other sources is not used. */
const ABI = 1;

const LIB_NAME = process.platform === 'darwin' ? 'libtessera_kernels.dylib' : 'libtessera_kernels.so';

/** build/native/ at the package root, from dist/engine/kernels/compiled/ (or src/... under vitest). */
export function compiledLibraryPath(): string {
  return fileURLToPath(new URL(`../../../../build/native/${LIB_NAME}`, import.meta.url));
}

export interface CompiledKernels {
  readonly path: string;
  /** Compiler and flags the library was built with. */
  readonly info: string;
  /** Binds `decl` (a C prototype) once; later calls return the same function. */
  fn(decl: string): CompiledFunction;
}

type LoadState = { ok: true; kernels: CompiledKernels } | { ok: false; reason: string };

/** The loaded library (or why not): one per process (per thread), like the .so it holds. */
let state: LoadState | undefined;
/** Calls since the process started (`dml -stats`); a run's own count is in its EngineRunStats. */
let calls = 0;

function load(env: NodeJS.ProcessEnv): LoadState {
  if (env.TESSERA_KERNELS?.trim() === 'js') return { ok: false, reason: 'disabled by TESSERA_KERNELS=js' };
  const path = env.TESSERA_KERNELS_LIB?.trim() || compiledLibraryPath();
  if (!existsSync(path))
    return { ok: false, reason: `not built (no ${path}; run npm run build with a C compiler)` };
  let lib: LibraryHandle;
  try {
    lib = loadKoffi().load(path);
  } catch (e) {
    return { ok: false, reason: `${path} failed to load (${(e as Error).message.split('\n')[0]})` };
  }
  try {
    const abi = lib.func('int tessera_kernels_abi(void)')() as number;
    if (abi !== ABI)
      return { ok: false, reason: `${path} is stale (ABI ${abi}, want ${ABI}; run npm run build)` };
    const info = lib.func('const char *tessera_kernels_info(void)')() as string;
    const bound = new Map<string, CompiledFunction>();
    return {
      ok: true,
      kernels: {
        path,
        info,
        fn(decl: string): CompiledFunction {
          let f = bound.get(decl);
          if (!f) {
            f = lib.func(decl) as CompiledFunction;
            bound.set(decl, f);
          }
          return f;
        },
      },
    };
  } catch (e) {
    return {
      ok: false,
      reason: `${path} is not a Tessera kernel library (${(e as Error).message.split('\n')[0]})`,
    };
  }
}

/** The compiled kernels, loading them on first use; undefined when they are not available. */
export function compiledKernels(env: NodeJS.ProcessEnv = process.env): CompiledKernels | undefined {
  state ??= load(env);
  return state.ok ? state.kernels : undefined;
}

/**
 * The C function `decl`, or undefined without the library or in a build that predates the
 * kernel (its symbol is missing): the caller then runs its TypeScript kernel.
 */
export function optionalCompiledFn<T>(decl: string): T | undefined {
  const kernels = compiledKernels();
  if (kernels === undefined) return undefined;
  try {
    return kernels.fn(decl) as T;
  } catch {
    return undefined;
  }
}

/** Counts an operation that ran a compiled kernel (for -stats; main thread only), also in the run's counters. */
export function countCompiledCall(): void {
  calls++;
  countCompiledOp();
}

export function compiledCallCount(): number {
  return calls;
}

/** Forgets the loaded state (tests switching TESSERA_KERNELS). */
export function resetCompiledKernels(): void {
  state = undefined;
}

/** One line for `dml --version` and -stats; `load` false never forces a load. */
export function compiledDescription(load = true): string {
  if (!state && !load) return 'not loaded yet (no operation has wanted them)';
  compiledKernels();
  const s = state!;
  return s.ok ? `compiled (${s.kernels.info}) from ${s.kernels.path}` : `TypeScript only: ${s.reason}`;
}
