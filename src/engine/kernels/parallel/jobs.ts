/**
 * The kernels' parallel job kinds, registered explicitly (no import side effects): this list is
 * what the pool runs on the main thread (threads/pool.ts calls it the first time a kernel posts
 * jobs) and what every pool worker runs after importing this module by its URL
 * (threads/worker.ts). A new job kind goes into this list, or the pool refuses it on both sides.
 *
 * The entry points (./ops.ts, ./tsmm.ts, ./skinny-mm.ts) pass KERNEL_JOBS to runParallel, so this
 * module and theirs import each other; neither uses the other's bindings while it is evaluated
 * (only inside functions), which ES modules allow in either load order.
 */
import type { JobRegistry, JobSource } from '../../threads/jobs.js';
import {
  binaryJob,
  cellProgramJob,
  colAggJob,
  colChunksJob,
  fullAggJob,
  rowAggJob,
  sparseDenseJob,
  transposeJob,
  unaryJob,
} from './ops.js';
import { skinnyMmJob } from './skinny-mm.js';
import { tsmmLeftJob } from './tsmm.js';

export function registerParallelJobs(registry: JobRegistry): void {
  registry.register(
    binaryJob,
    unaryJob,
    fullAggJob,
    rowAggJob,
    colAggJob,
    colChunksJob,
    transposeJob,
    sparseDenseJob,
    cellProgramJob,
    tsmmLeftJob,
    skinnyMmJob,
  );
}

/** This module, as the pool loads it into its workers. */
export const KERNEL_JOBS: JobSource = { url: import.meta.url, registerParallelJobs };
