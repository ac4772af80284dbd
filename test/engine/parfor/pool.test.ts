/**
 * The parfor workers are the process's (parfor/pool.ts), but each run's heap limits are its own:
 * a worker's limit is fixed when it starts, so a run only uses workers started with the limit its
 * own memory budget gives, never those another Session's budget started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../src/api/index.js';
import { processParforWorkers, shutdownParforPool, workerHeapMb } from '../../../src/engine/parfor/pool.js';

const MB = 1024 * 1024;
const SCRIPT = `R = matrix(0, rows=8, cols=1)
parfor (i in 1:8, par=2) {
  R[i, 1] = i * 3
}
print(sum(R))`;

describe('parfor workers across Sessions', () => {
  let saved: string | undefined;
  beforeAll(async () => {
    saved = process.env.TESSERA_PARFOR;
    process.env.TESSERA_PARFOR = 'parallel';
    await shutdownParforPool();
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.TESSERA_PARFOR;
    else process.env.TESSERA_PARFOR = saved;
    await shutdownParforPool();
  });

  it("each Session's workers get the heap limit of its own budget", { timeout: 240_000 }, () => {
    const small = new Session({ memory: 1024 * MB, measured: 'defaults' });
    const large = new Session({ memory: 64 * 1024 * MB, measured: 'defaults' });
    const heapSmall = workerHeapMb(2, 1024 * MB);
    const heapLarge = workerHeapMb(2, 64 * 1024 * MB);
    expect(heapSmall).toBeLessThan(heapLarge);

    expect(small.run(SCRIPT).output).toEqual(['108.0']);
    expect(processParforWorkers.size(heapSmall)).toBe(1);
    // The large budget's run does not inherit the small one's limit (nor the other way round).
    expect(large.run(SCRIPT).output).toEqual(['108.0']);
    expect(processParforWorkers.size(heapLarge)).toBe(1);
    expect(processParforWorkers.size(heapSmall)).toBe(1);
    // Interleaved again: each reuses its own group, nothing new is started.
    expect(small.run(SCRIPT).output).toEqual(['108.0']);
    expect(large.run(SCRIPT).output).toEqual(['108.0']);
    expect(processParforWorkers.size()).toBe(2);
  });
});
