import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/common/config.js';
import { shutdownPool } from '../../../src/engine/threads/pool.js';
import { runDml } from '../../helpers/run.js';

afterAll(async () => {
  await shutdownPool();
});

/** 1.2M-cell matrices: above the split threshold; exp and ^ split even on unshared rand output. */
const SCRIPT = `
X = rand(rows=1200, cols=1000, min=-1, max=1, seed=3)
Y = exp(X)
Z = Y ^ 2
W = Z * Y + X
cs = colSums(W)
rs = rowSums(W)
tw = t(W)
print(sum(W))
print(as.scalar(cs[1, 17]))
print(as.scalar(rs[999, 1]))
print(as.scalar(tw[5, 1100]))
print(max(W) + min(W))
`;

describe('worker threads in a script run', () => {
  it('split operations give the single-threaded results', () => {
    const one = runDml(SCRIPT, { config: { ...defaultConfig(), threads: 1 }, stats: true });
    const two = runDml(SCRIPT, { config: { ...defaultConfig(), threads: 2 }, stats: true });
    expect(one.result.stats!.engine!.parallelOps).toBe(0);
    expect(two.result.stats!.engine!.parallelOps).toBeGreaterThan(0);
    expect(two.result.stats!.engine!.threads).toBe(2);
    expect(two.out.length).toBe(one.out.length);
    two.out.forEach((line, i) => {
      const a = Number(line);
      const b = Number(one.out[i]);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.abs(b));
    });
  });
});
