/**
 * Engine resources are per run (src/engine/resources.ts): two Sessions with different threads,
 * memory budgets and scratch directories run in one process, interleaved and one inside the
 * other's print callback, each with its own settings in RunStats.engine, its spill files only in
 * its own scratch directory, and nothing one configures reaching the other.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/common/config.js';
import { MatrixBlock, Session, type RunStats } from '../../src/api/index.js';
import { createEngineResources, withEngineResources } from '../../src/engine/resources.js';
import { enclosingResources, kernelResources } from '../../src/engine/kernel-resources.js';
import { cellwiseBinary } from '../../src/engine/kernels/cellwise-binary.js';
import { shutdownPool } from '../../src/engine/threads/pool.js';

const MB = 1024 * 1024;

let dirA: string;
let dirB: string;
beforeEach(() => {
  dirA = mkdtempSync(path.join(os.tmpdir(), 'tessera-res-a-'));
  dirB = mkdtempSync(path.join(os.tmpdir(), 'tessera-res-b-'));
});
afterEach(() => {
  rmSync(dirA, { recursive: true, force: true });
  rmSync(dirB, { recursive: true, force: true });
});
afterAll(async () => {
  await shutdownPool();
});

/** Spill files under `dir` (in its tessera-spill-* directories). */
function spillFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((d) => readdirSync(path.join(dir, d)).map((f) => `${d}/${f}`));
}

/** Session A: one thread, a 2 MB buffer pool in a 64 MB budget, scratch dirA. */
function sessionA(print: (line: string) => void): Session {
  return new Session({
    threads: 1,
    memory: 64 * MB,
    scratchDir: dirA,
    measured: 'defaults',
    seed: 1,
    print,
    // singlenode: the small budgets must not make the planner pick another backend.
    config: { ...defaultConfig(), execMode: 'singlenode', bufferPoolBytes: 2 * MB },
  });
}

/** Session B: two threads, a 6 MB buffer pool in a 256 MB budget, scratch dirB. */
function sessionB(print: (line: string) => void): Session {
  return new Session({
    threads: 2,
    memory: 256 * MB,
    scratchDir: dirB,
    measured: 'defaults',
    seed: 1,
    print,
    config: { ...defaultConfig(), execMode: 'singlenode', bufferPoolBytes: 6 * MB },
  });
}

/**
 * Seven live 800 KB matrices against A's 2 MB pool (it spills); "checkpoint" is printed while they
 * are live (in its own block, after theirs); then a 1.2M-cell cell-wise op that B's settings would split over threads.
 */
const SCRIPT_A = `
f = function(matrix[double] A, matrix[double] B) return (double s) {
  s = sum(A * B) + sum(A)
}
X = rand(rows=1000, cols=100, min=0, max=1, seed=7)
A1 = X + 1
A2 = X * 2
A3 = X - 3
A4 = X / 4
A5 = X + 5
A6 = X * 6
if (sum(A6) > 0) {
  print("checkpoint")
}
t = f(A1, A6) + f(A2, A5) + f(A3, A4)
W = rand(rows=1200, cols=1000, seed=5)
V = W * 2 + W
print(t + sum(V) + sum(A1) + sum(A6))
`;

/** 12 MB matrices against B's 6 MB pool (X is spilled while Y is live), split over two threads. */
const SCRIPT_B = `
X = rand(rows=1500, cols=1000, seed=3)
Y = X * 2 + X
if (sum(Y) > 0) {
  print("checkpoint")
}
Z = Y - X * 0.5
print(sum(Z) + sum(Y) + sum(X))
`;

function engine(stats: RunStats | undefined): NonNullable<RunStats['engine']> {
  expect(stats?.engine).toBeDefined();
  return stats!.engine!;
}

