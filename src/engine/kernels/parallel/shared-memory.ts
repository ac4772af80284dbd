/**
 * Shared memory for the parallel kernels: typed arrays over SharedArrayBuffers, which a job posts
 * to the pool's workers without a copy. Results live in shared memory when large, so a chain of
 * large ops (X*Y+Z) hands each result to the next op without a copy; a non-shared input is
 * copied into shared memory for one operation.
 *
 * Result allocation follows the run's resources (`rt`, ../../kernel-resources.ts): its thread
 * settings decide shared or not, its recycler may hand back a dead result's buffer, and buffers
 * allocated for a run are registered as that run's (only its recycler may reuse them).
 */
import { MIN_RECYCLED_BYTES, noteAllocated } from '../../data/buffer-owners.js';
import type { KernelResources } from '../../kernel-resources.js';

/** True when d lives in shared memory (workers can read it without a copy). */
export function isShared(d: Float64Array): boolean {
  return d.buffer instanceof SharedArrayBuffer;
}

/**
 * d itself when shared, else a shared copy made for this one operation. Copies are not cached:
 * a cached twin would double the memory of every large input behind the buffer pool's back.
 */
export function shared(d: Float64Array): Float64Array {
  if (isShared(d)) return d;
  const s = sharedF64(d.length);
  s.set(d);
  return s;
}

/** Int32 twin of shared(): for CSR index arrays. */
export function sharedI32(d: Int32Array): Int32Array {
  if (d.buffer instanceof SharedArrayBuffer) return d;
  const s = new Int32Array(new SharedArrayBuffer(d.length * 4));
  s.set(d);
  return s;
}

/**
 * Dense result storage: shared memory when large enough for the pool (so the next operation on
 * it needs no copy), else an ordinary array. Producers of large matrices (rand, read, matmul)
 * may use it too.
 */
export function allocDense(rt: KernelResources, n: number): Float64Array {
  if (rt.threads > 1 && n >= rt.minCells) return sharedF64(n, rt);
  const d = new Float64Array(n);
  // Registered so that the run's recycler may reuse it once its matrix is dead (buffer-owners.ts).
  if (rt.recycler !== undefined && n * 8 >= MIN_RECYCLED_BYTES) noteAllocated(d.buffer, rt.recycler);
  return d;
}

/**
 * allocDense for a result whose every cell the caller writes: a dead result's buffer of the same
 * size and kind when the run's recycler has one (old values, overwritten), else fresh memory.
 */
export function allocDenseOverwritten(rt: KernelResources, n: number): Float64Array {
  if (rt.threads > 1 && n >= rt.minCells) return sharedF64Overwritten(rt, n);
  if (n * 8 < MIN_RECYCLED_BYTES) return new Float64Array(n);
  const buf = rt.recycler?.take(n * 8, false);
  return buf !== undefined ? new Float64Array(buf) : allocDense(rt, n);
}

/** Int32 twin of allocDense (CSR column indices). */
export function allocIndex(rt: KernelResources, n: number): Int32Array {
  return rt.threads > 1 && n >= rt.minCells
    ? new Int32Array(new SharedArrayBuffer(n * 4))
    : new Int32Array(n);
}

/**
 * Fresh shared memory. With `rt`, the buffer is registered as that run's (it may hold a result
 * matrix the run's recycler can reuse once dead); scratch and partials need no `rt`.
 */
export function sharedF64(n: number, rt?: KernelResources): Float64Array {
  const buf = new SharedArrayBuffer(n * 8);
  if (rt?.recycler !== undefined) noteAllocated(buf, rt.recycler);
  return new Float64Array(buf);
}

/**
 * Shared storage for a result whose every cell the caller writes: a dead result buffer of the
 * same size when the run's recycler has one (its old values are overwritten), else fresh memory.
 */
export function sharedF64Overwritten(rt: KernelResources, n: number): Float64Array {
  const buf = rt.recycler?.take(n * 8, true);
  return buf !== undefined ? new Float64Array(buf) : sharedF64(n, rt);
}
