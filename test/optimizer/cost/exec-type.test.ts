/**
 * Exec-type selection through declared backends: plan snapshots of the HOP lines (dims, memory
 * estimate, exec type) under fixed machine descriptions. optLevel 0 keeps them independent of
 * the rewrite rules.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GB, type TesseraConfig } from '../../../src/common/config.js';
import type { ExecType } from '../../../src/optimizer/hop.js';
import { blockHops, compile, hopsText } from '../helpers.js';
import { machineFrom } from '../../../src/optimizer/cost/machine.js';
import { estimateSeconds } from '../../../src/optimizer/cost/time.js';

const BASE: TesseraConfig = {
  memoryBytes: GB,
  threads: 1,
  blasGflops: 3.5,
  memoryBandwidthGBs: 10,
  execMode: 'hybrid',
  gpuMode: 'off',
};
const GPU = { memoryBytes: 16 * GB, gflops: 5000, bandwidthGBs: 900, transferGBs: 12, latencyUs: 10 };
const CLUSTER = { ranks: 8, memoryPerRankBytes: 4 * GB, gflopsPerRank: 50, networkGBs: 1.25, networkLatencyUs: 50 };

const BIG = `X = rand(rows=100000, cols=10000, seed=1)
y = rand(rows=10000, cols=1, seed=2)
s = sum(X %*% y)
v = rand(rows=10, cols=1, seed=3)
print(s + sum(v * 2))`;

const MATMUL = `A = rand(rows=2000, cols=2000, seed=1)
B = rand(rows=2000, cols=2000, seed=2)
C = A %*% B
v = rand(rows=10, cols=1, seed=3)
print(sum(C) + sum(v * 2))`;

function plan(src: string, config: Partial<TesseraConfig>, capabilities: ExecType[] = []): string {
  const backends = capabilities.map((exec) => ({ exec, supports: () => true }));
  const text = hopsText(src, { optLevel: 0, config: { ...BASE, ...config }, backends });
  // Matrix ops and warnings only: literals and scalars always run LOCAL.
  return text
    .split('\n')
    .filter((l) => /MATRIX|WARNING/.test(l))
    .map((l) => l.replace(/^-+/, ''))
    .join('\n');
}

describe('execution types', () => {
  it('only LOCAL registered: an op over budget runs LOCAL with a warning', () => {
    expect(plan(BIG, {})).toMatchInlineSnapshot(`
      "(4) rand (1,2,3) [rows,cols,seed] [100000,10000,-1] 7.5GB MATRIX.DOUBLE LOCAL
         WARNING: memory estimate 7.5GB exceeds the local budget 716.8MB and no other backend can run it: running LOCAL (may spill)
      (8) rand (5,6,7) [rows,cols,seed] [10000,1,-1] 78.1KB MATRIX.DOUBLE LOCAL
      (9) %*% (4,8) [100000,1,-1] 7.5GB MATRIX.DOUBLE LOCAL
         WARNING: memory estimate 7.5GB exceeds the local budget 716.8MB and no other backend can run it: running LOCAL (may spill)
      (14) rand (11,12,13) [rows,cols,seed] [10,1,-1] 80B MATRIX.DOUBLE LOCAL
      (16) * (14,15) [10,1,-1] 160B MATRIX.DOUBLE LOCAL
      (20) TWrite X (4) [100000,10000,-1] 7.5GB MATRIX.DOUBLE LOCAL
      (21) TWrite y (8) [10000,1,-1] 78.1KB MATRIX.DOUBLE LOCAL
      (23) TWrite v (14) [10,1,-1] 80B MATRIX.DOUBLE LOCAL"
    `);
  });

  it('DIST declared with a cluster: ops over the local budget go to DIST, small ones stay LOCAL', () => {
    expect(plan(BIG, { cluster: CLUSTER }, ['DIST'])).toMatchInlineSnapshot(`
      "(4) rand (1,2,3) [rows,cols,seed] [100000,10000,-1] 7.5GB MATRIX.DOUBLE DIST
      (8) rand (5,6,7) [rows,cols,seed] [10000,1,-1] 78.1KB MATRIX.DOUBLE LOCAL
      (9) %*% (4,8) [100000,1,-1] 7.5GB MATRIX.DOUBLE DIST
      (14) rand (11,12,13) [rows,cols,seed] [10,1,-1] 80B MATRIX.DOUBLE LOCAL
      (16) * (14,15) [10,1,-1] 160B MATRIX.DOUBLE LOCAL
      (20) TWrite X (4) [100000,10000,-1] 7.5GB MATRIX.DOUBLE LOCAL
      (21) TWrite y (8) [10000,1,-1] 78.1KB MATRIX.DOUBLE LOCAL
      (23) TWrite v (14) [10,1,-1] 80B MATRIX.DOUBLE LOCAL"
    `);
  });

  it('-exec singlenode never picks DIST', () => {
    const p = plan(BIG, { cluster: CLUSTER, execMode: 'singlenode' }, ['DIST']);
    expect(p).not.toContain('DIST');
    expect(p).toContain('WARNING');
  });

  it('an op larger than the cluster can hold runs LOCAL with a warning naming both budgets', () => {
    const small = { ...CLUSTER, ranks: 2, memoryPerRankBytes: GB };
    const p = plan(BIG, { cluster: small }, ['DIST']);
    expect(p).not.toContain('DIST');
    expect(p).toMatch(/WARNING: memory estimate 7\.5GB exceeds the local budget 716\.8MB and the cluster's 1\.4GB/);
  });

  it('a read larger than the local budget warns (it runs LOCAL: nothing reads in parallel yet)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-exec-read-'));
    try {
      const f = path.join(dir, 'X.csv');
      writeFileSync(`${f}.mtd`, JSON.stringify({ data_type: 'matrix', value_type: 'double', rows: 1e6, cols: 1000, format: 'csv' }));
      const p = plan(`X = read("${f}")\nprint(sum(X))`, {});
      expect(p).toMatch(/read .*LOCAL\n\s*WARNING: memory estimate 7\.5GB exceeds the local budget/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every DIST instruction pays the fixed cost per instruction on top of its work', () => {
    // 1000 x 10 doubles: well under a microsecond of work per rank.
    const c = compile('X = rand(rows=1000, cols=10, seed=1)\nY = X * 2\nprint(sum(Y))', { optLevel: 0 });
    const times = blockHops(c).find((h) => h.op === '*');
    expect(times).toBeDefined();
    const seconds = (us: number): number =>
      estimateSeconds(times!, 'DIST', machineFrom({ ...BASE, cluster: { ...CLUSTER, opOverheadUs: us } }));
    expect(seconds(300) - seconds(1)).toBeCloseTo(299e-6, 9);
    expect(estimateSeconds(times!, 'LOCAL', machineFrom(BASE))).toBeLessThan(seconds(300) / 10);
  });

  it('-exec dist puts every matrix op on DIST', () => {
    const p = plan(MATMUL, { cluster: CLUSTER, execMode: 'dist' }, ['DIST']);
    const ops = p.split('\n').filter((l) => !l.includes('TWrite') && !l.includes('TRead'));
    expect(ops.length).toBeGreaterThan(3);
    expect(ops.every((l) => l.endsWith(' DIST'))).toBe(true);
    expect(p).toMatch(/%\*%.*DIST/);
    expect(p).toMatch(/\(\d+\) \* .*DIST/);
  });

  it('GPU on and declared: a large matmul goes to the GPU, a tiny cell-wise op stays LOCAL', () => {
    expect(plan(MATMUL, { gpu: GPU, gpuMode: 'on' }, ['GPU'])).toMatchInlineSnapshot(`
      "(4) rand (1,2,3) [rows,cols,seed] [2000,2000,-1] 30.5MB MATRIX.DOUBLE GPU
      (8) rand (5,6,7) [rows,cols,seed] [2000,2000,-1] 30.5MB MATRIX.DOUBLE GPU
      (9) %*% (4,8) [2000,2000,-1] 91.6MB MATRIX.DOUBLE GPU
      (14) rand (11,12,13) [rows,cols,seed] [10,1,-1] 80B MATRIX.DOUBLE LOCAL
      (16) * (14,15) [10,1,-1] 160B MATRIX.DOUBLE LOCAL
      (20) TWrite A (4) [2000,2000,-1] 30.5MB MATRIX.DOUBLE LOCAL
      (21) TWrite B (8) [2000,2000,-1] 30.5MB MATRIX.DOUBLE LOCAL
      (22) TWrite C (9) [2000,2000,-1] 30.5MB MATRIX.DOUBLE LOCAL
      (23) TWrite v (14) [10,1,-1] 80B MATRIX.DOUBLE LOCAL"
    `);
  });

  it('GPU described but not registered, or not enabled: LOCAL', () => {
    expect(plan(MATMUL, { gpu: GPU, gpuMode: 'on' })).not.toContain('GPU');
    expect(plan(MATMUL, { gpu: GPU, gpuMode: 'off' }, ['GPU'])).not.toContain('GPU');
  });

  it('an op the backend has no kernel for stays LOCAL', () => {
    const text = hopsText(MATMUL, {
      optLevel: 0,
      config: { ...BASE, gpu: GPU, gpuMode: 'force' },
      backends: [{ exec: 'GPU', supports: (op: string) => op === '%*%' }],
    });
    expect(text).toMatch(/%\*% .* GPU\n/);
    expect(text).toMatch(/rand .* LOCAL\n/);
    expect(text).not.toMatch(/rand .* GPU\n/);
  });

  it('-gpu force puts every matrix op on the GPU', () => {
    const p = plan(MATMUL, { gpu: GPU, gpuMode: 'force' }, ['GPU']);
    expect(p).toMatch(/\(\d+\) \* .*GPU/);
    expect(p).toMatch(/%\*%.*GPU/);
  });
});

describe('placement-aware exec types', () => {
  const CHAIN = `A = read("A", rows=2000, cols=2000)
B = read("B", rows=2000, cols=2000)
C = A %*% B
D = C * 2
print(sum(D))`;
  const ops = (op: string): boolean => ['%*%', '*', 'sum'].includes(op);
  // A slow link (2 GB/s): moving a 32 MB matrix (16 ms) costs more than LOCAL's cell-wise pass
  // over it (6.4 ms at 10 GB/s). Pricing both directions per op (before placement awareness)
  // kept D = C * 2 LOCAL, paying a download of C.
  const SLOW_LINK = { ...GPU, transferGBs: 2 };

  it('a cheap op on a device result stays on the device (its input is already there)', () => {
    const text = hopsText(CHAIN, {
      optLevel: 0,
      config: { ...BASE, gpu: SLOW_LINK, gpuMode: 'on' },
      backends: [{ exec: 'GPU', supports: ops }],
    });
    expect(text).toMatch(/\) %\*% .* GPU\n/);
    expect(text).toMatch(/\) \* .* GPU\n/);
    expect(text).toMatch(/\) sum .* GPU\n/);
  });

  it('the same cheap op on host data stays LOCAL (its transfer would cost more than it saves)', () => {
    const text = hopsText(`A = read("A", rows=2000, cols=2000)\nD = A * 2\nprint(sum(D))`, {
      optLevel: 0,
      config: { ...BASE, gpu: SLOW_LINK, gpuMode: 'on' },
      backends: [{ exec: 'GPU', supports: ops }],
    });
    expect(text).toMatch(/\) \* .* LOCAL\n/);
  });
});
