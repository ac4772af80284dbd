/**
 * Finding a BLAS/LAPACK shared library at run time and binding the routines the kernels use.
 * Order: TESSERA_BLAS (a path, or "none" to switch native kernels off), OpenBLAS, MKL, BLIS,
 * Apple Accelerate, then the system's libblas/liblapack (Debian alternatives). koffi and the
 * library load lazily, on the first operation big enough to want them, so start-up never pays.
 * Every routine is the Fortran symbol (dgemm_ ...): all BLAS/LAPACK builds export those. Character
 * arguments get gfortran's hidden trailing length arguments (harmless for C implementations).
 */
import type { LibraryHandle as IKoffiLib } from 'koffi';
import { applyCoreType } from './cpu.js';

import { loadKoffi, type KoffiModule } from '../koffi.js';

/** A bound C function (koffi's own type is not exported). */
export type KoffiFunction = (...args: unknown[]) => unknown;

/** Raw bindings; arguments are typed arrays (passed by pointer, no copy) and strings for chars. */
export interface RawRoutines {
  dgemm: KoffiFunction;
  dgemv: KoffiFunction;
  dsyrk: KoffiFunction;
  dgesv: KoffiFunction;
  dposv: KoffiFunction;
  dgetrf: KoffiFunction;
  dgetri: KoffiFunction;
  dgetrs: KoffiFunction;
  dpotrf: KoffiFunction;
  dsyevd: KoffiFunction;
  dgeqrf: KoffiFunction;
  dorgqr: KoffiFunction;
  dgesdd: KoffiFunction;
  /** Sets the library's thread count for later calls (absent: the library has no such call). */
  setThreads: KoffiFunction | undefined;
  /** The library's thread count now (OpenBLAS), so that an equal count is never set again. */
  getThreads: KoffiFunction | undefined;
}

export interface LoadedBlas {
  /** Short family name: OpenBLAS, MKL, BLIS, Accelerate, system BLAS. */
  readonly family: string;
  readonly blasPath: string;
  readonly lapackPath: string;
  /** OpenBLAS's own description (version, core) where it offers one. */
  readonly detail?: string;
  /** OPENBLAS_CORETYPE in effect and whether Tessera set it. */
  readonly coreType?: string;
  readonly coreTypeForced: boolean;
  readonly fns: RawRoutines;
}

interface Candidate {
  family: string;
  blas: string;
  /** Where LAPACK comes from when the BLAS library lacks it. */
  lapack?: string;
}

function candidates(platform: NodeJS.Platform): Candidate[] {
  const list: Candidate[] = [];
  if (platform === 'darwin') {
    for (const p of ['/opt/homebrew/opt/openblas/lib', '/usr/local/opt/openblas/lib'])
      list.push({ family: 'OpenBLAS', blas: `${p}/libopenblas.dylib` });
    list.push({ family: 'OpenBLAS', blas: 'libopenblas.dylib' });
    list.push({ family: 'MKL', blas: 'libmkl_rt.dylib' });
    list.push({ family: 'Accelerate', blas: '/System/Library/Frameworks/Accelerate.framework/Accelerate' });
    return list;
  }
  if (platform === 'win32') {
    list.push({ family: 'OpenBLAS', blas: 'libopenblas.dll' }, { family: 'MKL', blas: 'mkl_rt.2.dll' });
    return list;
  }
  list.push(
    { family: 'OpenBLAS', blas: 'libopenblas.so.0' },
    { family: 'OpenBLAS', blas: 'libopenblas.so' },
    { family: 'MKL', blas: 'libmkl_rt.so.2' },
    { family: 'MKL', blas: 'libmkl_rt.so' },
    { family: 'BLIS', blas: 'libblis.so.4', lapack: 'liblapack.so.3' },
    { family: 'BLIS', blas: 'libblis.so', lapack: 'liblapack.so.3' },
    { family: 'system BLAS', blas: 'libblas.so.3', lapack: 'liblapack.so.3' },
  );
  return list;
}

function tryLoad(koffi: KoffiModule, path: string): IKoffiLib | undefined {
  try {
    return koffi.load(path);
  } catch {
    return undefined;
  }
}

function hasSymbol(lib: IKoffiLib, proto: string): boolean {
  try {
    lib.func(proto);
    return true;
  } catch {
    return false;
  }
}

const I = 'const int *';
const D = 'const double *';
const W = 'double *';
const IW = 'int *';
const C = 'const char *';
const L = 'size_t';

