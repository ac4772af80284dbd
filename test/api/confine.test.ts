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

describe('one confined path for every file access (issue 18, item 2)', () => {
  it('refuses a part file inside an allowed part-file directory that is a symlink leading outside', () => {
    const { box, s, outside } = setup();
    mkdirSync(join(box, 'p'));
    writeFileSync(join(box, 'p', '0-m-00000'), '1 1 5\n');
    symlinkSync(join(outside, 'secret.csv'), join(box, 'p', '0-m-00001'));
    const e = refused(s, 'X = read("p", format="text", rows=2, cols=2)\nprint(sum(X))');
    expect(e.message).toContain('0-m-00001');
    expect(e.message).not.toContain('42');
  });
  it('does not read a .mtd outside at compile time: explain shows no sizes of a refused file', () => {
    const { s, outside } = setup();
    writeFileSync(join(outside, 'secret.csv.mtd'), JSON.stringify({ data_type: 'matrix', rows: 7, cols: 3, nnz: 21 }));
    const script = `X = read("${join(outside, 'secret.csv')}")\nprint(sum(X))`;
    expect(s.explain(script, 'hops')).not.toMatch(/\[7,3/);
    refused(s, script);
  });
  it('reads the compile-time .mtd relative to the Session cwd, not the process cwd', () => {
    const { box } = setup();
    writeFileSync(join(box, 'm.csv'), '1,2,3\n4,5,6\n');
    writeFileSync(join(box, 'm.csv.mtd'), JSON.stringify({ data_type: 'matrix', rows: 2, cols: 3, format: 'csv' }));
    const s = new Session({ cwd: box, print: () => {} });
    expect(s.explain('X = read("m.csv")\nprint(sum(X))', 'hops')).toMatch(/\[2,3,/);
    expect(s.run('X = read("m.csv")\nn = nrow(X)', { outputs: ['n'] }).scalar('n')).toBe(2);
  });
  it('refuses a sourced file that is a symlink leading outside', () => {
    const { box, s, outside } = setup();
    symlinkSync(join(outside, 'lib.dml'), join(box, 'lib.dml'));
    refused(s, 'source("lib.dml") as L\nprint(L::f(1))');
  });
  it('runs parfor in a confined Session whose cwd lies outside the allowed directories', () => {
    const { box, root } = setup();
    const s = new Session({ cwd: root, allowedDirs: [box], print: () => {} });
    const r = s.run('R = matrix(0, rows=4, cols=1)\nparfor (i in 1:4) { R[i, 1] = i * 2 }\ny = sum(R)', {
      outputs: ['y'],
    });
    expect(r.scalar('y')).toBe(20);
  });
});
