/** -stats shows the fused operators by name and a per-rule rewrite count line. */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';

async function dml(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s: string) => void (out += s), err: (s: string) => void (err += s) });
  return { out, err, code };
}

describe('-stats with rewrites', () => {
  it('reports tsmm, mmchain and fused ops and the rewrite counts', async () => {
    const script = [
      'X = rand(rows=20, cols=5, seed=1)',
      'v = rand(rows=5, cols=1, seed=2)',
      'G = t(X) %*% X',
      'r = t(X) %*% (X %*% v)',
      's = sum(X * X * 2)',
      'print(sum(G) + sum(r) + s)',
    ].join('\n');
    const r = await dml(['-stats', '20', '-s', script]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/rewrites: .*matmul-to-tsmm x1/);
    expect(r.err).toMatch(/matmul-to-mmchain x1/);
    expect(r.err).toMatch(/fuse-cellwise x\d/);
    expect(r.err).toMatch(/\btsmm\b/);
    expect(r.err).toMatch(/\bmmchain\b/);
    expect(r.err).toMatch(/\bfused_sum\b/);
    expect(r.err).not.toMatch(/^\s*\d+\s+t\s/m);
  });

  it('prints "rewrites: none" at optlevel 0', async () => {
    const r = await dml(['-stats', '--optlevel', '0', '-s', 'X = rand(rows=3, cols=3, seed=1)\nprint(sum(t(X) %*% X))']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('rewrites: none');
    expect(r.err).not.toMatch(/\btsmm\b/);
  });
});
