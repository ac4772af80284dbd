/**
 * Skinny products (X %*% V, t(X) %*% W, mmchain) split by rows of X over the pool with the compiled
 * kernels. X %*% V writes disjoint rows of one shared result; the other two accumulate per-thread
 * partials that the main thread adds in chunk order, so a result depends only on the thread
 * count, never on timing.
 */
import type { SkinnyMmJob } from '../kernels/compiled/skinny-mm.js';
import type { Job } from './jobs.js';
import { runParallel } from './pool.js';
import { shared, sharedF64 } from './parallel.js';
import { threadSettings } from './settings.js';

/** Chunks for X (n x d), or 0 when splitting does not pay (copying X would cost the pass itself). */
function chunks(x: Float64Array, n: number, d: number): number {
  const t = threadSettings.threads;
  if (t <= 1 || n * d < threadSettings.minCells || !(x.buffer instanceof SharedArrayBuffer)) return 0;
  return Math.min(t, n);
}

function rows(n: number, p: number, c: number): [number, number] {
  return [Math.floor((n * c) / p), Math.floor((n * (c + 1)) / p)];
}

/** X %*% V (n x k), or undefined when not split. */
export function parallelSkinnyMm(
  x: Float64Array,
  n: number,
  d: number,
  v: Float64Array,
  k: number,
): Float64Array | undefined {
  const p = chunks(x, n, d);
  if (p < 2) return undefined;
  const out = sharedF64(n * k);
  const y = shared(v);
  const jobs: Job[] = [];
  for (let c = 0; c < p; c++) {
    const [r0, r1] = rows(n, p, c);
    const job: SkinnyMmJob = { kind: 'skinnyMm', op: 'mm', x, n, d, y, k, r0, r1, out, slot: c };
    jobs.push(job);
  }
  return runParallel(jobs) ? out : undefined;
}

/**
 * t(X) %*% W (d x k, op 'tmm', y = W) or t(X) %*% (w * (X %*% v)) (d, op 'mmchain', y = v, k = 1),
 * summed over per-thread partials in chunk order; undefined when not split.
 */
export function parallelSkinnyPartials(
  op: 'tmm' | 'mmchain',
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  k: number,
  w?: Float64Array,
): Float64Array | undefined {
  const p = chunks(x, n, d);
  if (p < 2) return undefined;
  const dk = d * k;
  const part = sharedF64(p * dk);
  const ys = shared(y);
  const ws = w === undefined ? undefined : shared(w);
  const jobs: Job[] = [];
  for (let c = 0; c < p; c++) {
    const [r0, r1] = rows(n, p, c);
    const job: SkinnyMmJob = { kind: 'skinnyMm', op, x, n, d, y: ys, k, r0, r1, out: part, slot: c };
    jobs.push(ws === undefined ? job : { ...job, w: ws });
  }
  if (!runParallel(jobs)) return undefined;
  const out = new Float64Array(dk);
  for (let c = 0; c < p; c++) {
    const o = c * dk;
    for (let i = 0; i < dk; i++) out[i]! += part[o + i]!;
  }
  return out;
}
