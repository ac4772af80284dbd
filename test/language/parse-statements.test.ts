import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../src/language/parse.js';
import { parseOk, render, shape, stmts } from './helpers.js';

const id = (name: string) => ({ kind: 'id', name });
const int = (value: number) => ({ kind: 'int', value });

describe('assignments', () => {
  it('=, <- and +=', () => {
    expect(shape(stmts('x = 1\ny <- 2\nz += 3'))).toEqual([
      { kind: 'assign', target: id('x'), op: '=', value: int(1) },
      { kind: 'assign', target: id('y'), op: '<-', value: int(2) },
      { kind: 'assign', target: id('z'), op: '+=', value: int(3) },
    ]);
  });

  it('left indexing of matrices and lists', () => {
    const body = stmts('X[i, j] = e\nX[a:b, ] = Y\nX[, 2] = 0\nL[i] = 4\nL["name"] = "v"\nX[1:2, 3:4] += 1');
    expect(
      body.map((s) => (s.kind === 'assign' && s.target.kind === 'index' ? render(s.target) : '?')),
    ).toEqual(['X[i, j]', 'X[a:b, ]', 'X[, 2]', 'L[i]', 'L["name"]', 'X[1:2, 3:4]']);
    const last = body[5];
    expect(last?.kind === 'assign' && last.op).toBe('+=');
  });

  it('multi-assignment from a call', () => {
    expect(shape(stmts('[a, b] = f(X, reg=0.1)'))).toEqual([
      {
        kind: 'multiAssign',
        targets: [id('a'), id('b')],
        call: {
          kind: 'call',
          name: 'f',
          args: [{ value: id('X') }, { name: 'reg', value: { kind: 'double', value: 0.1 } }],
        },
      },
    ]);
    const [s] = stmts('[Q, R] <- ns::qr2(A)');
    expect(s?.kind === 'multiAssign' && s.call.namespace).toBe('ns');
  });

  it('ifdef', () => {
    expect(shape(stmts('x = ifdef($rows, 10)'))).toEqual([
      {
        kind: 'assign',
        target: id('x'),
        op: '=',
        value: { kind: 'ifdef', arg: { kind: 'arg', name: 'rows' }, fallback: int(10) },
      },
    ]);
  });

  it('calls as statements', () => {
    expect(shape(stmts('print("hi")\nwrite(X, $out, format="csv")\nns::g()'))).toEqual([
      {
        kind: 'callStmt',
        call: { kind: 'call', name: 'print', args: [{ value: { kind: 'string', value: 'hi' } }] },
      },
      {
        kind: 'callStmt',
        call: {
          kind: 'call',
          name: 'write',
          args: [
            { value: id('X') },
            { value: { kind: 'arg', name: 'out' } },
            { name: 'format', value: { kind: 'string', value: 'csv' } },
          ],
        },
      },
      { kind: 'callStmt', call: { kind: 'call', namespace: 'ns', name: 'g', args: [] } },
    ]);
  });

  it('any number of semicolons, statements on one line', () => {
    expect(stmts(';; x = 1;;; y = 2; print(x);\n;').map((s) => s.kind)).toEqual([
      'assign',
      'assign',
      'callStmt',
    ]);
    expect(stmts('x = 1 y = 2').length).toBe(2);
  });
});

