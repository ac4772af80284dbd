/** Shared set-up of the compiled-kernel tests: switching TESSERA_KERNELS and the thread pool. */
import { afterAll, afterEach } from 'vitest';
import { resetCompiledKernels } from '../../../src/engine/kernels/compiled/library.js';
import { shutdownPool } from '../../../src/engine/threads/pool.js';
import { standaloneResources, withKernelResources } from '../../../src/engine/kernel-resources.js';

/** Runs fn with TESSERA_KERNELS set (or unset), then restores the previous setting. */
export function withKernels<T>(mode: 'js' | undefined, fn: () => T): T {
  const prev = process.env.TESSERA_KERNELS;
  if (mode === undefined) delete process.env.TESSERA_KERNELS;
  else process.env.TESSERA_KERNELS = mode;
  resetCompiledKernels();
  try {
    return fn();
  } finally {
    if (prev === undefined) delete process.env.TESSERA_KERNELS;
    else process.env.TESSERA_KERNELS = prev;
    resetCompiledKernels();
  }
}

/** Runs fn on one thread, or on 3 threads with a tiny threshold (row ranges on the pool). */
export function threads<T>(parallel: boolean, fn: () => T): T {
  return withKernelResources(
    standaloneResources(parallel ? { threads: 3, minCells: 64 } : { threads: 1 }),
    fn,
  );
}

/** Restores TESSERA_KERNELS after each test and stops the worker pool after the file. */
export function restoreKernelsAfterTests(): void {
  const saved = process.env.TESSERA_KERNELS;
  afterEach(() => resetCompiledKernels());
  afterAll(async () => {
    if (saved === undefined) delete process.env.TESSERA_KERNELS;
    else process.env.TESSERA_KERNELS = saved;
    resetCompiledKernels();
    await shutdownPool();
  });
}

/** A small deterministic generator (LCG) for test data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** Deterministic values over `spread` decades, some negative (sums where Kahan matters). */
export function spreadValues(n: number, seed: number, spread: number): Float64Array {
  const d = new Float64Array(n);
  let s = seed;
  for (let k = 0; k < n; k++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const u = s / 2 ** 32;
    d[k] = (u - 0.3) * 10 ** Math.floor(u * spread);
  }
  return d;
}
