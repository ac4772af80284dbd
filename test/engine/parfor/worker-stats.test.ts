/** -stats counts the instructions parfor workers run: the same counts as the sequential loop. */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownParforPool } from '../../../src/engine/parfor/pool.js';
import { runDml } from '../../helpers/run.js';

const saved = process.env.TESSERA_PARFOR;
afterAll(async () => {
  if (saved === undefined) delete process.env.TESSERA_PARFOR;
  else process.env.TESSERA_PARFOR = saved;
  await shutdownParforPool();
});

function opCounts(mode: 'parallel' | 'sequential'): Map<string, number> {
  process.env.TESSERA_PARFOR = mode;
  const { out, result } = runDml(
    `X = rand(rows=20, cols=4, seed=3)
R = matrix(0, rows=20, cols=1)
parfor (i in 1:20, par=3) {
  v = X[i, ] * 2
  R[i, 1] = sum(exp(v))
}
print(sum(R))`,
    { stats: true },
  );
  expect(out).toHaveLength(1);
  return new Map([...result.stats!.ops].map(([op, s]) => [op, s.count]));
}

describe('parfor worker stats', () => {
  it('merges per-opcode counts from the workers into -stats', { timeout: 150_000 }, () => {
    const par = opCounts('parallel');
    const seq = opCounts('sequential');
    expect(par.get('exp')).toBe(20);
    expect(par).toEqual(seq);
  });
});
