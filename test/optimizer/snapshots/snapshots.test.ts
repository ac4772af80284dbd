/**
 * Plan snapshots: `-explain hops` after rewrites for small scripts (ids renumbered by the
 * printer, so the text is deterministic). Update with `npx vitest run test/optimizer/snapshots -u`.
 *
 * Every snapshot is planned for one fixed machine (not this one: the default configuration takes
 * half of this machine's memory and all its cores), with a GPU and a cluster registered, so the
 * exec types they show are the planner's choices, the same on every machine, and they vary:
 * LOCAL for small data, GPU where its time wins, DIST where the data outgrows the local budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hopsText } from '../helpers.js';
import { GB, type TesseraConfig } from '../../../src/common/config.js';
import type { OptimizerOptions } from '../../../src/optimizer/index.js';

const FIXED_MACHINE: TesseraConfig = {
  memoryBytes: 2 * GB,
  threads: 4,
  blasGflops: 20,
  memoryBandwidthGBs: 10,
  execMode: 'hybrid',
  gpuMode: 'on',
  gpu: { memoryBytes: 16 * GB, gflops: 5000, bandwidthGBs: 900, transferGBs: 12, latencyUs: 10 },
  cluster: { ranks: 4, memoryPerRankBytes: 8 * GB, gflopsPerRank: 20, networkGBs: 1.25, networkLatencyUs: 50 },
};

const FIXED: OptimizerOptions = {
  config: FIXED_MACHINE,
  backends: [
    { exec: 'GPU', supports: () => true },
    { exec: 'DIST', supports: () => true },
  ],
};

const planOf = (text: string): string => hopsText(text, FIXED);

const dir = path.dirname(fileURLToPath(import.meta.url));
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.dml'))
  .sort();

describe('plan snapshots (-explain hops)', () => {
  it('has at least 20 scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of scripts) {
    it(file, async () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      await expect(planOf(text)).toMatchFileSnapshot(`./__plans__/${file.replace(/\.dml$/, '.hops')}`);
    });
  }

  it('t(X) %*% X is a tsmm without transpose', () => {
    const h = planOf(readFileSync(path.join(dir, 'tsmm-left.dml'), 'utf8'));
    expect(h).toMatch(/\btsmm\b/);
    expect(h).not.toMatch(/\) t \(/);
  });

  it('(A %*% B) %*% v becomes A %*% (B %*% v)', () => {
    const h = planOf(readFileSync(path.join(dir, 'matmul-chain-order.dml'), 'utf8'));
    // B is rand #2 and v rand #3: the first product reads B and v, the second A and that product.
    const products = h.split('\n').filter((l) => / %\*% /.test(l));
    expect(products).toHaveLength(2);
    const ids = (l: string): number[] => (/%\*% \((\d+),(\d+)\)/.exec(l) ?? []).slice(1).map(Number);
    const randIds = h
      .split('\n')
      .filter((l) => / rand /.test(l))
      .map((l) => Number(/\((\d+)\)/.exec(l)![1]));
    const [a, b, v] = randIds as [number, number, number];
    const inner = products[0]!;
    const innerId = Number(/\((\d+)\)/.exec(inner)![1]);
    expect(ids(inner)).toEqual([b, v]);
    expect(ids(products[1]!)).toEqual([a, innerId]);
  });

  it('sum(X*Y*Z) is one fused operator', () => {
    const h = planOf(readFileSync(path.join(dir, 'fused-sum.dml'), 'utf8'));
    expect(h.match(/fused_sum/g)).toHaveLength(1);
    expect(h).not.toMatch(/\) \* \(/);
    expect(h).not.toMatch(/\) sum \(/);
  });
});
