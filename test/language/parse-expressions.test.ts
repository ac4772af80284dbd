import { describe, expect, it } from 'vitest';
import { expr, render, shape } from './helpers.js';

describe('operator precedence and associativity (DML-REFERENCE.md table)', () => {
  const cases: [string, string][] = [
    ['-2^2', '(-(2 ^ 2))'],
    ['2^-1', '(2 ^ (-1))'],
    ['2^3^2', '(2 ^ (3 ^ 2))'],
    ['a^b^c', '(a ^ (b ^ c))'],
    ['-a %*% b', '((-a) %*% b)'],
    ['a %*% b + c', '((a %*% b) + c)'],
    ['a + b %*% c', '(a + (b %*% c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['a * b %% c', '(a * (b %% c))'],
    ['a %/% b %*% c', '(a %/% (b %*% c))'],
    ['a %% b %/% c', '((a %% b) %/% c)'],
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c * d', '((a * b) + (c * d))'],
    ['a + b > c - d', '((a + b) > (c - d))'],
    ['a < b == c', '((a < b) == c)'],
    ['!a > b', '(!(a > b))'],
    ['!a & b', '((!a) & b)'],
    ['a & !b', '(a & (!b))'],
    ['!(a > b) | c', '((!(a > b)) | c)'],
    ['a | b & c', '(a | (b & c))'],
    ['a & b | c & d', '((a & b) | (c & d))'],
    ['a && b || c', '((a && b) || c)'],
    ['a >= 1 & b <= 2 | c != 3', '(((a >= 1) & (b <= 2)) | (c != 3))'],
    ['-x + -y', '((-x) + (-y))'],
    ['+x', '(+x)'],
    ['- - x', '(-(-x))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['2 * -x', '(2 * (-x))'],
    ['X %*% t(X) ^ 2', '(X %*% (t(X) ^ 2))'],
    ['1 - 2 + 3', '((1 - 2) + 3)'],
    ['x == !y', '(x == (!y))'],
  ];
  for (const [src, want] of cases) {
    it(src, () => expect(render(expr(src))).toBe(want));
  }

  it('keeps && and || as their own operators (analysis rejects them)', () => {
    const e = expr('a && b');
    expect(e.kind === 'binary' && e.op).toBe('&&');
  });
});

describe('literals', () => {
  it('integers, with and without L suffix', () => {
    expect(shape(expr('42'))).toEqual({ kind: 'int', value: 42 });
    expect(shape(expr('7L'))).toEqual({ kind: 'int', value: 7 });
  });
  it('doubles in every form', () => {
    for (const [src, v] of [
      ['1.', 1],
      ['1.5', 1.5],
      ['.5', 0.5],
      ['1e-3', 0.001],
      ['1.5E+7', 1.5e7],
      ['2e3', 2000],
      ['0.000001', 1e-6],
    ] as const) {
      expect(shape(expr(src)), src).toEqual({ kind: 'double', value: v });
    }
  });
  it('strings with both quotes and all escapes', () => {
    expect(shape(expr(`"a\\tb\\nc"`))).toEqual({ kind: 'string', value: 'a\tb\nc' });
    expect(shape(expr(`'it\\'s "x"'`))).toEqual({ kind: 'string', value: `it's "x"` });
    expect(shape(expr(`"\\b\\f\\r\\"\\\\"`))).toEqual({ kind: 'string', value: '\b\f\r"\\' });
    expect(shape(expr(`""`))).toEqual({ kind: 'string', value: '' });
  });
  it('strings may span lines (as in SystemDS)', () => {
    expect(shape(expr('"line one\nline two"'))).toEqual({ kind: 'string', value: 'line one\nline two' });
  });
  it('booleans', () => {
    expect(shape(expr('TRUE'))).toEqual({ kind: 'boolean', value: true });
    expect(shape(expr('FALSE'))).toEqual({ kind: 'boolean', value: false });
  });
  it('command-line arguments', () => {
    expect(shape(expr('$name'))).toEqual({ kind: 'arg', name: 'name' });
    expect(shape(expr('$1'))).toEqual({ kind: 'arg', name: '1' });
  });
});

describe('identifiers and calls', () => {
  it('dotted names are single identifiers', () => {
    expect(render(expr('as.scalar(X[1,1]) + is.na(y)'))).toBe('(as.scalar(X[1, 1]) + is.na(y))');
    expect(shape(expr('lower.tri'))).toEqual({ kind: 'id', name: 'lower.tri' });
  });
  it('names with digits and underscores; keywords inside names stay names', () => {
    expect(render(expr('x_1 + ifx + forward + in2 + asx + source_path'))).toBe(
      '(((((x_1 + ifx) + forward) + in2) + asx) + source_path)',
    );
  });
  it('calls with positional and named (dotted) arguments', () => {
    expect(shape(expr('order(target=X, by=1, decreasing=FALSE, index.return=TRUE)'))).toEqual({
      kind: 'call',
      name: 'order',
      args: [
        { name: 'target', value: { kind: 'id', name: 'X' } },
        { name: 'by', value: { kind: 'int', value: 1 } },
        { name: 'decreasing', value: { kind: 'boolean', value: false } },
        { name: 'index.return', value: { kind: 'boolean', value: true } },
      ],
    });
    expect(render(expr('f()'))).toBe('f()');
    expect(render(expr('pnorm(x, lower.tail=FALSE)'))).toBe('pnorm(x, lower.tail=FALSE)');
  });
  it('namespaced calls', () => {
    expect(shape(expr('ns::f(1)'))).toEqual({
      kind: 'call',
      namespace: 'ns',
      name: 'f',
      args: [{ value: { kind: 'int', value: 1 } }],
    });
  });
  it('expression lists', () => {
    expect(render(expr('conv2d(X, W, input_shape=[N, C, H, W], stride=[1,1])'))).toBe(
      'conv2d(X, W, input_shape=[N, C, H, W], stride=[1, 1])',
    );
  });
});

describe('indexing', () => {
  const cases: [string, string][] = [
    ['X[i, j]', 'X[i, j]'],
    ['X[i,]', 'X[i, ]'],
    ['X[,j]', 'X[, j]'],
    ['X[,]', 'X[, ]'],
    ['X[a:b, c:d]', 'X[a:b, c:d]'],
    ['X[1:n-1, ]', 'X[1:(n - 1), ]'],
    ['L[i]', 'L[i]'],
    ['L["name"]', 'L["name"]'],
    ['L[2:4]', 'L[2:4]'],
    ['X[(k - 1) * 2 + 1 : k * 2, 1]', 'X[(((k - 1) * 2) + 1):(k * 2), 1]'],
  ];
  for (const [src, want] of cases) it(src, () => expect(render(expr(src))).toBe(want));

  it('records empty parts as null and the single-part form without a comma', () => {
    expect(shape(expr('X[,j]'))).toEqual({
      kind: 'index',
      target: { kind: 'id', name: 'X' },
      rows: null,
      cols: { lower: { kind: 'id', name: 'j' } },
      hasComma: true,
    });
    expect(shape(expr('L[3]'))).toEqual({
      kind: 'index',
      target: { kind: 'id', name: 'L' },
      rows: { lower: { kind: 'int', value: 3 } },
      cols: null,
      hasComma: false,
    });
  });
});

describe('spans', () => {
  it('every node spans its text (1-based, inclusive end)', () => {
    const e = expr('foo(a, b=2) + X[1, 2:3]');
    expect(e.span).toEqual({ file: 'test.dml', line: 1, col: 5, endLine: 1, endCol: 27 });
    if (e.kind !== 'binary' || e.left.kind !== 'call' || e.right.kind !== 'index') throw new Error('shape');
    expect(e.left.span).toMatchObject({ line: 1, col: 5, endCol: 15 });
    expect(e.left.nameSpan).toMatchObject({ line: 1, col: 5, endCol: 7 });
    expect(e.left.args[1]!.span).toMatchObject({ col: 12, endCol: 14 });
    expect(e.right.span).toMatchObject({ col: 19, endCol: 27 });
    expect(e.right.cols!.span).toMatchObject({ col: 24, endCol: 26 });
  });
  it('unary spans include the operator; multi-line expressions span lines', () => {
    const e = expr('-(a +\n  b)');
    expect(e.span).toMatchObject({ line: 1, col: 5, endLine: 2, endCol: 3 });
  });
});

describe('NaN and Inf', () => {
  it('read as double constants, as in SystemDS scripts', () => {
    const nan = expr('NaN');
    expect(nan.kind).toBe('double');
    expect(nan.kind === 'double' && Number.isNaN(nan.value)).toBe(true);
    const inf = expr('-Inf');
    expect(inf.kind === 'unary' && inf.operand.kind === 'double' && inf.operand.value).toBe(Infinity);
  });
});
