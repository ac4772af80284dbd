import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../src/language/parse.js';
import { render, where } from './helpers.js';

function diags(text: string) {
  return parseProgram(text, 'bad.dml').diagnostics;
}

describe('each syntax diagnostic code, with its position', () => {
  it('DML1001 unexpected token', () => {
    const ds = diags('x = 1\ny = 2 )\nz = 3');
    expect(where(ds)).toEqual(['DML1001 2:7']);
    expect(ds[0]!.message).toBe("unexpected ')'");
    expect(ds[0]!.severity).toBe('error');
    expect(ds[0]!.span).toEqual({ file: 'bad.dml', line: 2, col: 7, endLine: 2, endCol: 7 });
  });

  it("DML1001 stray '}'", () => {
    const ds = diags('x = 1\n}\ny = 2');
    expect(where(ds)).toEqual(['DML1001 2:1']);
    expect(ds[0]!.message).toBe("unexpected '}'");
  });

  it('DML1001 missing operand and missing expression', () => {
    const a = diags('print("a" +)');
    expect(where(a)).toEqual(['DML1001 1:12']);
    expect(a[0]!.message).toBe("expected an expression, found ')'");
    const b = diags('x = = 3');
    expect(b[0]!.message).toBe("expected an expression, found '='");
    const c = diags('while x < 3 { x = 1 }');
    expect(where(c)).toEqual(['DML1001 1:7']);
    expect(c[0]!.message).toBe("expected '(', found 'x'");
  });

  it('DML1001 explains reserved words and a misplaced ifdef', () => {
    expect(diags('in = 3')[0]!.hint).toBe("'in' is a reserved word, not usable as a name");
    expect(diags('f = function(Double in) { }')[0]!.message).toBe(
      "expected a name, found 'in' (a reserved word, not usable as a name)",
    );
    expect(diags('x = as + 1')[0]!.message).toBe(
      "expected an expression, found 'as' (a reserved word, not usable as a name)",
    );
    expect(diags('x = 1 + ifdef($a, 2)')[0]!.message).toMatch(
      /ifdef\(\.\.\.\) is only allowed as the whole right-hand side/,
    );
  });

  it('DML1001 a dangling operator at the end of a line', () => {
    const ds = diags('x = 3 +\ny = 2');
    expect(where(ds)).toEqual(['DML1001 2:3']);
    expect(ds[0]!.hint).toMatch(/operand missing/);
  });

  it('DML1002 unterminated string (the rest of the file still parses)', () => {
    const r = parseProgram('x = "abc\ny = 1', 'bad.dml');
    expect(where(r.diagnostics)).toEqual(['DML1002 1:5']);
    expect(r.diagnostics[0]!.message).toMatch(/unterminated string/);
    expect(r.program.body.map((s) => s.kind)).toEqual(['assign', 'assign']);
  });

  it('DML1002 inside a call: no follow-up error about the unclosed parenthesis', () => {
    const r = parseProgram('print("abc)\ny = 1', 'bad.dml');
    expect(where(r.diagnostics)).toEqual(['DML1002 1:7']);
  });

  it('DML1002 a missing quote that makes a string swallow lines is reported at the string', () => {
    const src = 'x = 1\nprint("abc)\ny = 2\nif (y > 1) {\n  print("big")\n}\nz = 3';
    const ds = parseProgram(src, 'bad.dml').diagnostics;
    expect(where(ds)[0]).toBe('DML1002 2:7');
    expect(ds[0]!.message).toBe('the string starting here runs on to line 5: is its closing quote missing?');
  });

  it('DML1003 invalid character', () => {
    const ds = diags('x = 1\ny = a @ b\nz = 2 ? 3');
    expect(where(ds)).toEqual(['DML1003 2:7', 'DML1003 3:7']);
    expect(ds[0]!.message).toBe("invalid character '@'");
    expect(where(diags('x = 5 % 2'))).toEqual(['DML1003 1:7']);
    expect(where(diags('x = $'))).toEqual(['DML1003 1:5']);
  });

  it('DML1004 unterminated block comment', () => {
    const ds = diags('x = 1\ny = 2 /* no end\nz = 3');
    expect(where(ds)).toEqual(['DML1004 2:7']);
  });

  it("DML1005 missing ')' reports where the '(' was opened", () => {
    const ds = diags('x = 1\nif (x > 1 {\n  y = 2\n}');
    expect(where(ds)).toEqual(['DML1005 2:11']);
    expect(ds[0]!.message).toBe("expected ')' to close '(' opened at 2:4, found '{'");
    const call = diags('x = f(a, b\ny = 2');
    expect(where(call)).toEqual(['DML1005 2:1']);
    expect(call[0]!.message).toBe("expected ')' to close '(' opened at 1:6, found 'y'");
  });

  it("DML1005 missing ']' and '}'", () => {
    const idx = diags('x = X[1, 2\ny = 3');
    expect(idx[0]!.message).toBe("expected ']' to close '[' opened at 1:6, found 'y'");
    const blk = diags('while (x < 3) {\n  x = x + 1\n');
    expect(where(blk)).toEqual(['DML1005 2:12']);
    expect(blk[0]!.message).toBe("expected '}' to close '{' opened at 1:15, found end of input");
  });

  it('DML1006 function definition not at top level', () => {
    for (const src of [
      'if (a) {\n  f = function() { }\n}',
      'for (i in 1:3) {\n  f = function(Double x) return (Double y) { y = x }\n}',
      'while (TRUE)\n  f = function() { }',
      'g = function() {\n  f = function() { }\n}',
    ]) {
      expect(where(diags(src)), src).toEqual(['DML1006 2:3']);
    }
    expect(diags('if (a) {\n  f = function() { }\n}')[0]!.message).toMatch(
      /function 'f' must be defined at the top level/,
    );
  });

  it('DML1007 invalid type name', () => {
    const ds = diags('f = function(Matrx[Double] X, Matrix[Dbl] Y, Foo z, Matrix W) { }');
    expect(where(ds)).toEqual(['DML1007 1:14', 'DML1007 1:38', 'DML1007 1:46', 'DML1007 1:53']);
    expect(ds.map((d) => d.message)).toEqual([
      "invalid data type 'Matrx'",
      "invalid value type 'Dbl'",
      "invalid type name 'Foo'",
      "type 'Matrix' needs a value type",
    ]);
  });

  it('DML1008 chained assignment', () => {
    const ds = diags('a = b = 3');
    expect(where(ds)).toEqual(['DML1008 1:7']);
    expect(ds[0]!.message).toMatch(/chained assignment/);
  });

  it('DML1009 braces as a statement', () => {
    const r = parseProgram('x = 1\n{\n  y = 2\n}', 'bad.dml');
    expect(where(r.diagnostics)).toEqual(['DML1009 2:1']);
    // the statements inside are kept
    expect(r.program.body.length).toBe(2);
  });

  it('DML1010 bad for-loop predicate', () => {
    expect(where(diags('for (i in f(3)) x = 1'))).toEqual(['DML1010 1:11']);
    expect(where(diags('for (i in seq(1)) x = 1'))).toEqual(['DML1010 1:11']);
  });

  it('DML1011 namespaced names outside calls', () => {
    expect(where(diags('a = ns::b'))).toEqual(['DML1011 1:5']);
  });

  it('DML1012 output with a default value', () => {
    expect(where(diags('h = function(Double a) return (Double b = 3) { b = a }'))).toEqual(['DML1012 1:43']);
  });

  it('DML1013 duplicate parameter', () => {
    expect(where(diags('h = function(Double a, Double a) { }'))).toEqual(['DML1013 1:24']);
  });

  it('DML1014 integer literal too large', () => {
    expect(where(diags('x = 123456789012345678901'))).toEqual(['DML1014 1:5']);
  });

  it('DML1015 empty index', () => {
    expect(where(diags('y = X[]'))).toEqual(['DML1015 1:5']);
  });
});