describe('control flow', () => {
  it('if / else with and without braces, else-if as nested if', () => {
    expect(shape(stmts('if (a) x = 1 else if (b) { x = 2 } else { x = 3; y = 4 }'))).toEqual([
      {
        kind: 'if',
        condition: id('a'),
        then: [{ kind: 'assign', target: id('x'), op: '=', value: int(1) }],
        else: [
          {
            kind: 'if',
            condition: id('b'),
            then: [{ kind: 'assign', target: id('x'), op: '=', value: int(2) }],
            else: [
              { kind: 'assign', target: id('x'), op: '=', value: int(3) },
              { kind: 'assign', target: id('y'), op: '=', value: int(4) },
            ],
          },
        ],
      },
    ]);
  });

  it('if without else; dangling else binds to the nearest if', () => {
    const [s] = stmts('if (a)\n  if (b) x = 1\n  else x = 2');
    expect(s?.kind === 'if' && s.else).toBeUndefined();
    const inner = s?.kind === 'if' ? s.then[0] : undefined;
    expect(inner?.kind === 'if' && inner.else?.length).toBe(1);
  });

  it('else on its own line after a closing brace', () => {
    const [s] = stmts('if (a) {\n  x = 1\n}\nelse {\n  x = 2\n}');
    expect(s?.kind === 'if' && s.else?.length).toBe(1);
  });

  it('for over a range, with loop parameters', () => {
    expect(shape(stmts('for (i in 1:n) s = s + i'))).toEqual([
      {
        kind: 'for',
        parallel: false,
        variable: id('i'),
        iterable: { kind: 'range', from: int(1), to: id('n') },
        params: [],
        body: [
          {
            kind: 'assign',
            target: id('s'),
            op: '=',
            value: { kind: 'binary', op: '+', left: id('s'), right: id('i') },
          },
        ],
      },
    ]);
    const [f] = stmts('for (i in (a + 1) : (b - 1), check = 0) { }');
    expect(f?.kind === 'for' && render(f.iterable.from)).toBe('(a + 1)');
    expect(f?.kind === 'for' && f.params.map((p) => p.name)).toEqual(['check']);
  });

  it('for over seq with two and three arguments', () => {
    const [a, b] = stmts('for (i in seq(1, 10)) x = i\nfor (j in seq(150, 0, -0.1)) x = j');
    expect(a?.kind === 'for' && shape(a.iterable)).toEqual({ kind: 'seq', from: int(1), to: int(10) });
    expect(b?.kind === 'for' && shape(b.iterable)).toEqual({
      kind: 'seq',
      from: int(150),
      to: int(0),
      by: { kind: 'unary', op: '-', operand: { kind: 'double', value: 0.1 } },
    });
  });

  it('parfor with parameters', () => {
    const [p] = stmts('parfor (i in 1:10, check=0, par=4, mode=LOCAL, opt=NONE) {\n  R[i, ] = t(i)\n}');
    expect(p?.kind).toBe('for');
    if (p?.kind !== 'for') return;
    expect(p.parallel).toBe(true);
    expect(p.params.map((a) => `${a.name}=${render(a.value)}`)).toEqual([
      'check=0',
      'par=4',
      'mode=LOCAL',
      'opt=NONE',
    ]);
    expect(p.body.length).toBe(1);
  });

  it('while with and without braces', () => {
    expect(shape(stmts('while (i < 10) i = i + 1'))).toEqual([
      {
        kind: 'while',
        condition: { kind: 'binary', op: '<', left: id('i'), right: int(10) },
        body: [
          {
            kind: 'assign',
            target: id('i'),
            op: '=',
            value: { kind: 'binary', op: '+', left: id('i'), right: int(1) },
          },
        ],
      },
    ]);
    const [w] = stmts('while (TRUE) {\n}');
    expect(w?.kind === 'while' && w.body).toEqual([]);
  });
});

describe('source and setwd', () => {
  it('parses both', () => {
    expect(shape(stmts('setwd("lib")\nsource("nn/layers/affine.dml") as affine'))).toEqual([
      { kind: 'setwd', path: 'lib' },
      { kind: 'source', path: 'nn/layers/affine.dml', namespace: 'affine' },
    ]);
  });
});

