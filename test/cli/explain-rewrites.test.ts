/** `dml -explain rewrites`: the HOP DAG after every rewrite rule that fired (spawned, over dist/). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/dml.js');

function dml(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The sections of the output, by header line. */
function sections(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of out.split(/^(?=--- )/m)) {
    const nl = part.indexOf('\n');
    if (part.startsWith('--- ')) m.set(part.slice(0, nl), part.slice(nl + 1));
  }
  return m;
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
});

describe('dml -explain rewrites', () => {
  it('prints the DAG after matmul-to-tsmm with the tsmm in it, then runs the script', () => {
    const r = dml(['-explain', 'rewrites', '-s', 'X = rand(rows=10, cols=3); B = t(X) %*% X; print(sum(B))']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = sections(r.out);
    const tsmm = s.get('--- after matmul-to-tsmm (block at line 1)');
    expect(tsmm).toBeDefined();
    expect(tsmm).toMatch(/^--\(\d+\) tsmm \(\d+,\d+\) \[3,3,-1\]/m);
    expect(tsmm).not.toMatch(/\) %\*% /);
    // The script still runs: its printed sum is the last line.
    expect(r.out.trimEnd().split('\n').pop()).toMatch(/^\d+\.\d+$/);
  });

  it('names the block of each section and says so when no rule fired', () => {
    const r = dml([
      '-explain',
      'rewrites',
      '-s',
      'X = rand(rows=4, cols=4, seed=1)\nif (sum(X) > 0) { print("pos") }\nY = t(t(X))\nprint(sum(Y))',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^--- after remove-double-transpose \(block at line \d+\)$/m);
    const none = dml(['-explain', 'rewrites', '-s', 'print(1)']);
    expect(none.out).toBe('--- no rewrite rule fired\n1\n');
  });

  it('lists rewrites among the -explain levels', () => {
    expect(dml(['--help']).out).toContain('rewrites');
    const bad = dml(['-explain', 'nonsense', '-s', 'print(1)']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('rewrites');
  });
});
