/** Nesting limits (DML1016) and the parts of the front end that read long input without recursion. */
import { describe, expect, it } from 'vitest';
import type { Expr, Statement } from '../../src/language/ast.js';
import {
  expressionDepth,
  MAX_BLOCK_DEPTH,
  MAX_BRACKET_DEPTH,
  MAX_EXPRESSION_DEPTH,
} from '../../src/language/limits.js';
import { parseProgram } from '../../src/language/parse.js';
import { parseOk, render, shape } from './helpers.js';

function codes(text: string): string[] {
  return parseProgram(text, 'deep.dml').diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.col}`);
}

function valueOf(text: string): Expr {
  const s = parseOk(text).body[0]!;
  if (s.kind !== 'assign') throw new Error('assignment expected');
  return s.value;
}

describe('long flat input parses without recursion', () => {
  it(`an operator chain of ${MAX_EXPRESSION_DEPTH} terms, left-associative`, () => {
    const e = valueOf('x = ' + Array(MAX_EXPRESSION_DEPTH).fill('1').join(' - '));
    expect(expressionDepth(e)).toBe(MAX_EXPRESSION_DEPTH);
    // ((1 - 1) - 1) - ...: the root's right operand is the last literal
    expect(e.kind === 'binary' && e.right.kind).toBe('int');
  });

  it('a ^ chain is right-associative, prefix chains nest', () => {
    expect(render(valueOf('x = a ^ b ^ c ^ d'))).toBe('(a ^ (b ^ (c ^ d)))');
    expect(render(valueOf('x = - - - a'))).toBe('(-(-(-a)))');
    expect(render(valueOf('x = -a ^ b * c'))).toBe('((-(a ^ b)) * c)');
    expect(render(valueOf('x = a ^ -b ^ c'))).toBe('(a ^ (-(b ^ c)))');
    expect(render(valueOf('x = a + -b * c'))).toBe('(a + ((-b) * c))');
    expect(render(valueOf('x = !a + 1 > b & c'))).toBe('((!((a + 1) > b)) & c)');
  });

  it('an else-if chain is the same AST as the ifs nested by hand', () => {
    const chain = parseOk('if (a) x = 1 else if (b) x = 2 else if (c) { x = 3 } else x = 4');
    const nested = parseOk('if (a) x = 1 else { if (b) x = 2 else { if (c) { x = 3 } else x = 4 } }');
    expect(shape(chain.body)).toEqual(shape(nested.body));
    const inner = (chain.body[0] as Extract<Statement, { kind: 'if' }>).else![0]!;
    // each inner if spans from its own `if` to the end of the chain
    expect(inner.span).toMatchObject({ line: 1, col: 19 });
    expect(inner.span.endCol).toBe(chain.body[0]!.span.endCol);
  });

  it(`an else-if chain of ${MAX_BLOCK_DEPTH} branches parses; one more is DML1016`, () => {
    const chain = (n: number) =>
      'x = 0\n' +
      Array.from({ length: n }, (_, i) => `if (x == ${i}) { x = ${i} }`).join(' else ') +
      '\nprint(x)';
    expect(codes(chain(MAX_BLOCK_DEPTH))).toEqual([]);
    const r = parseProgram(chain(5000), 'deep.dml');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe('DML1016');
    expect(r.diagnostics[0]!.message).toMatch(/blocks nested too deeply: .* at most 200/);
    expect(r.program.body).toEqual([]);
  });
});

describe('nesting limits (DML1016)', () => {
  it(`${MAX_BRACKET_DEPTH} nested brackets parse, one more is an error at that bracket`, () => {
    const parens = (n: number) => `x = ${'('.repeat(n)}1${')'.repeat(n)}`;
    expect(codes(parens(MAX_BRACKET_DEPTH))).toEqual([]);
    expect(codes(parens(MAX_BRACKET_DEPTH + 1))).toEqual([`DML1016 1:${5 + MAX_BRACKET_DEPTH}`]);
    const d = parseProgram(parens(1000), 'deep.dml').diagnostics;
    expect(d.map((x) => x.message)).toEqual([
      `brackets nested too deeply: ${MAX_BRACKET_DEPTH + 1} levels of '(', '[' and '{' open here, at most ${MAX_BRACKET_DEPTH}`,
    ]);
  });

  it('nested blocks and calls count as brackets', () => {
    const ifs = 'x = 0\n' + 'if (x == 0) {\n'.repeat(300) + 'x = 1\n' + '}\n'.repeat(300);
    // 100 '{' are open at the 101st if's '('
    expect(codes(ifs)).toEqual([`DML1016 ${2 + MAX_BRACKET_DEPTH}:4`]);
    expect(codes(`x = ${'abs('.repeat(150)}1${')'.repeat(150)}`)[0]).toMatch(/^DML1016 1:/);
  });

  it(`an expression ${MAX_EXPRESSION_DEPTH} deep parses, deeper is an error on the expression`, () => {
    const chain = (n: number) => 'y = 1\nx = ' + Array(n).fill('y').join(' + ');
    expect(codes(chain(MAX_EXPRESSION_DEPTH))).toEqual([]);
    const r = parseProgram(chain(2500), 'deep.dml');
    expect(r.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.col} ${d.message}`)).toEqual([
      `DML1016 2:5 expression nested too deeply: 2500 levels, at most ${MAX_EXPRESSION_DEPTH}`,
    ]);
    expect(codes('x = ' + '-'.repeat(5000) + '1')).toEqual(['DML1016 1:5']);
  });

  it('statements nested without braces deeper than the parser can go are a located DML1016', () => {
    const r = parseProgram('x = 0\n' + 'if (x == 0) '.repeat(3000) + 'x = 1\n', 'deep.dml');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe('DML1016');
    expect(r.diagnostics[0]!.span?.line).toBe(2);
    // within what the parser survives, the block limit applies
    const within = parseProgram(
      'x = 0\n' + 'if (x == 0) '.repeat(MAX_BLOCK_DEPTH + 1) + 'x = 1\n',
      'deep.dml',
    );
    expect(within.diagnostics.map((d) => d.code)).toEqual(['DML1016']);
    // the parser is usable afterwards
    expect(codes('x = 1\nprint(x)')).toEqual([]);
  });

  it('nesting errors come with the other syntax errors of the file', () => {
    const text = 'x = )\n' + 'y = ' + Array(1000).fill('1').join(' + ') + '\n';
    expect(codes(text).map((c) => c.split(' ')[0])).toEqual(['DML1001', 'DML1016']);
  });
});