function bind(blas: IKoffiLib, lapack: IKoffiLib): RawRoutines {
  const f = (lib: IKoffiLib, name: string, args: string[]): KoffiFunction =>
    lib.func(`void ${name}(${args.map((t, i) => `${t} a${i}`).join(', ')})`);
  return {
    dgemm: f(blas, 'dgemm_', [C, C, I, I, I, D, D, I, D, I, D, W, I, L, L]),
    dgemv: f(blas, 'dgemv_', [C, I, I, D, D, I, D, I, D, W, I, L]),
    dsyrk: f(blas, 'dsyrk_', [C, C, I, I, D, D, I, D, W, I, L, L]),
    dgesv: f(lapack, 'dgesv_', [I, I, W, I, IW, W, I, IW]),
    dposv: f(lapack, 'dposv_', [C, I, I, W, I, W, I, IW, L]),
    dgetrf: f(lapack, 'dgetrf_', [I, I, W, I, IW, IW]),
    dgetri: f(lapack, 'dgetri_', [I, W, I, IW, W, I, IW]),
    dgetrs: f(lapack, 'dgetrs_', [C, I, I, D, I, I, W, I, IW, L]),
    dpotrf: f(lapack, 'dpotrf_', [C, I, W, I, IW, L]),
    dsyevd: f(lapack, 'dsyevd_', [C, C, I, W, I, W, W, I, IW, I, IW, L, L]),
    dgeqrf: f(lapack, 'dgeqrf_', [I, I, W, I, W, W, I, IW]),
    dorgqr: f(lapack, 'dorgqr_', [I, I, I, W, I, D, W, I, IW]),
    dgesdd: f(lapack, 'dgesdd_', [C, I, I, W, I, W, W, I, W, I, W, I, IW, IW, L]),
    setThreads: threadSetter(blas),
    getThreads: optional(blas, 'int openblas_get_num_threads(void)'),
  };
}

function optional(lib: IKoffiLib, proto: string): KoffiFunction | undefined {
  try {
    return lib.func(proto);
  } catch {
    return undefined;
  }
}

/**
 * The library's own thread-count setter (OpenBLAS, MKL, BLIS), or undefined. Without it the
 * library uses every core in every process: a run told to use 1 thread, or each of several MPI
 * ranks on one host, would still spin up all of them, oversubscribing the cores.
 */
function threadSetter(lib: IKoffiLib): KoffiFunction | undefined {
  for (const proto of [
    'void openblas_set_num_threads(int n)',
    'void MKL_Set_Num_Threads(int n)',
    'void bli_thread_set_num_threads(long n)',
  ]) {
    try {
      return lib.func(proto);
    } catch {
      // not this library's
    }
  }
  return undefined;
}

function describeOpenBlas(lib: IKoffiLib): string | undefined {
  try {
    const config = lib.func('const char *openblas_get_config(void)')() as string;
    const core = lib.func('const char *openblas_get_corename(void)')() as string;
    return `${config.split(' ').slice(0, 2).join(' ')} core=${core}`;
  } catch {
    return undefined;
  }
}

/** What loading found: the library, or why there is none. */
export type LoadResult = { ok: true; blas: LoadedBlas } | { ok: false; reason: string };

/** Loads koffi and the first usable library. Never throws: failures come back as a reason. */
export function loadBlas(env: NodeJS.ProcessEnv = process.env, platform = process.platform): LoadResult {
  const choice = env.TESSERA_BLAS?.trim();
  if (choice === 'none') return { ok: false, reason: 'disabled by TESSERA_BLAS=none' };
  let koffi: KoffiModule;
  try {
    // With its call stack raised for OpenBLAS's threaded LAPACK (kernels/koffi.ts).
    koffi = loadKoffi();
  } catch (e) {
    return { ok: false, reason: `koffi is not available (${(e as Error).message.split('\n')[0]})` };
  }
  // OpenBLAS reads OPENBLAS_CORETYPE once, when it is loaded: set it first.
  const core = applyCoreType(env);
  const list: Candidate[] =
    choice !== undefined && choice !== ''
      ? [{ family: 'user library', blas: choice, lapack: 'liblapack.so.3' }]
      : candidates(platform);
  const tried: string[] = [];
  for (const c of list) {
    const blas = tryLoad(koffi, c.blas);
    if (!blas || !hasSymbol(blas, 'void dgemm_(void)')) {
      tried.push(c.blas);
      continue;
    }
    let lapack = blas;
    let lapackPath = c.blas;
    if (!hasSymbol(blas, 'void dgetrf_(void)')) {
      const other = c.lapack ? tryLoad(koffi, c.lapack) : undefined;
      if (!other || !hasSymbol(other, 'void dgetrf_(void)')) {
        tried.push(`${c.blas} (no LAPACK)`);
        continue;
      }
      lapack = other;
      lapackPath = c.lapack!;
    }
    const detail = describeOpenBlas(blas);
    const family =
      detail && c.family !== 'OpenBLAS' && c.family !== 'user library' ? `${c.family} (OpenBLAS)` : c.family;
    return {
      ok: true,
      blas: {
        family: detail && c.family === 'user library' ? 'OpenBLAS' : family,
        blasPath: c.blas,
        lapackPath,
        ...(detail !== undefined ? { detail } : {}),
        ...(core.coreType !== undefined ? { coreType: core.coreType } : {}),
        coreTypeForced: core.forced,
        fns: bind(blas, lapack),
      },
    };
  }
  return { ok: false, reason: `no BLAS/LAPACK library found (tried ${tried.join(', ')})` };
}