describe('function definitions', () => {
  it('typed parameters with defaults and typed outputs', () => {
    const [f] = stmts(
      'f = function(Matrix[Double] X, Double reg = 1e-7, Boolean b = TRUE, Frame[String] F, List[Unknown] L, Integer k = -1, int n, string s = "a")\n' +
        '  return (Matrix[Double] B, Double l)\n{\n  B = X\n  l = reg\n}',
    );
    expect(f?.kind).toBe('function');
    if (f?.kind !== 'function') return;
    expect(f.name).toBe('f');
    expect(f.external).toBe(false);
    expect(
      f.params.map(
        (p) => `${p.type.dataType}/${p.type.valueType} ${p.name}${p.default ? `=${render(p.default)}` : ''}`,
      ),
    ).toEqual([
      'matrix/double X',
      'scalar/double reg=1e-7',
      'scalar/boolean b=TRUE',
      'frame/string F',
      'list/unknown L',
      'scalar/int k=(-1)',
      'scalar/int n',
      'scalar/string s="a"',
    ]);
    expect(f.outputs.map((o) => `${o.type.dataType}/${o.type.valueType} ${o.name}`)).toEqual([
      'matrix/double B',
      'scalar/double l',
    ]);
    expect(f.body.length).toBe(2);
    expect(f.nameSpan).toMatchObject({ line: 1, col: 1, endCol: 1 });
    expect(f.span).toMatchObject({ line: 1, col: 1, endLine: 6, endCol: 1 });
  });

  it('<-, no return clause, empty parameter list; short and lower-case type names', () => {
    const body = stmts(
      'g <- function() { print("g") }\nh = function(matrix[double] A, bool b, str s, float x, Integer i) return (scalar[int] n) { n = 1 }',
    );
    const [g, h] = body;
    expect(g?.kind === 'function' && [g.params.length, g.outputs.length, g.body.length]).toEqual([0, 0, 1]);
    expect(h?.kind === 'function' && h.params.map((p) => `${p.type.dataType}/${p.type.valueType}`)).toEqual([
      'matrix/double',
      'scalar/boolean',
      'scalar/string',
      'scalar/double',
      'scalar/int',
    ]);
    expect(h?.kind === 'function' && h.outputs[0]!.type).toMatchObject({
      dataType: 'scalar',
      valueType: 'int',
    });
  });

  it('defaults may be any expression', () => {
    const [f] = stmts('f = function(Matrix[Double] h = matrix(0, 0, 0), Double e = 1 / 3) { }');
    expect(f?.kind === 'function' && f.params.map((p) => render(p.default!))).toEqual([
      'matrix(0, 0, 0)',
      '(1 / 3)',
    ]);
  });

  it('legacy externalFunction is parsed with external: true', () => {
    const [f] = stmts(
      'ord = externalFunction(Matrix[Double] A, Integer col) return (Matrix[Double] B)\n  implemented in (classname="org.apache.sysml.udf.lib.OrderWrapper", exectype="mem")',
    );
    expect(
      f?.kind === 'function' && [f.name, f.external, f.params.length, f.outputs.length, f.body.length],
    ).toEqual(['ord', true, 2, 1, 0]);
  });

  it('functions may be called before their definition', () => {
    expect(stmts('y = f(1)\nf = function(Double a) return (Double b) { b = a }').map((s) => s.kind)).toEqual([
      'assign',
      'function',
    ]);
  });
});

describe('program', () => {
  it('has the whole file as its span and the file name', () => {
    const r = parseProgram('x = 1\nprint(x)\n', 'a/b.dml');
    expect(r.program.kind).toBe('program');
    expect(r.program.file).toBe('a/b.dml');
    expect(r.program.span).toMatchObject({ file: 'a/b.dml', line: 1, col: 1, endLine: 3 });
    expect(r.program.body[1]!.span).toEqual({ file: 'a/b.dml', line: 2, col: 1, endLine: 2, endCol: 8 });
  });

  it('handles empty files, comments only, and CRLF line ends', () => {
    expect(parseOk('').body).toEqual([]);
    expect(parseOk('# only a comment\n/* and\n a block */\n').body).toEqual([]);
    const body = parseOk('x = 1\r\ny = 2 # c\r\n').body;
    expect(body[1]!.span).toMatchObject({ line: 2, col: 1, endCol: 5 });
  });

  it('comments do not end statements early and can appear anywhere', () => {
    const body = parseOk('x = f(a, # first\n  b /* second */, c)\n/* x = 2 */ y = 3 # z = 4').body;
    expect(body.map((s) => (s.kind === 'assign' ? render(s.value) : s.kind))).toEqual(['f(a, b, c)', '3']);
  });
});

describe('a multi-assignment on the line after a name', () => {
  it('starts a new statement instead of indexing the name', async () => {
    const { parseProgram } = await import('../../src/language/parse.js');
    const { program, diagnostics } = parseProgram('x = y\n[a, b] = f(x)\nz = y\n', 't.dml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(program.body.map((s) => s.kind)).toEqual(['assign', 'multiAssign', 'assign']);
  });
  it('still indexes when the bracket is on the same line or not followed by =', async () => {
    const { parseProgram } = await import('../../src/language/parse.js');
    const { program } = parseProgram('x = y[a, b]\nw = v\n[1, 2] == c\n', 't.dml');
    expect(program.body[0]!.kind).toBe('assign');
  });
});
