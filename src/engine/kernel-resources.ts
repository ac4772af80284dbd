/**
 * What a kernel needs of the run it works for: the run's thread settings, a pool to split work
 * over, the run's recycler of dead result buffers, and the run's counters. A run's
 * EngineResources (./resources.ts) is one of these; kernels get it from the execution context
 * (`ctx.resources`) or, since builtins call kernels without passing the context on, from
 * kernelResources(): the resources of the run executing on this thread.
 *
 * That lookup is the engine's one piece of dynamic scope. It is bound only by
 * withKernelResources() around a run (the interpreter, EngineResources.run) and restored when the
 * run returns or throws, so a run nested in another's callback (a Session run from a print
 * handler) sees its own resources and the outer run gets its own back. It holds no settings of
 * its own: everything a run configures lives in that run's object. Kernels resolve it once per
 * call (at entry), never per cell; the parallel layer takes it as a parameter.
 */
import { processWorkerPool, type ParallelRunner, type PoolTally } from './threads/pool.js';
import { DEFAULT_MIN_CELLS, defaultThreads } from './threads/settings.js';

/** What a run counts while it runs (EngineRunStats). */
export interface EngineCounters extends PoolTally {
  /** Operations that ran one of Tessera's compiled C kernels. */
  compiledCalls: number;
  /** Operations that ran on native BLAS/LAPACK. */
  nativeCalls: number;
}

export function newCounters(): EngineCounters {
  return { parallelOps: 0, parallelJobs: 0, compiledCalls: 0, nativeCalls: 0 };
}

/** A run's store of dead result buffers (bufferpool/recycler.ts). */
export interface ResultRecycler {
  /** A dead buffer of exactly `bytes` bytes (old contents), shared or not as asked, or undefined. */
  take(bytes: number, shared: boolean): ArrayBufferLike | undefined;
}

export interface KernelResources {
  /** Threads an operation may use, the main thread included (1 = never split). */
  readonly threads: number;
  /** Cells below which an operation runs inline (threads/settings.ts). */
  readonly minCells: number;
  /** Where split operations run (the process's workers, counted in the run's tally). */
  readonly pool: ParallelRunner;
  /**
   * The run's recycler: dead result buffers for kernels that overwrite every cell; also the owner
   * of the buffers those kernels allocate (data/buffer-owners.ts), so that no other run reuses
   * them. Undefined outside a run: nothing is reused.
   */
  readonly recycler: ResultRecycler | undefined;
  /** The run's counters; undefined outside a run (nothing is counted). */
  readonly counters: EngineCounters | undefined;
}

/**
 * Kernels called outside any run (tests, Arrow conversions of the embedding API): the machine's
 * cores, the default split size, the process's workers, no reuse, no counts. Immutable.
 */
const OUTSIDE_ANY_RUN: KernelResources = Object.freeze({
  threads: defaultThreads(),
  minCells: DEFAULT_MIN_CELLS,
  pool: processWorkerPool,
  recycler: undefined,
  counters: undefined,
});

let bound: KernelResources | undefined;

/** The resources of the run executing on this thread, else the defaults above. Once per kernel call. */
export function kernelResources(): KernelResources {
  return bound ?? OUTSIDE_ANY_RUN;
}

/** The resources bound by the innermost enclosing run, if any. */
export function enclosingResources(): KernelResources | undefined {
  return bound;
}

/** Runs fn with `r` as this thread's run resources; the previous binding comes back afterwards. */
export function withKernelResources<T>(r: KernelResources, fn: () => T): T {
  const prev = bound;
  bound = r;
  try {
    return fn();
  } finally {
    bound = prev;
  }
}

/**
 * Stand-alone kernel resources (tests, tools, parfor workers): `threads` and `minCells` as given,
 * the process's workers counted in fresh counters, no recycler.
 */
export function standaloneResources(s: {
  readonly threads: number;
  readonly minCells?: number;
}): KernelResources & { readonly counters: EngineCounters } {
  const counters = newCounters();
  return {
    threads: Math.max(1, Math.floor(s.threads)),
    minCells: Math.max(1, Math.floor(s.minCells ?? DEFAULT_MIN_CELLS)),
    pool: processWorkerPool.lease(counters),
    recycler: undefined,
    counters,
  };
}

/** Counts an operation that ran a compiled kernel in the enclosing run (main thread only). */
export function countCompiledOp(): void {
  const c = bound?.counters;
  if (c !== undefined) c.compiledCalls++;
}

/** Counts an operation that ran on native BLAS/LAPACK in the enclosing run. */
export function countNativeOp(): void {
  const c = bound?.counters;
  if (c !== undefined) c.nativeCalls++;
}
