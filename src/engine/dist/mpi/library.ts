/**
 * Loads Tessera's MPI binding (native/mpi/tessera_mpi.c, built by tools/build-native.mjs with
 * mpicc into build/native/libtessera_mpi.so) through koffi, lazily: only a process that uses MPI
 * (or `dml --version`, to name it) pays for loading koffi, the binding and libmpi. Loading does
 * not start MPI; MPI_Init runs in initMpi() (binding.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadKoffi } from '../../kernels/koffi.js';

/** The ABI version native/mpi/tessera_mpi.c declares (TMPI_ABI); another build is refused. */
const ABI = 2;

const LIB_NAME = process.platform === 'darwin' ? 'libtessera_mpi.dylib' : 'libtessera_mpi.so';

/** build/native/ at the package root, from dist/engine/dist/mpi/ (or src/... under vitest). */
export function mpiLibraryPath(): string {
  return fileURLToPath(new URL(`../../../../build/native/${LIB_NAME}`, import.meta.url));
}

/** The C functions of the binding, typed (koffi's own function type is not exported). */
export interface MpiFunctions {
  abi(): number;
  libraryVersion(): string;
  errorText(code: number): string;
  state(): number;
  /** out[0]: thread level provided, out[1]: 1 when libmpi was made RTLD_GLOBAL first. */
  init(provided: Int32Array, promoted: Int32Array): number;
  rank(out: Int32Array): number;
  size(out: Int32Array): number;
  barrier(): number;
  wtime(): number;
  processorName(out: Uint8Array, capacity: number): number;
  bcast(buf: Uint8Array, bytes: number, root: number): number;
  allreduce(buf: Float64Array, n: number, op: number): number;
  reduce(buf: Float64Array, n: number, op: number, root: number): number;
  gatherv(
    send: Float64Array,
    count: number,
    recv: Float64Array | null,
    counts: Int32Array | null,
    displs: Int32Array | null,
    root: number,
  ): number;
  allgatherv(
    send: Float64Array,
    count: number,
    recv: Float64Array,
    counts: Int32Array,
    displs: Int32Array,
  ): number;
  scatterv(
    send: Float64Array | null,
    counts: Int32Array,
    displs: Int32Array,
    recv: Float64Array,
    count: number,
    root: number,
  ): number;
  send(buf: Uint8Array, bytes: number, dest: number, tag: number): number;
  /** info gets [source, tag, bytes]. */
  recv(buf: Uint8Array, capacity: number, source: number, tag: number, info: Float64Array): number;
  abort(code: number): number;
  finalize(): number;
  /** Names the rank in failure messages and installs the SIGTERM/watchdog handlers (0: ok). */
  installFailureHandlers(who: string, watchdogSeconds: number): number;
  /** A distributed operation starts (its description; the watchdog armed) / ends. */
  enter(what: string): void;
  leave(): void;
}

export interface MpiLibrary {
  readonly path: string;
  /** First line of MPI_Get_library_version, e.g. "Open MPI v4.1.4, package: Debian OpenMPI, ...". */
  readonly version: string;
  readonly fns: MpiFunctions;
}

type LoadState = { ok: true; lib: MpiLibrary } | { ok: false; reason: string };

/** The loaded binding (or why not): one per process, like the dlopen handle and MPI itself. */
let state: LoadState | undefined;

/** C prototypes, by the name MpiFunctions gives them. */
const PROTOTYPES: Readonly<Record<keyof MpiFunctions, string>> = {
  abi: 'int tmpi_abi(void)',
  libraryVersion: 'const char *tmpi_library_version(void)',
  errorText: 'const char *tmpi_error_text(int code)',
  state: 'int tmpi_state(void)',
  init: 'int tmpi_init(int *provided, int *promoted)',
  rank: 'int tmpi_rank(int *out)',
  size: 'int tmpi_size(int *out)',
  barrier: 'int tmpi_barrier(void)',
  wtime: 'double tmpi_wtime(void)',
  processorName: 'int tmpi_processor_name(uint8_t *out, int capacity)',
  bcast: 'int tmpi_bcast(uint8_t *buf, size_t bytes, int root)',
  allreduce: 'int tmpi_allreduce_f64(double *buf, size_t n, int op)',
  reduce: 'int tmpi_reduce_f64(double *buf, size_t n, int op, int root)',
  gatherv:
    'int tmpi_gatherv_f64(const double *send, int count, double *recv, const int *counts, const int *displs, int root)',
  allgatherv:
    'int tmpi_allgatherv_f64(const double *send, int count, double *recv, const int *counts, const int *displs)',
  scatterv:
    'int tmpi_scatterv_f64(const double *send, const int *counts, const int *displs, double *recv, int count, int root)',
  send: 'int tmpi_send(const uint8_t *buf, size_t bytes, int dest, int tag)',
  recv: 'int tmpi_recv(uint8_t *buf, size_t capacity, int source, int tag, double *info)',
  abort: 'int tmpi_abort(int code)',
  finalize: 'int tmpi_finalize(void)',
  installFailureHandlers: 'int tmpi_install_failure_handlers(const char *who, int watchdog)',
  enter: 'void tmpi_enter(const char *what)',
  leave: 'void tmpi_leave(void)',
};

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

function load(env: NodeJS.ProcessEnv): LoadState {
  if (process.platform === 'win32') return { ok: false, reason: 'the MPI binding is not built on Windows' };
  const path = env['TESSERA_MPI_LIB']?.trim() || mpiLibraryPath();
  if (!existsSync(path))
    return {
      ok: false,
      reason: `not built (no ${path}; install Open MPI or MPICH with its development files, e.g. openmpi-bin libopenmpi-dev, and run npm run build)`,
    };
  let handle: ReturnType<ReturnType<typeof loadKoffi>['load']>;
  try {
    handle = loadKoffi().load(path);
  } catch (e) {
    // Typically "libmpi.so.40: cannot open shared object file": MPI was removed after the build.
    return { ok: false, reason: `${path} failed to load (${firstLine(e)})` };
  }
  try {
    const fns = Object.fromEntries(
      Object.entries(PROTOTYPES).map(([name, decl]) => [name, handle.func(decl)]),
    ) as unknown as MpiFunctions;
    const abi = fns.abi();
    if (abi !== ABI)
      return { ok: false, reason: `${path} is stale (ABI ${abi}, want ${ABI}; run npm run build)` };
    return { ok: true, lib: { path, version: fns.libraryVersion(), fns } };
  } catch (e) {
    return { ok: false, reason: `${path} is not Tessera's MPI binding (${firstLine(e)})` };
  }
}

/** The binding, loading it on first use; undefined when it cannot be used (mpiUnavailable says why). */
export function mpiLibrary(env: NodeJS.ProcessEnv = process.env): MpiLibrary | undefined {
  state ??= load(env);
  return state.ok ? state.lib : undefined;
}

/** Why MPI cannot be used in this process (binding not built, libmpi missing, ...); undefined when it can. */
export function mpiUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  state ??= load(env);
  return state.ok ? undefined : state.reason;
}

/** One line for `dml --version`: the MPI library, or why there is none; `load` false never loads. */
export function mpiDescription(load = true): string {
  if (!state && !load) return 'found on first use';
  const lib = mpiLibrary();
  return lib ? `${lib.version} (binding ${lib.path})` : `unavailable: ${mpiUnavailable()}`;
}
