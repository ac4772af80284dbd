import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, type TesseraConfig } from '../../../src/common/config.js';
import { runDml } from '../../helpers/run.js';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'tessera-bp-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function config(bufferPoolBytes: number): TesseraConfig {
  // singlenode: the tiny budget must not make the planner pick another backend.
  return { ...defaultConfig(), execMode: 'singlenode', threads: 1, bufferPoolBytes, scratchDir: scratch };
}

const MB = 1024 * 1024;

/**
 * Eight live 1000x100 dense matrices (800 KB each, 6.4 MB) against a 2 MB budget: more than 3x.
 * A user function and a loop read them back, so spilled matrices are restored across scopes.
 */
const SCRIPT = `
f = function(matrix[double] A, matrix[double] B) return (double s) {
  C = A * B
  s = sum(C) + sum(A)
}
X = rand(rows=1000, cols=100, min=0, max=1, seed=7)
A1 = X + 1
A2 = X * 2
A3 = X - 3
A4 = X / 4
A5 = X + 5
A6 = X * 6
A7 = X - 7
A8 = X + 8
t = 0
for (i in 1:2) {
  t = t + f(A1, A8) + f(A2, A7) + f(A3, A6) + f(A4, A5)
}
print(sum(A1) + sum(A2) + sum(A3) + sum(A4) + sum(A5) + sum(A6) + sum(A7) + sum(A8))
print(t)
print(as.scalar(A3[17, 42]) + as.scalar(A8[1000, 100]))
`;

describe('buffer pool', () => {
  it('a script whose live matrices are 3x the budget spills, restores, and gives the same results', () => {
    const big = runDml(SCRIPT, { config: config(1024 * MB), stats: true });
    const small = runDml(SCRIPT, { config: config(2 * MB), stats: true });
    expect(small.out).toEqual(big.out);
    expect(big.result.stats!.engine!.bufferPool.evictions).toBe(0);
    const bp = small.result.stats!.engine!.bufferPool;
    expect(bp.evictions).toBeGreaterThan(0);
    expect(bp.restores).toBeGreaterThan(0);
    expect(bp.bytesWritten).toBeGreaterThan(0);
    expect(bp.bytesRead).toBeGreaterThan(0);
    // With the pool, live matrices stayed near the budget (one pinned 800 KB input over at most).
    expect(bp.peakLiveBytes).toBeLessThanOrEqual(3 * MB);
    // Live matrices reached well over 3x the budget without the pool (6.4 MB of A1..A8 alone).
    expect(big.result.stats!.engine!.bufferPool.peakLiveBytes).toBeGreaterThan(6 * MB);
    // Final variables are real values (restored), and scratch files are gone.
    const a8 = small.result.variables.get('A8');
    expect(a8?.dt).toBe('matrix');
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('deletes scratch files when the run fails', () => {
    const failing = SCRIPT + '\nstop("boom")\n';
    let thrown: unknown;
    try {
      runDml(failing, { config: config(2 * MB) });
    } catch (e) {
      thrown = e;
    }
    expect(String(thrown)).toContain('boom');
    expect(readdirSync(scratch)).toEqual([]);
  });
});
