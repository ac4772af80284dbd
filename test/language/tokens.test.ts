import { describe, expect, it } from 'vitest';
import { lexDml } from '../../src/language/tokens.js';

function kinds(text: string): string[] {
  return lexDml(text, 't.dml').tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('lexer', () => {
  it('operators, longest first', () => {
    expect(kinds('%*% %/% %% ^ * / += + - <- <= < >= > == != ! && & || | = : , ;')).toEqual([
      'MatMul:%*%',
      'IntDiv:%/%',
      'Mod:%%',
      'Pow:^',
      'Star:*',
      'Slash:/',
      'PlusAssign:+=',
      'Plus:+',
      'Minus:-',
      'LArrow:<-',
      'LessEq:<=',
      'Less:<',
      'GreaterEq:>=',
      'Greater:>',
      'EqEq:==',
      'NotEq:!=',
      'Not:!',
      'AndAnd:&&',
      'And:&',
      'OrOr:||',
      'Or:|',
      'Assign:=',
      'Colon::',
      'Comma:,',
      'Semicolon:;',
    ]);
  });

  it('keywords vs identifiers (keywords never swallow longer names)', () => {
    expect(
      kinds(
        'if iff else for parfor formula in int while function externalFunction return implemented source setwd as as.scalar ifdef TRUE FALSE True',
      ),
    ).toEqual([
      'If:if',
      'Identifier:iff',
      'Else:else',
      'For:for',
      'Parfor:parfor',
      'Identifier:formula',
      'In:in',
      'Identifier:int',
      'While:while',
      'FunctionKw:function',
      'ExternalFunction:externalFunction',
      'Return:return',
      'Implemented:implemented',
      'Source:source',
      'Setwd:setwd',
      'As:as',
      'Identifier:as.scalar',
      'Ifdef:ifdef',
      'True:TRUE',
      'False:FALSE',
      'Identifier:True',
    ]);
  });

  it('identifiers: dots inside, namespaces, no leading underscore or digit', () => {
    expect(kinds('index.return ns::f x_1 _a 2b')).toEqual([
      'Identifier:index.return',
      'Identifier:ns::f',
      'Identifier:x_1',
      'InvalidChar:_',
      'Identifier:a',
      'IntLiteral:2',
      'Identifier:b',
    ]);
  });

  it('numbers', () => {
    expect(kinds('1 12L 1. 1.5 .5 1e-3 1.5E+7 3e2L')).toEqual([
      'IntLiteral:1',
      'IntLiteral:12L',
      'DoubleLiteral:1.',
      'DoubleLiteral:1.5',
      'DoubleLiteral:.5',
      'DoubleLiteral:1e-3',
      'DoubleLiteral:1.5E+7',
      'DoubleLiteral:3e2L',
    ]);
  });

  it('strings, command-line args, comments', () => {
    expect(kinds(`"a\\"b" 'c' $x $12 # comment\n/* block\n comment */ y`)).toEqual([
      'StringLiteral:"a\\"b"',
      "StringLiteral:'c'",
      'CommandLineArg:$x',
      'CommandLineArg:$12',
      'Identifier:y',
    ]);
  });

  it('positions are 1-based with inclusive end columns', () => {
    const [a, b] = lexDml('x\n  foo', 't.dml').tokens;
    expect([a!.startLine, a!.startColumn, a!.endColumn]).toEqual([1, 1, 1]);
    expect([b!.startLine, b!.startColumn, b!.endColumn]).toEqual([2, 3, 5]);
  });

  it('reports lexical errors without failing', () => {
    const r = lexDml('x = "abc\ny = @\n/* open', 't.dml');
    expect(r.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.col}`)).toEqual([
      'DML1002 1:5',
      'DML1003 2:5',
      'DML1004 3:1',
    ]);
  });
});
