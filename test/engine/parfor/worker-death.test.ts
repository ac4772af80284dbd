/**
 * A parfor worker that dies mid-task (process.exit, an uncaught error, its heap limit) fails the
 * parfor with DML5012 at the loop's line within seconds, instead of leaving the synchronous main
 * thread waiting forever; the next parfor starts fresh workers. Faults are injected with the
 * test-only TESSERA_TEST_KILL_WORKER (src/engine/threads/liveness.ts).
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { DmlRunError } from '../../../src/api/run.js';
import { poolSize, shutdownParforPool, workerHeapMb } from '../../../src/engine/parfor/pool.js';
import { runDml } from '../../helpers/run.js';

const ENV = ['TESSERA_PARFOR', 'TESSERA_TEST_KILL_WORKER', 'TESSERA_PARFOR_WORKER_HEAP_MB'] as const;
const saved = new Map<string, string | undefined>();

beforeAll(() => {
  for (const k of ENV) saved.set(k, process.env[k]);
});
afterEach(async () => {
  for (const k of ENV) {
    const v = saved.get(k);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await shutdownParforPool();
});
afterAll(async () => {
  await shutdownParforPool();
});

const SCRIPT = `R = matrix(0, rows=8, cols=1)
x = 5
parfor (i in 1:8, par=3) {
  R[i, 1] = i * x
}
print(sum(R))`;

function failure(script: string): DmlRunError {
  try {
    runDml(script);
  } catch (e) {
    if (e instanceof DmlRunError) return e;
    throw e;
  }
  throw new Error('the script did not fail');
}

describe('parfor: a worker that dies', () => {
  it('fails the parfor with DML5012 at its line (process.exit), then recovers', { timeout: 150_000 }, () => {
    process.env.TESSERA_PARFOR = 'parallel';
    process.env.TESSERA_TEST_KILL_WORKER = 'parfor:exit';
    const d = failure(SCRIPT).diagnostics[0]!;
    expect(d.code).toBe('DML5012');
    expect(d.span?.line).toBe(3);
    expect(d.message).toContain('a parfor worker thread died');
    expect(d.message).toContain('process.exit(7)');
    // The other worker is terminated too: nothing is left in the pool.
    expect(poolSize()).toBe(0);
    // Fresh workers for the next parfor once the fault is gone.
    delete process.env.TESSERA_TEST_KILL_WORKER;
    expect(runDml(SCRIPT).out).toEqual(['180.0']);
    expect(poolSize()).toBe(2);
  });

  it('names out of memory when a worker reaches its heap limit', { timeout: 150_000 }, () => {
    process.env.TESSERA_PARFOR = 'parallel';
    process.env.TESSERA_TEST_KILL_WORKER = 'parfor:oom';
    process.env.TESSERA_PARFOR_WORKER_HEAP_MB = '384';
    const d = failure(SCRIPT.replace('par=3', 'par=2')).diagnostics[0]!;
    expect(d.code).toBe('DML5012');
    expect(d.message).toContain('out of memory (its 384 MiB JavaScript heap limit)');
  });

  it('reports an uncaught error in a worker', { timeout: 150_000 }, () => {
    process.env.TESSERA_PARFOR = 'parallel';
    process.env.TESSERA_TEST_KILL_WORKER = 'parfor:throw';
    const d = failure(SCRIPT.replace('par=3', 'par=2')).diagnostics[0]!;
    expect(d.code).toBe('DML5012');
    expect(d.message).toContain('an uncaught error: Error: test-injected worker failure');
  });
});

describe('parfor worker heap limit', () => {
  it('is the budget share, within [512 MiB, V8 default]', () => {
    delete process.env.TESSERA_PARFOR_WORKER_HEAP_MB;
    expect(workerHeapMb(4, 4 * 1024 * 2 ** 20)).toBe(1024);
    expect(workerHeapMb(8, 1024 * 2 ** 20)).toBe(512);
    const big = workerHeapMb(2, 2 ** 50);
    expect(big).toBe(workerHeapMb(2));
    expect(big).toBeGreaterThanOrEqual(512);
    process.env.TESSERA_PARFOR_WORKER_HEAP_MB = '300';
    expect(workerHeapMb(2, 2 ** 40)).toBe(300);
  });
});
