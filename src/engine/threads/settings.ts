/**
 * Defaults of the thread settings for the parallel kernels: the degree of parallelism (config
 * `threads`, default the machine's cores) and the size below which an operation runs inline on
 * the main thread. The settings themselves belong to each run (its EngineResources, see
 * ../kernel-resources.ts); nothing here changes after start-up.
 */
import os from 'node:os';
import { isMainThread } from 'node:worker_threads';

/**
 * Cells below which an operation runs inline: posting a job to a worker and waking the main
 * thread costs tens of microseconds, worth it only once the op itself takes far longer.
 * On the shared 2-core machine X*Y below ~2^19 cells gained nothing (docs/engine.md).
 */
export const DEFAULT_MIN_CELLS = 1 << 20;

/** The machine's cores; 1 inside a worker thread (a parfor worker: the cores are shared out already). */
export function defaultThreads(): number {
  return isMainThread ? Math.max(1, os.availableParallelism?.() ?? os.cpus().length) : 1;
}
