import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReplSession } from '../../../src/cli/repl/session.js';

function session(): { s: ReplSession; out: string[] } {
  const out: string[] = [];
  return { s: new ReplSession({ print: (l) => out.push(l) }), out };
}

describe('ReplSession', () => {
  it('keeps variables between inputs, with their types', () => {
    const { s, out } = session();
    expect(s.eval('x = 3').ok).toBe(true);
    expect(s.eval('X = matrix(1, rows=2, cols=3)').ok).toBe(true);
    expect(s.eval('y = x * 2\nprint(y)').ok).toBe(true);
    expect(out).toEqual(['6']);
    expect(s.eval('print(sum(X) + y)').ok).toBe(true);
    expect(out[1]).toBe('12.0');
    expect(s.variableNames()).toEqual(['x', 'X', 'y']);
    expect(s.describeVariables()).toMatch(/^X\s+Matrix\[Double\] 2 x 3$/m);
    expect(s.describeVariables()).toMatch(/^x\s+Integer 3$/m);
  });

  it('shows bare expressions and builtin calls as values', () => {
    const { s } = session();
    s.eval('X = matrix("1 2 3 4", rows=2, cols=2)');
    expect(s.eval('sum(X)')).toEqual({ ok: true, shown: '10.0' });
    expect(s.eval('X + 1').shown).toBe('Matrix 2 x 2, dense, nnz=4\n2.000  3.000\n4.000  5.000');
    expect(s.eval('"a" + "b"').shown).toBe('ab');
    expect(s.variableNames()).toEqual(['X']);
  });

  it('defines functions that later inputs call', () => {
    const { s, out } = session();
    expect(s.eval('sq = function(Double a) return (Double b) {\n  b = a * a\n}').ok).toBe(true);
    expect(s.functionNames()).toEqual(['sq']);
    expect(s.eval('z = sq(4)\nprint(z)').ok).toBe(true);
    expect(out).toEqual(['16.0']);
    expect(s.eval('sq(3)').shown).toBe('9.0');
    // redefinition replaces the function
    s.eval('sq = function(Double a) return (Double b) { b = a + a }');
    expect(s.eval('sq(3)').shown).toBe('6.0');
  });

  it('reports errors with a code frame and keeps the session usable', () => {
    const { s } = session();
    s.eval('a = 1');
    const bad = s.eval('b = a +* 2');
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/error\[DML1/);
    const undef = s.eval('c = nope + 1');
    expect(undef.ok).toBe(false);
    expect(undef.error).toMatch(/nope/);
    expect(undef.error).toMatch(/\| c = nope \+ 1/);
    const rt = s.eval('stop("boom")');
    expect(rt.ok).toBe(false);
    expect(rt.error).toMatch(/boom/);
    expect(s.eval('a + 1').shown).toBe('2');
  });

  it('does not rebind X = read(...) of an existing variable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-'));
    const f = path.join(dir, 'm.csv');
    writeFileSync(f, '1,2\n3,4\n');
    const { s } = session();
    s.eval('X = matrix(0, rows=1, cols=1)');
    expect(s.eval(`X = read("${f}", format="csv")`).ok).toBe(true);
    expect(s.eval('sum(X)').shown).toBe('10.0');
  });

  it(':load runs a file in the session', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-'));
    const f = path.join(dir, 'lib.dml');
    writeFileSync(f, 'inc = function(Double a) return (Double b) { b = a + 1 }\nk = 41\n');
    const { s } = session();
    expect(s.load(f).ok).toBe(true);
    expect(s.eval('inc(k)').shown).toBe('42.0');
    expect(s.load(path.join(dir, 'missing.dml')).error).toMatch(/no such file/);
  });

  it('explains an input without running it', () => {
    const { s, out } = session();
    s.eval('X = matrix(1, rows=3, cols=3)');
    const e = s.eval('print("x")');
    expect(e.ok).toBe(true);
    const ex = s.explain('Y = t(X) %*% X');
    expect(ex.ok).toBe(true);
    expect(ex.shown).toMatch(/ba\(\+\*\)|r\(t\)|tsmm/);
    expect(s.variableNames()).toEqual(['X']);
    expect(out).toEqual(['x']);
  });

  it('cancels a run through its flag', () => {
    const { s } = session();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    let n = 0;
    const r = s.eval('i = 0\nwhile (TRUE) { i = i + 1 }', {
      cancelFlag: flag,
      onProgress: () => {
        if (++n === 100) Atomics.store(flag, 0, 1);
      },
    });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/DML8003/);
    expect(s.eval('1 + 1').shown).toBe('2');
  });
});

describe('ReplSession plans', () => {
  it('plans with the real sizes of earlier matrices', () => {
    const { s } = session();
    s.eval('X = matrix(1, rows=30, cols=4)');
    const ex = s.explain('Y = t(X) %*% X');
    expect(ex.shown).toMatch(/read .*\[30,4,/);
    expect(ex.shown).toContain('LiteralOp <session X>');
    expect(ex.shown).not.toContain('tessera-binding');
    expect(ex.shown).toMatch(/tsmm .*\[4,4,/);
    expect(s.eval('Y = t(X) %*% X\nsum(Y)').ok).toBe(true);
    expect(s.eval('sum(Y)').shown).toBe('480.0');
  });
});

describe('ReplSession warnings', () => {
  it('reports warnings of the input once, not again for later inputs', () => {
    const { s } = session();
    const r = s.eval('f = function(Double a) return (Double b) {\n  if (a > 0) { b = 1 }\n}');
    expect(r.ok).toBe(true);
    expect(r.warnings).toMatch(/warning\[DML2006\]: output 'b' of function 'f' may not be assigned/);
    const again = s.eval('x = f(2)');
    expect(again).toEqual({ ok: true });
  });
});

describe('ReplSession arguments', () => {
  it('gives every input the $args of the command line', () => {
    const s = new ReplSession({ print: () => {}, args: new Map([['n', '5']]) });
    expect(s.eval('$n + 1').shown).toBe('6');
    expect(s.eval('m = ifdef($missing, 2)').ok).toBe(true);
    expect(s.eval('m').shown).toBe('2');
  });
});
