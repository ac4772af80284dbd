/**
 * The bad-write matrix (issue 18, item 1): a write that cannot or must not replace its target
 * fails with a clear error and changes nothing — no directory deleted, no old output replaced by
 * half of a new one, no temporary file left behind.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlRunError, runScript } from '../../../src/api/index.js';
import { tempDir } from './helpers.js';

/** Every file under `dir` with its bytes (directories as entries), to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out[`${r}/`] = '';
        walk(p, r);
      } else out[r] = readFileSync(p, 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

function run(cwd: string, text: string, args: Record<string, string> = {}): void {
  runScript({ text, cwd, args, print: () => {} });
}

function failure(cwd: string, text: string, args: Record<string, string> = {}): { code: string; message: string } {
  try {
    run(cwd, text, args);
  } catch (e) {
    if (e instanceof DmlRunError) return { code: e.diagnostics[0]!.code, message: e.diagnostics[0]!.message };
    throw e;
  }
  throw new Error('the write did not fail');
}

/**
 * A working directory with a user's files in it and a previous good output, inside a throwaway
 * parent (the reproducers delete the parent of the working directory on a broken build).
 */
function workspace(): string {
  const d = join(tempDir(), 'ws');
  mkdirSync(d);
  writeFileSync(join(d, 'notes.txt'), 'my notes\n');
  mkdirSync(join(d, 'results'));
  writeFileSync(join(d, 'results', 'report.pdf'), 'precious');
  run(d, 'write(matrix(7, rows=2, cols=2), "good.csv", format="csv")');
  return d;
}

const X = 'X = matrix(1, rows=3, cols=3)\n';

describe('writes never destroy what they must not replace', () => {
  it.each([
    ['the working directory', `${X}write(X, ".")`],
    ['the working directory, written as its absolute path', null],
    ['a parent of the working directory', `${X}write(X, "..")`],
    ['a user directory without a .mtd', `${X}write(X, "results")`],
    ['a user directory, csv format', `${X}write(X, "results", format="csv")`],
  ])('refuses to replace %s (DML6004) and changes nothing', (_what, script) => {
    const d = workspace();
    const parent = dirname(d);
    const before = snapshot(parent);
    const text = script ?? `${X}write(X, "${d}")`;
    const f = failure(d, text);
    expect(f.code).toBe('DML6004');
    expect(f.message).toMatch(/nothing was changed/);
    expect(snapshot(parent)).toEqual(before);
  });

  it('refuses an empty file name, also from an empty $argument (DML6005)', () => {
    const d = workspace();
    const before = snapshot(d);
    expect(failure(d, `${X}write(X, "")`).code).toBe('DML6005');
    expect(failure(d, `${X}write(X, $out)`, { out: '' }).message).toMatch(/file name is empty/);
    expect(snapshot(d)).toEqual(before);
  });

  it('refuses a directory holding a subdirectory even when a .mtd is beside it', () => {
    const d = workspace();
    mkdirSync(join(d, 'out', 'nested'), { recursive: true });
    writeFileSync(join(d, 'out.mtd'), '{}');
    const before = snapshot(d);
    expect(failure(d, `${X}write(X, "out")`).code).toBe('DML6004');
    expect(snapshot(d)).toEqual(before);
  });

  it('replaces a part-file output directory (SystemDS writes those) with data and .mtd', () => {
    const d = workspace();
    mkdirSync(join(d, 'parts'));
    writeFileSync(join(d, 'parts', '0-m-00000'), '1 1 5\n');
    writeFileSync(join(d, 'parts', '_SUCCESS'), '');
    writeFileSync(join(d, 'parts.mtd'), JSON.stringify({ data_type: 'matrix', rows: 1, cols: 1, format: 'text' }));
    run(d, `${X}write(X, "parts", format="csv")`);
    expect(statSync(join(d, 'parts')).isFile()).toBe(true);
    expect(readFileSync(join(d, 'parts.mtd'), 'utf8')).toContain('"rows": 3');
    expect(readdirSync(d).filter((n) => n.includes('tessera'))).toEqual([]);
  });

  it('a failed .mtd leaves the old data and the old .mtd in place (over-long name)', () => {
    const d = workspace();
    // The data file's name fits (252 bytes), its .mtd (256) does not: the data rename succeeds
    // first and must be undone.
    const name = `${'a'.repeat(248)}.csv`;
    writeFileSync(join(d, name), 'old data\n');
    const before = snapshot(d);
    const f = failure(d, `${X}write(X, "${name}", format="csv")`);
    expect(f.code).toBe('DML6004');
    expect(snapshot(d)).toEqual(before);
  });

  it('a failed write (target under a file) leaves no temporary file and keeps the old output', () => {
    const d = workspace();
    const before = snapshot(d);
    expect(failure(d, `${X}write(X, "notes.txt/sub.csv", format="csv")`).code).toBe('DML6004');
    expect(snapshot(d)).toEqual(before);
  });

  it('a .mtd target that is a directory is refused before the data is touched', () => {
    const d = workspace();
    mkdirSync(join(d, 'x.csv.mtd'));
    writeFileSync(join(d, 'x.csv'), 'old\n');
    const before = snapshot(d);
    expect(failure(d, `${X}write(X, "x.csv", format="csv")`).code).toBe('DML6004');
    expect(snapshot(d)).toEqual(before);
  });

  it('writing through a symlink replaces the link, never the file it points to', () => {
    const d = workspace();
    const other = tempDir();
    writeFileSync(join(other, 'target.csv'), 'keep me\n');
    symlinkSync(join(other, 'target.csv'), join(d, 'link.csv'));
    run(d, `${X}write(X, "link.csv", format="csv")`);
    expect(readFileSync(join(other, 'target.csv'), 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(d, 'link.csv'), 'utf8')).toContain('1');
  });
});
