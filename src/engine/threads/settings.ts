/**
 * Thread settings for the parallel kernels: the degree of parallelism (config `threads`, default
 * the machine's cores) and the size below which an operation runs inline on the main thread.
 */
import os from 'node:os';
import { isMainThread } from 'node:worker_threads';

export interface ThreadSettings {
  /** Threads an operation may use, the main thread included (1 = never start workers). */
  threads: number;
  /**
   * Cells below which an operation runs inline: posting a job to a worker and waking the main
   * thread costs tens of microseconds, worth it only once the op itself takes far longer.
   * On the shared 2-core machine X*Y below ~2^19 cells gained nothing (docs/engine.md).
   */
  minCells: number;
}

export const threadSettings: ThreadSettings = {
  // Inside a worker thread (a parfor worker) the cores are already shared out: stay inline.
  threads: isMainThread ? Math.max(1, os.availableParallelism?.() ?? os.cpus().length) : 1,
  minCells: 1 << 20,
};

/** Sets the degree of parallelism (config `threads`); returns the previous settings. */
export function configureThreads(next: Partial<ThreadSettings>): ThreadSettings {
  const prev = { ...threadSettings };
  if (next.threads !== undefined) threadSettings.threads = Math.max(1, Math.floor(next.threads));
  if (next.minCells !== undefined) threadSettings.minCells = Math.max(1, Math.floor(next.minCells));
  return prev;
}
