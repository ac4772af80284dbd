/** The dml command in-process: -config, -exec, -explain recompile_*, -stats recompilation counts. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function dml(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function csvWithoutMtd(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dml-recompile-'));
  const f = path.join(dir, 'X.csv');
  const rows: string[] = [];
  for (let i = 0; i < 30; i++) rows.push([i + 1, 2 * i, 1].join(','));
  writeFileSync(f, rows.join('\n') + '\n');
  return f;
}

describe('dynamic recompilation through the CLI', () => {
  it('recompiles a block that multiplies a CSV read without .mtd, with the real sizes', async () => {
    const f = csvWithoutMtd();
    const script = `X = read("${f}", format="csv")\nY = X %*% matrix(2, rows=3, cols=2)\nprint(sum(Y))\n`;
    const r = await dml(['-s', script, '-explain', 'recompile_hops', '-stats']);
    expect(r.err).toContain('HOP DAGs recompiled:');
    expect(r.code).toBe(0);
    // The static plan has unknown sizes; the recompiled block has the CSV's 30x3.
    expect(r.out).toMatch(/TRead X \[-1,-1,-1\]/);
    expect(r.out).toContain('RECOMPILED GENERIC');
    const recompiled = r.out.slice(r.out.indexOf('RECOMPILED GENERIC'));
    expect(recompiled).toMatch(/TRead X \[30,3,\d+\]/);
    expect(recompiled).toMatch(/%\*% \(\d+,\d+\) \[30,2,-1\] \d+(\.\d)?[KM]?B MATRIX\.DOUBLE LOCAL/);
    const m = /HOP DAGs recompiled:\s+(\d+)/.exec(r.err);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(1);
    let expected = 0;
    for (let i = 0; i < 30; i++) expected += 2 * 2 * (i + 1 + 2 * i + 1);
    expect(r.out).toContain(`${expected}.0\n`);
  });

  it('prints recompiled instructions with -explain recompile_runtime', async () => {
    const f = csvWithoutMtd();
    const r = await dml(['-s', `X = read("${f}", format="csv")\nprint(nrow(X %*% t(X)))\n`, '-explain', 'recompile_runtime']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/RECOMPILED GENERIC \(lines \d+-\d+\)\n--CP /);
    expect(r.out).toContain('30\n');
  });
});

describe('configuration flags', () => {
  it('rejects an unknown configuration key, naming key and file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-config-'));
    const f = path.join(dir, 'conf.json');
    writeFileSync(f, JSON.stringify({ memory: '2GB', thraeds: 4 }));
    const r = await dml(['-s', 'print(1)', '-config', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown configuration key 'thraeds'");
    expect(r.err).toContain(f);
  });

  it('runs with a valid configuration and -exec singlenode', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-config-'));
    const f = path.join(dir, 'conf.json');
    writeFileSync(f, JSON.stringify({ memory: '2GB', threads: 2, blasGflops: 50 }));
    const r = await dml(['-s', 'print(sum(matrix(1, rows=3, cols=3)))', '-config', f, '-exec', 'singlenode']);
    expect(r.err).toBe('');
    expect(r.out).toBe('9.0\n');
  });

  it('-explain hops shows memory estimates, exec types and an over-budget warning under a small memory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-config-'));
    const f = path.join(dir, 'conf.json');
    // 2 MB: each 1.2 MB result fits the budget (a result larger than the whole budget is refused,
    // DML5013), but the product's inputs and output together (2.4 MB) exceed 0.7 x 2 MB.
    writeFileSync(f, JSON.stringify({ memory: '2MB' }));
    const script = 'X = rand(rows=400, cols=400, seed=1)\nprint(sum(X %*% X))';
    const r = await dml(['-s', script, '-config', f, '-explain', 'hops']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rand .* \[400,400,-1\] 1\.2MB MATRIX\.DOUBLE LOCAL/);
    expect(r.out).toMatch(/WARNING: memory estimate 2\.4MB exceeds the local budget 1\.4MB/);
    const refused = await dml(['-s', script, '-config', writeConfig(dir, '1MB')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('DML5013');
  });

  it('-exec dist without an MPI launch says how to launch; -gpu is not supported yet', async () => {
    const dist = await dml(['-s', 'print(1)', '-exec', 'dist']);
    expect(dist.code).toBe(1);
    expect(dist.err).toContain('-exec dist runs on an MPI job');
    expect(dist.err).toContain('mpirun -np 4 npx dml -f script.dml -exec dist');
    expect((await dml(['-s', 'print(1)', '-gpu'])).err).toContain('not supported yet');
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-config-'));
    const f = path.join(dir, 'conf.json');
    writeFileSync(f, JSON.stringify({ execMode: 'dist' }));
    const r = await dml(['-s', 'print(1)', '-config', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('-exec dist runs on an MPI job');
  });
});

function writeConfig(dir: string, memory: string): string {
  const f = path.join(dir, `conf-${memory}.json`);
  writeFileSync(f, JSON.stringify({ memory }));
  return f;
}
