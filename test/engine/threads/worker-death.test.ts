import { afterEach, describe, expect, it, vi } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { cellwiseBinary } from '../../../src/engine/kernels/cellwise-binary.js';
import { fullAggregate } from '../../../src/engine/kernels/aggregates.js';
import { sharedF64 } from '../../../src/engine/kernels/parallel/shared-memory.js';
import { poolStats, shutdownPool } from '../../../src/engine/threads/pool.js';
import { standaloneResources, withKernelResources } from '../../../src/engine/kernel-resources.js';
import { resetCompiledKernels } from '../../../src/engine/kernels/compiled/library.js';

function data(rows: number, cols: number, seed: number): MatrixBlock {
  const d = sharedF64(rows * cols);
  let s = seed;
  for (let k = 0; k < d.length; k++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    d[k] = (s / 2 ** 32) * 20 - 10;
  }
  return MatrixBlock.dense(rows, cols, d);
}

/** The same operation single-threaded (the reference) and on `threads` threads. */
function serialThenParallel<T>(threads: number, fn: () => T): [T, T] {
  const serial = withKernelResources(standaloneResources({ threads: 1 }), fn);
  return [serial, withKernelResources(standaloneResources({ threads, minCells: 64 }), fn)];
}

const savedKill = process.env.TESSERA_TEST_KILL_WORKER;
afterEach(async () => {
  if (savedKill === undefined) delete process.env.TESSERA_TEST_KILL_WORKER;
  else process.env.TESSERA_TEST_KILL_WORKER = savedKill;
  vi.restoreAllMocks();
  await shutdownPool();
});

function killWorkersWith(how: string): {
  readonly mock: { readonly calls: readonly (readonly unknown[])[] };
} {
  process.env.TESSERA_TEST_KILL_WORKER = `kernel:${how}`;
  return vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
}

function warnings(stderr: { readonly mock: { readonly calls: readonly (readonly unknown[])[] } }): string[] {
  return stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('worker thread died'));
}

// Workers started from the TypeScript sources take seconds to load, so each test starts few.
describe('kernel pool: a worker that dies mid-job', () => {
  it(
    '(process.exit) the operation still returns the right result; after 3 deaths kernels run inline',
    { timeout: 150_000 },
    async () => {
      const stderr = killWorkersWith('exit');
      const a = data(300, 200, 1);
      const b = data(300, 200, 2);
      // 4 threads: 3 workers, all of which die on their first job.
      const [serial, parallel] = serialThenParallel(4, () => cellwiseBinary('+', a, b));
      expect(Array.from(parallel.denseData())).toEqual(Array.from(serial.denseData()));
      const w = warnings(stderr);
      expect(w).toHaveLength(1);
      expect(w[0]).toContain('process.exit(7)');
      expect(w[0]).toContain('single-threaded from now on');
      expect(poolStats().workers).toBe(0);
      // The pool is now off: no new workers, no jobs, same results.
      const jobs = poolStats().jobs;
      const [s2, p2] = serialThenParallel(4, () => fullAggregate('sum', a));
      expect(p2).toBe(s2);
      expect(poolStats().jobs).toBe(jobs);
      expect(poolStats().workers).toBe(0);
    },
  );

  it(
    '(uncaught error, TypeScript kernels) the right result, then a fresh worker',
    { timeout: 150_000 },
    async () => {
      const prev = process.env.TESSERA_KERNELS;
      process.env.TESSERA_KERNELS = 'js';
      resetCompiledKernels();
      try {
        const stderr = killWorkersWith('throw');
        const a = data(250, 120, 4);
        const [serial, parallel] = serialThenParallel(2, () => cellwiseBinary('*', a, a));
        expect(Array.from(parallel.denseData())).toEqual(Array.from(serial.denseData()));
        const w = warnings(stderr);
        expect(w).toHaveLength(1);
        expect(w[0]).toContain('an uncaught error: Error: test-injected worker failure');
        expect(w[0]).toContain('a new worker starts when needed');
        // One death does not switch the pool off: the next operation starts a healthy worker.
        delete process.env.TESSERA_TEST_KILL_WORKER;
        const jobs = poolStats().jobs;
        const [s2, p2] = serialThenParallel(2, () => cellwiseBinary('-', a, a));
        expect(Array.from(p2.denseData())).toEqual(Array.from(s2.denseData()));
        expect(poolStats().jobs).toBe(jobs + 1);
        expect(poolStats().workers).toBe(1);
      } finally {
        if (prev === undefined) delete process.env.TESSERA_KERNELS;
        else process.env.TESSERA_KERNELS = prev;
        resetCompiledKernels();
      }
    },
  );
});
