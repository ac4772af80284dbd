import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../../src/common/config.js';
import type { BufferPool } from '../../../src/engine/bufferpool/buffer-pool.js';
import { withEngineResources, type EngineRunStats } from '../../../src/engine/resources.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { SymbolTable } from '../../../src/engine/interpreter/symbol-table.js';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'tessera-bp-unit-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const KB = 1024;

/** A 100x100 dense matrix (80 KB) whose cells encode `tag`. */
function mat(tag: number): MatrixBlock {
  return MatrixBlock.dense(
    100,
    100,
    Float64Array.from({ length: 10000 }, (_, k) => tag * 1e5 + k),
  );
}

/** Runs fn with a run's resources over `budget`; fn gets the run's buffer pool. */
function run(budget: number, fn: (pool: BufferPool) => void): EngineRunStats {
  let stats: EngineRunStats | undefined;
  withEngineResources(
    { ...defaultConfig(), bufferPoolBytes: budget, scratchDir: scratch },
    (r) => fn(r.bufferPool),
    (s) => (stats = s),
  );
  return stats!;
}

describe('BufferPool', () => {
  it('evicts the least recently used matrices and restores them, identical, on use', () => {
    const s = run(200 * KB, (pool) => {
      const t = new SymbolTable(pool);
      for (let i = 1; i <= 5; i++) t.set(`M${i}`, mat(i));
      expect(pool.liveBytes).toBeLessThanOrEqual(200 * KB);
      // M1..M3 were least recently used; M5 (just stored) stays in memory.
      expect(readdirSync(pool.scratchDir!).length).toBe(3);
      expect(t.peekDims('M1')).toEqual({ rows: 100, cols: 100, nnz: 10000 });
      expect(pool.stats.restores).toBe(0);
      for (let i = 1; i <= 5; i++) {
        const m = t.get(`M${i}`);
        expect(m?.dt).toBe('matrix');
        expect((m as MatrixBlock).toArrays()).toEqual(mat(i).toArrays());
      }
    });
    expect(s.bufferPool.evictions).toBeGreaterThanOrEqual(3);
    expect(s.bufferPool.restores).toBeGreaterThanOrEqual(3);
    expect(s.bufferPool.bytesWritten).toBeGreaterThanOrEqual(3 * 80000);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('a spilled slot holds a located value (DISK) until a read brings it back to the host', () => {
    run(100 * KB, (pool) => {
      const t = new SymbolTable(pool);
      t.set('A', mat(1));
      t.set('B', mat(2));
      expect(t.locationOf('A')).toBe('DISK');
      expect(t.locationOf('B')).toBe('LOCAL');
      expect(t.getRaw('A')?.dt).toBe('matrix'); // an op placed on a backend gets host values too
      expect(t.locationOf('A')).toBe('LOCAL');
      expect(t.locationOf('B')).toBe('DISK');
      expect(t.locationOf('C')).toBeUndefined();
    });
  });

  it('keeps sparse blocks sparse and dense column vectors dense across a spill', () => {
    run(10 * KB, (pool) => {
      const t = new SymbolTable(pool);
      const sp = MatrixBlock.fromTriples(2000, 2000, [1, 5, 1999], [2, 7, 0], [1.5, -2, 3]);
      const col = MatrixBlock.dense(
        3000,
        1,
        Float64Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? i : 0)),
      );
      t.set('S', sp);
      t.set('C', col);
      t.set('X', mat(9));
      const s2 = t.get('S') as MatrixBlock;
      const c2 = t.get('C') as MatrixBlock;
      expect(s2.isSparse).toBe(true);
      expect(s2.get(1999, 0)).toBe(3);
      expect(c2.isSparse).toBe(false);
      expect(Array.from(c2.denseData())).toEqual(Array.from(col.denseData()));
    });
  });

  it("evicts an instruction's inputs last", () => {
    run(170 * KB, (pool) => {
      const t = new SymbolTable(pool);
      t.set('A', mat(1));
      t.set('B', mat(2));
      t.set('C', mat(3)); // A is spilled
      const e0 = pool.stats.evictions;
      expect(e0).toBe(1);
      t.set('E', mat(5)); // B is spilled (A stays on disk)
      expect(pool.stats.evictions).toBe(e0 + 1);
      // One instruction reads C then A: C is older than E but in use, so E goes.
      t.get('C');
      expect((t.get('A') as MatrixBlock).get(0, 0)).toBe(1e5);
      expect(pool.stats.evictions).toBe(e0 + 2);
      expect((t.get('C') as MatrixBlock).get(0, 0)).toBe(3e5);
      expect(pool.liveBytes).toBeLessThanOrEqual(170 * KB);
      // Reading a third input forces out one of the first two: the budget holds.
      expect((t.get('B') as MatrixBlock).get(0, 0)).toBe(2e5);
      expect(pool.liveBytes).toBeLessThanOrEqual(170 * KB);
    });
  });

  it('a matrix held under two names is spilled once and restored for both', () => {
    const s = run(100 * KB, (pool) => {
      const t = new SymbolTable(pool);
      const a = mat(1);
      t.set('A', a);
      t.set('B', a);
      t.set('C', mat(2));
      expect(pool.liveBytes).toBe(80000);
      expect((t.get('B') as MatrixBlock).get(0, 1)).toBe(1e5 + 1);
      expect((t.get('A') as MatrixBlock).get(0, 1)).toBe(1e5 + 1);
    });
    expect(s.bufferPool.restores).toBe(1);
  });

  it("releases a function's table once its caller runs again", () => {
    run(1024 * KB, (pool) => {
      const globals = new SymbolTable(pool);
      globals.set('G', mat(1));
      const local = new SymbolTable(pool);
      local.set('L', mat(2));
      expect(pool.liveBytes).toBe(160000);
      globals.get('G'); // the call returned
      expect(pool.liveBytes).toBe(80000);
      // A table used again after all (not dead) is registered again.
      expect((local.get('L') as MatrixBlock).get(0, 0)).toBe(2e5);
      expect(pool.liveBytes).toBe(160000);
    });
  });

  it('tables made without a pool are not tracked, also inside a run', () => {
    const t = new SymbolTable();
    t.set('X', mat(1));
    expect(t.get('X')?.dt).toBe('matrix');
    run(10 * KB, (pool) => {
      const u = new SymbolTable();
      u.set('X', mat(1));
      u.set('Y', mat(2));
      expect(pool.liveBytes).toBe(0);
      expect(pool.stats.evictions).toBe(0);
    });
  });

  it('reads bufferPool and scratch from a configuration file', () => {
    const c = parseConfig('{"bufferPool": "64MB", "scratch": "/var/tmp/x"}', 'c.json');
    expect(c.bufferPoolBytes).toBe(64 * 1024 * 1024);
    expect(c.scratchDir).toBe('/var/tmp/x');
    expect(() => parseConfig('{"scratch": 3}', 'c.json')).toThrow(/scratch/);
  });
});
