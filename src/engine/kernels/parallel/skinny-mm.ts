/**
 * Skinny products (X %*% V, t(X) %*% W, mmchain) split by rows of X over the pool with the compiled
 * kernels. X %*% V writes disjoint rows of one shared result; the other two accumulate per-thread
 * partials that the main thread adds in chunk order, so a result depends only on the thread
 * count, never on timing.
 */
import { defineJob, type Job } from '../../threads/jobs.js';
import type { KernelResources } from '../../kernel-resources.js';
import { runSkinnyMmJob, type SkinnyMmJob } from '../compiled/skinny-mm.js';
import { KERNEL_JOBS } from './jobs.js';
import { shared, sharedF64 } from './shared-memory.js';
import type { CompilerOps } from '../../../common/op-names.js';

/** One thread's rows of a skinny product (compiled kernels). */
export const skinnyMmJob = defineJob<SkinnyMmJob>('skinnyMm', runSkinnyMmJob);

/**
 * Memory-bound products (k < 8) split only from SPLIT_FACTOR * minCells cells of X (8M by default):
 * at 1e5 x 51 (5.1M cells, about the size of L3) one thread was faster than two in most
 * alternating runs (X %*% v 2.0-2.9 against 2.5-3.5 ms, mmchain 1.5-2.1 against 1.8-2.8, load
 * 2.3-5), at 1e6 x 100 two threads won (X %*% v 23.5 against 39.6 ms, load 2.3). With k >= 8 the
 * kernels are compute-bound and split from minCells (1e5 x 51, k = 16: 7.0 against 9.0 ms).
 */
const SPLIT_FACTOR = 8;

/** Chunks for X (n x d) times k columns, or 0 when splitting does not pay (or X is not shared). */
function chunks(rt: KernelResources, x: Float64Array, n: number, d: number, k: number): number {
  const t = rt.threads;
  const need = k >= 8 ? rt.minCells : SPLIT_FACTOR * rt.minCells;
  // Copying X into shared memory would cost as much as the pass itself.
  if (t <= 1 || n * d < need || !(x.buffer instanceof SharedArrayBuffer)) return 0;
  return Math.min(t, n);
}

function rows(n: number, p: number, c: number): [number, number] {
  return [Math.floor((n * c) / p), Math.floor((n * (c + 1)) / p)];
}

/** X %*% V (n x k), or undefined when not split. */
export function parallelSkinnyMm(
  rt: KernelResources,
  x: Float64Array,
  n: number,
  d: number,
  v: Float64Array,
  k: number,
): Float64Array | undefined {
  const p = chunks(rt, x, n, d, k);
  if (p < 2) return undefined;
  const out = sharedF64(n * k, rt);
  const y = shared(v);
  const jobs: Job[] = [];
  for (let c = 0; c < p; c++) {
    const [r0, r1] = rows(n, p, c);
    jobs.push(skinnyMmJob.job({ op: 'mm', x, n, d, y, k, r0, r1, out, slot: c }));
  }
  return rt.pool.runParallel(KERNEL_JOBS, jobs) ? out : undefined;
}

/**
 * t(X) %*% W (d x k, op 'tmm', y = W) or t(X) %*% (w * (X %*% v)) (d, op 'mmchain', y = v, k = 1),
 * summed over per-thread partials in chunk order; undefined when not split.
 */
export function parallelSkinnyPartials(
  rt: KernelResources,
  op: typeof CompilerOps.tmm | typeof CompilerOps.mmchain,
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  k: number,
  w?: Float64Array,
): Float64Array | undefined {
  const p = chunks(rt, x, n, d, k);
  if (p < 2) return undefined;
  const dk = d * k;
  const part = sharedF64(p * dk);
  const ys = shared(y);
  const ws = w === undefined ? undefined : shared(w);
  const jobs: Job[] = [];
  for (let c = 0; c < p; c++) {
    const [r0, r1] = rows(n, p, c);
    const job: SkinnyMmJob = { op, x, n, d, y: ys, k, r0, r1, out: part, slot: c };
    jobs.push(skinnyMmJob.job(ws === undefined ? job : { ...job, w: ws }));
  }
  if (!rt.pool.runParallel(KERNEL_JOBS, jobs)) return undefined;
  const out = new Float64Array(dk);
  for (let c = 0; c < p; c++) {
    const o = c * dk;
    for (let i = 0; i < dk; i++) out[i]! += part[o + i]!;
  }
  return out;
}
