/**
 * t(X) %*% X split by rows over the pool: each thread accumulates the Gram matrix of its row range
 * with the compiled kernel into its own n x n partial, and the main thread adds the partials in
 * chunk order, so the result depends only on the thread count, never on timing.
 */
import { defineJob, type Job } from '../../threads/jobs.js';
import type { KernelResources } from '../../kernel-resources.js';
import { runTsmmLeftJob, type TsmmLeftJob } from '../compiled/tsmm.js';
import { KERNEL_JOBS } from './jobs.js';
import { sharedF64 } from './shared-memory.js';

/** One thread's rows of t(X) %*% X into its own partial (compiled kernel). */
export const tsmmLeftJob = defineJob<TsmmLeftJob>('tsmmLeft', runTsmmLeftJob);

/**
 * Upper triangle of t(X) %*% X (X dense, m x n, row-major, in shared memory) summed over per-thread
 * partials, or undefined when splitting does not pay (one thread, too small, X not shared: copying
 * X into shared memory costs as much as the pass itself) or the pool is unavailable.
 */
export function parallelTsmmLeft(
  rt: KernelResources,
  x: Float64Array,
  m: number,
  n: number,
): Float64Array | undefined {
  const t = rt.threads;
  if (t <= 1 || m * n < rt.minCells || !(x.buffer instanceof SharedArrayBuffer)) return undefined;
  const p = Math.min(t, m);
  const nn = n * n;
  const part = sharedF64(p * nn);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const r0 = Math.floor((m * k) / p);
    const r1 = Math.floor((m * (k + 1)) / p);
    jobs.push(tsmmLeftJob.job({ x, m, n, r0, r1, part, slot: k }));
  }
  if (!rt.pool.runParallel(KERNEL_JOBS, jobs)) return undefined;
  const c = new Float64Array(nn);
  for (let k = 0; k < p; k++) {
    const o = k * nn;
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) c[i * n + j]! += part[o + i * n + j]!;
  }
  return c;
}
