import { mkdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlRunError, Session } from '../../src/api/index.js';
import { tempDir } from '../engine/io/helpers.js';

/** A sandbox dir with data, a secret file next to it, and symlinks leading out. */
function setup() {
  const root = tempDir();
  const box = join(root, 'box');
  const outside = join(root, 'outside');
  mkdirSync(box);
  mkdirSync(outside);
  writeFileSync(join(box, 'ok.csv'), '1,2\n3,4\n');
  writeFileSync(join(outside, 'secret.csv'), '42\n');
  writeFileSync(join(outside, 'lib.dml'), 'f = function(Double x) return (Double y) { y = x + 1 }\n');
  symlinkSync(join(outside, 'secret.csv'), join(box, 'link.csv'));
  symlinkSync(outside, join(box, 'linkdir'));
  return { root, box, outside, s: new Session({ cwd: box, allowedDirs: [box], print: () => {} }) };
}

function refused(s: Session, script: string): DmlRunError {
  try {
    s.run(script);
  } catch (e) {
    if (e instanceof DmlRunError) {
      expect(e.diagnostics[0]!.code).toBe('DML6006');
      return e;
    }
    throw e;
  }
  throw new Error('the script was not refused');
}

describe('file confinement (allowedDirs)', () => {
  it('allows reads and writes inside, also into new subdirectories', () => {
    const { box, s } = setup();
    const r = s.run(
      'X = read("ok.csv", format="csv")\nwrite(X, "sub/dir/out.csv", format="csv")\ny = sum(X)',
      {
        outputs: ['y'],
      },
    );
    expect(r.scalar('y')).toBe(10);
    expect(existsSync(join(box, 'sub/dir/out.csv'))).toBe(true);
  });
  it('refuses .. escapes for reads and writes, naming the path', () => {
    const { s, outside } = setup();
    const e = refused(s, 'X = read("../outside/secret.csv", format="csv")\nprint(sum(X))');
    expect(e.message).toContain("'../outside/secret.csv'");
    refused(s, 'write(matrix(1, rows=1, cols=1), "../outside/new.csv", format="csv")');
    expect(existsSync(join(outside, 'new.csv'))).toBe(false);
    refused(s, 'X = read("sub/../../outside/secret.csv", format="csv")\nprint(sum(X))');
  });
  it('refuses absolute paths outside', () => {
    const { s, outside } = setup();
    refused(s, `X = read("${join(outside, 'secret.csv')}", format="csv")\nprint(sum(X))`);
    refused(s, `write(1, "${join(outside, 'x.txt')}")`);
    refused(s, 'X = read("/etc/passwd", format="csv")\nprint(sum(X))');
  });
  it('refuses symlinks pointing outside (files, directories, new files under them)', () => {
    const { s, outside } = setup();
    const e = refused(s, 'X = read("link.csv", format="csv")\nprint(sum(X))');
    expect(e.message).toContain('resolves to');
    refused(s, 'X = read("linkdir/secret.csv", format="csv")\nprint(sum(X))');
    refused(s, 'write(matrix(1, rows=1, cols=1), "linkdir/planted.csv", format="csv")');
    refused(s, 'write(matrix(1, rows=1, cols=1), "linkdir/new/deeper.csv", format="csv")');
    expect(existsSync(join(outside, 'planted.csv'))).toBe(false);
  });
  it('refuses source() of files outside', () => {
    const { s, outside } = setup();
    refused(s, 'source("../outside/lib.dml") as L\nprint(L::f(1))');
    refused(s, `source("${join(outside, 'lib.dml')}") as L\nprint(L::f(1))`);
    refused(s, 'source("linkdir/lib.dml") as L\nprint(L::f(1))');
  });
  it('refuses a write whose .mtd would land outside through a planted symlink', () => {
    const { box, s, outside } = setup();
    symlinkSync(join(outside, 'evil.mtd'), join(box, 'm.csv.mtd'));
    refused(s, 'write(matrix(1, rows=1, cols=1), "m.csv", format="csv")');
    expect(existsSync(join(outside, 'evil.mtd'))).toBe(false);
  });
  it('allowedDirs must exist', () => {
    expect(() => new Session({ allowedDirs: ['/definitely/not/here'] })).toThrow(/not an existing directory/);
  });
});
