import { afterAll, describe, expect, it } from 'vitest';
import { KERNEL_JOBS } from '../../../src/engine/kernels/parallel/jobs.js';
import { unaryJob } from '../../../src/engine/kernels/parallel/ops.js';
import { defineJob, JobRegistry } from '../../../src/engine/threads/jobs.js';
import { poolStats, runParallel, shutdownPool } from '../../../src/engine/threads/pool.js';
import { stampJob, TEST_JOBS } from './fixtures/test-jobs.js';

afterAll(async () => {
  await shutdownPool();
});

function shared(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * n));
}

describe('job registry', () => {
  it('runs a registered kind with its payload and refuses unknown or doubly defined kinds', () => {
    const seen: number[] = [];
    const add = defineJob<{ readonly v: number }>('test.add', (p) => seen.push(p.v));
    const r = new JobRegistry();
    r.register(add);
    r.register(add); // the same handler again is harmless
    r.run(add.job({ v: 4 }));
    expect(seen).toEqual([4]);
    expect(r.has('test.add')).toBe(true);
    expect(() => r.run({ kind: 'test.nope', payload: {} })).toThrow(
      /no handler registered for job kind 'test.nope'/,
    );
    expect(() => r.register(defineJob<{ readonly v: number }>('test.add', () => undefined))).toThrow(
      /registered twice/,
    );
  });
});

describe('generic pool', () => {
  it('runs jobs of any registered source on the main thread and the workers, in shared memory', () => {
    const out = shared(30);
    const ids = new Int32Array(new SharedArrayBuffer(4 * 3));
    const jobs = [0, 1, 2].map((k) =>
      stampJob.job({ out, s: 10 * k, e: 10 * (k + 1), value: k + 1, ids, slot: k }),
    );
    expect(runParallel(TEST_JOBS, jobs)).toBe(true);
    expect(Array.from(out)).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(10).fill(3)]);
    // jobs[0] ran on the main thread (id 0), the others on two distinct workers.
    expect(ids[0]).toBe(0);
    expect(ids[1]).not.toBe(0);
    expect(ids[2]).not.toBe(0);
    expect(ids[1]).not.toBe(ids[2]);
  });

  it('loads a source first used after its workers started into those same workers', () => {
    const workers = poolStats().workers;
    expect(workers).toBeGreaterThanOrEqual(2);
    const x = shared(9).fill(1);
    const out = shared(9);
    const jobs = [0, 1, 2].map((k) => unaryJob.job({ op: 'exp', x, out, s: 3 * k, e: 3 * (k + 1) }));
    expect(runParallel(KERNEL_JOBS, jobs)).toBe(true);
    expect(Array.from(out)).toEqual(Array(9).fill(Math.exp(1)));
    expect(poolStats().workers).toBe(workers);
  });

  it('a kind no source registered fails on the main thread', () => {
    expect(() => runParallel(TEST_JOBS, [{ kind: 'test.unknown', payload: {} }])).toThrow(
      /no handler registered/,
    );
  });
});