describe('engine resources per run', () => {
  it(
    'two Sessions, one running inside the other, keep their own threads, budgets and scratch dirs',
    { timeout: 240_000 },
    () => {
      const seenB: string[][] = [];
      let statsB: RunStats | undefined;
      let outB: string | undefined;
      const b = sessionB((line) => {
        if (line === 'checkpoint') seenB.push(spillFiles(dirB), spillFiles(dirA));
        else outB = line;
      });
      const seenA: string[][] = [];
      const a = sessionA((line) => {
        if (line !== 'checkpoint') return;
        // A has spilled by now, into dirA only.
        seenA.push(spillFiles(dirA), spillFiles(dirB));
        // B runs to the end inside A's run: its own threads, budget and scratch directory.
        statsB = b.run(SCRIPT_B, { stats: true }).stats;
        // B is gone; A's spill files are still there, and A goes on with its own settings.
        seenA.push(spillFiles(dirA), spillFiles(dirB));
      });
      const resA = a.run(SCRIPT_A, { stats: true });

      const [aFiles, bFilesDuringA, aFilesAfterB, bFilesAfterB] = seenA;
      expect(aFiles!.length).toBeGreaterThan(0);
      expect(bFilesDuringA).toEqual([]);
      expect(aFilesAfterB!.length).toBeGreaterThan(0);
      expect(bFilesAfterB).toEqual([]);
      const [bFiles, aFilesDuringB] = seenB;
      expect(bFiles!.length).toBeGreaterThan(0);
      // While B ran, A's spill directory held A's files only (B wrote none there).
      expect(aFilesDuringB).toEqual(aFiles);

      const ea = engine(resA.stats);
      expect(ea.threads).toBe(1);
      expect(ea.memoryBytes).toBe(64 * MB);
      expect(ea.bufferPool.budgetBytes).toBe(2 * MB);
      expect(ea.scratchDir).toBe(dirA);
      expect(ea.bufferPool.evictions).toBeGreaterThan(0);
      // A's 1.2M-cell op after B's run still ran on A's one thread: B's setting did not leak.
      expect(ea.parallelOps).toBe(0);

      const eb = engine(statsB);
      expect(eb.threads).toBe(2);
      expect(eb.memoryBytes).toBe(256 * MB);
      expect(eb.bufferPool.budgetBytes).toBe(6 * MB);
      expect(eb.scratchDir).toBe(dirB);
      expect(eb.bufferPool.evictions).toBeGreaterThan(0);
      expect(eb.parallelOps).toBeGreaterThan(0);

      // Same values as the script alone with B's threads (a sum split over two threads may
      // round its last bit differently from one thread's, so the thread count must match).
      const alone = new Session({ measured: 'defaults', seed: 1, threads: 2 }).run(SCRIPT_B, {});
      expect(outB).toBe(alone.output[alone.output.length - 1]);
      expect(spillFiles(dirA)).toEqual([]);
      expect(spillFiles(dirB)).toEqual([]);
      // Nothing is left bound once the runs are over.
      expect(enclosingResources()).toBeUndefined();
    },
  );

  it('interleaved runs of two Sessions each see their own settings every time', { timeout: 240_000 }, () => {
    const a = sessionA(() => undefined);
    const b = sessionB(() => undefined);
    for (let round = 0; round < 2; round++) {
      const ea = engine(a.run(SCRIPT_A, { stats: true }).stats);
      const eb = engine(b.run(SCRIPT_B, { stats: true }).stats);
      expect([ea.threads, ea.bufferPool.budgetBytes, ea.scratchDir, ea.parallelOps]).toEqual([
        1,
        2 * MB,
        dirA,
        0,
      ]);
      expect([eb.threads, eb.bufferPool.budgetBytes, eb.scratchDir]).toEqual([2, 6 * MB, dirB]);
      expect(ea.bufferPool.evictions).toBeGreaterThan(0);
      expect(eb.bufferPool.evictions).toBeGreaterThan(0);
      expect(spillFiles(dirA)).toEqual([]);
      expect(spillFiles(dirB)).toEqual([]);
    }
  });

  it("a matrix one run returned is never reused as another run's result buffer", () => {
    const s = new Session({ threads: 1, measured: 'defaults' });
    const X = s.run('X = rand(rows=1000, cols=100, seed=1)', { outputs: ['X'] }).value('X') as MatrixBlock;
    const before = Array.from(X.denseData().slice(0, 8));
    // X's slot is overwritten, then same-sized results are made: X's buffer must not be one of them.
    const r = s.run(
      'Y = X + 1; X = Y * 2; Z = X + 3; W = Z - 1; for (i in 1:3) { W = W + X; } print(sum(W));',
      {
        inputs: { X },
        stats: true,
      },
    );
    expect(Array.from(X.denseData().slice(0, 8))).toEqual(before);
    // Reuse itself still works inside the run.
    expect(engine(r.stats).bufferPool.reused).toBeGreaterThan(0);
  });
});

describe('EngineResources', () => {
  it('binds the run for kernels, and unbinds it afterwards, also after an error', () => {
    const config = { ...defaultConfig(), threads: 3, scratchDir: dirA };
    expect(kernelResources().counters).toBeUndefined();
    const seen = withEngineResources(config, (r) => {
      expect(kernelResources()).toBe(r);
      // A nested run binds its own, and the outer one comes back.
      withEngineResources({ ...config, threads: 1 }, (inner) => expect(kernelResources()).toBe(inner));
      expect(kernelResources()).toBe(r);
      return r.threads;
    });
    expect(seen).toBe(3);
    expect(enclosingResources()).toBeUndefined();
    expect(() =>
      withEngineResources(config, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(enclosingResources()).toBeUndefined();
  });

  it("counts a run's parallel operations in its own counters", { timeout: 120_000 }, () => {
    const x = MatrixBlock.dense(600, 100, new Float64Array(60000).fill(2));
    const r1 = createEngineResources({ ...defaultConfig(), threads: 2 }, { minCells: 64 });
    const r2 = createEngineResources({ ...defaultConfig(), threads: 1 }, { minCells: 64 });
    try {
      r1.run(() => cellwiseBinary('^', x, 2));
      r2.run(() => cellwiseBinary('^', x, 2));
      expect(r2.stats().parallelOps).toBe(0);
      expect(r1.stats().parallelOps).toBe(1);
    } finally {
      r1.close();
      r2.close();
    }
  });
});