describe('recovery', () => {
  it('keeps the statements around an error', () => {
    const r = parseProgram('a = 1\nb = (2 +\nc = 3\nd = 4', 'bad.dml');
    expect(r.diagnostics.length).toBe(1);
    const names = r.program.body.map((s) =>
      s.kind === 'assign' && s.target.kind === 'id' ? s.target.name : '?',
    );
    expect(names).toContain('a');
    expect(names).toContain('d');
  });

  it('recovers inside function bodies and loops', () => {
    const src = [
      'f = function(Double a) return (Double b) {',
      '  b = a +* 2',
      '  c = 3',
      '}',
      'for (i in 1:3) {',
      '  x = (i',
      '  y = i',
      '}',
      'z = f(1)',
    ].join('\n');
    const r = parseProgram(src, 'bad.dml');
    expect(where(r.diagnostics)).toEqual(['DML1001 2:10', 'DML1005 7:3']);
    expect(r.program.body.map((s) => s.kind)).toEqual(['function', 'for', 'assign']);
    const last = r.program.body[2];
    expect(last?.kind === 'assign' && render(last.value)).toBe('f(1)');
  });

  it('reports all 3 independent errors of a 500-line script at the right positions', () => {
    const lines: string[] = [];
    for (let i = 1; i <= 500; i++) {
      switch (i % 10) {
        case 0:
          lines.push(
            `f${i} = function(Matrix[Double] X, Double r = 0.5) return (Matrix[Double] Y) { Y = X * r }`,
          );
          break;
        case 1:
          lines.push(`x${i} = (a + b) * c %*% t(X[1:${i}, ]) ^ 2`);
          break;
        case 2:
          lines.push(`if (x${i} > 3) { y = 1 } else { y = 2 }`);
          break;
        case 3:
          lines.push(`for (i in 1:${i}) { s = s + i; print("s=" + s) }`);
          break;
        case 4:
          lines.push(`[q, r] = qr(A${i})`);
          break;
        default:
          lines.push(`v${i} = sum(rowSums(M) / ncol(M)) + ${i}.5  # comment ${i}`);
      }
    }
    lines[57 - 1] = 'v57 = sum(rowSums(M) / ncol(M) + 57.5'; // missing ')'
    lines[263 - 1] = 'if (x263 > 3) { y = 1 } else { y = = 2 }'; // bad expression
    lines[431 - 1] = 'v431 = a @ b'; // invalid character
    const r = parseProgram(lines.join('\n'), 'big.dml');
    expect(where(r.diagnostics)).toEqual(['DML1005 58:1', 'DML1001 263:36', 'DML1003 431:10']);
    expect(r.diagnostics[0]!.message).toBe("expected ')' to close '(' opened at 57:10, found 'v58'");
    // everything else is still there
    expect(r.program.body.length).toBeGreaterThanOrEqual(497);
  });

  it('an error inside a signature does not swallow the next statement', () => {
    const r = parseProgram('f = function(Matrix[Double] X, ) { }\nq = 1', 'bad.dml');
    expect(where(r.diagnostics)).toEqual(['DML1001 1:32']);
    expect(r.diagnostics[0]!.message).toBe("expected a name, found ')'");
    expect(r.program.body.map((s) => s.kind)).toEqual(['assign']);
  });

  it('an error in a multi-line signature is reported once (continuation lines are not statements)', () => {
    const src = [
      'm = function(Matrix[Double] X, Integer k = 0, Integer:: runs = 10,',
      '    Double eps = 0.000001, Boolean v = FALSE)',
      '  return (Matrix[Double] C)',
      '{',
      '  C = X',
      '}',
      'y = 1',
    ].join('\n');
    const r = parseProgram(src, 'bad.dml');
    expect(where(r.diagnostics)).toEqual(['DML1001 1:54']);
    expect(r.program.body.at(-1)?.kind).toBe('assign');
  });

  it('an assignment with nothing after the = is reported on its own line', () => {
    const ds = parseProgram('if (x) y =\nz = 1', 'bad.dml').diagnostics;
    expect(where(ds)).toEqual(['DML1001 1:10']);
    expect(ds[0]!.message).toBe("expected an expression after '='");
  });

  it('a stray token inside a function body', () => {
    const r = parseProgram('f = function() {\n  x = 1 )\n  y = 2\n}', 'bad.dml');
    expect(where(r.diagnostics)).toEqual(['DML1001 2:9']);
    const f = r.program.body[0];
    expect(f?.kind === 'function' && f.body.length).toBe(2);
  });

  it('never throws, whatever the input', () => {
    const pieces = [
      'x',
      '=',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      ',',
      ';',
      '1',
      '"s"',
      'if',
      'else',
      'for',
      'in',
      ':',
      'function',
      'return',
      '+',
      '^',
      '!',
      '\n',
      '%*%',
      '$a',
      '@',
      '"',
      '/*',
      'parfor',
      'while',
      'ifdef',
      'source',
      'as',
      'Matrix',
      '<-',
      '+=',
    ];
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 300; n++) {
      const len = 1 + Math.floor(rnd() * 30);
      const parts: string[] = [];
      for (let i = 0; i < len; i++) parts.push(pieces[Math.floor(rnd() * pieces.length)]!);
      const text = parts.join(' ');
      const r = parseProgram(text, 'fuzz.dml');
      expect(r.program.kind).toBe('program');
      for (const d of r.diagnostics) {
        expect(d.code, text).toMatch(/^DML1\d\d\d$/);
        expect(d.code, text).not.toBe('DML1000');
        expect(d.span!.line, text).toBeGreaterThanOrEqual(1);
        expect(d.span!.col, text).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
