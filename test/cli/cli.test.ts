/** The dml command as a user runs it: a spawned process over the built dist/. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/dml.js');

function dml(args: string[], cwd = root): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
});

describe('dml command', () => {
  it('runs an inline script', () => {
    const r = dml(['-s', 'print(sum(seq(1, 10)))']);
    expect(r.err).toBe('');
    expect(r.out).toBe('55.0\n');
    expect(r.code).toBe(0);
  });

  it('runs a file with -args and -nvargs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-cli-'));
    const f = path.join(dir, 's.dml');
    writeFileSync(f, 'print($1 + $2)\n');
    expect(dml(['-f', f, '-args', '2', '3']).out).toBe('5\n');
    writeFileSync(f, 'print($a * 2)\nb = ifdef($b, "none")\nprint(b)\n');
    expect(dml(['-f', f, '-nvargs', 'a=1.5']).out).toBe('3.0\nnone\n');
    expect(dml([f, '-nvargs', 'a=2', 'b=x']).out).toBe('4\nx\n');
  });

  it('writes outputs that read back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-cli-'));
    const out = path.join(dir, 'B');
    const r = dml(['-s', `X = matrix("1 2 3 4", rows=2, cols=2); write(t(X), "${out}")`]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out + '.mtd', 'utf8'))).toMatchObject({ rows: 2, cols: 2 });
    expect(dml(['-s', `X = read("${out}"); print(as.scalar(X[1, 2]))`]).out).toBe('3.0\n');
  });

  it('fails with exit code 1 and a located error on stderr', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-cli-'));
    const f = path.join(dir, 'bad.dml');
    writeFileSync(f, 'x = 1\ny = (x + \nprint(y)\n');
    const r = dml(['-f', f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.dml:\d+:\d+: error\[DML1/);
    expect(r.out).toBe('');
  });

  it('reports a missing script file and a runtime stop()', () => {
    const r = dml(['-f', '/nonexistent/x.dml']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot read script '/nonexistent/x.dml'");
    const s = dml(['-s', 'stop("boom")']);
    expect(s.code).toBe(1);
    expect(s.err).toContain('boom');
  });

  it('prints help, version, explain and stats', () => {
    expect(dml(['--help']).out).toContain('-nvargs');
    expect(dml(['--version']).out).toMatch(/^tessera \d+\.\d+\.\d+/);
    const e = dml(['-s', 'x = 1 + 2; print(x)', '-explain', 'hops']);
    expect(e.code).toBe(0);
    expect(e.out.length).toBeGreaterThan(5);
    const s = dml(['-s', 'X = rand(rows=10, cols=10, seed=1); print(sum(X %*% X))', '-stats']);
    expect(s.code).toBe(0);
    expect(s.err).toContain('Heavy hitter instructions');
  });

  it('stops quietly when its output pipe closes early (dml ... | head -1)', () => {
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${bin}" -s 'for (i in 1:20000) print(i)' | head -1`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects unsupported backends with a clear message', () => {
    const r = dml(['-s', 'print(1)', '-gpu']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('not supported yet');
  });

  // Every DML script in examples/ runs as a new user would run it, from the repository root.
  const examples = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.dml'));
  it('has the example scripts the README points to', () => {
    expect(examples).toContain('linear-regression.dml');
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });
  for (const ex of examples) {
    it(`runs examples/${ex}`, () => {
      const r = dml(['-f', path.join('examples', ex)]);
      expect(r.err, ex).toBe('');
      expect(r.code, ex).toBe(0);
      expect(r.out.length, ex).toBeGreaterThan(0);
    }, 60_000);
  }
});
