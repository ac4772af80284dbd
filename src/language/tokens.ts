/**
 * DML tokens and the lexer (chevrotain). Lexical problems (invalid characters, unterminated strings
 * and block comments) are matched by dedicated error tokens instead of failing the lexer, so that
 * `lexDml` always returns a usable token stream plus diagnostics with exact positions.
 */
import type { IToken, TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain-runtime.js';
import { diag, type Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';

// ---------------------------------------------------------------- skipped

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
});
export const LineComment = createToken({ name: 'LineComment', pattern: /#[^\n\r]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: Lexer.SKIPPED,
});

// ---------------------------------------------------------------- lexical error tokens (grouped out)

/** `/*` with no closing `*\/`: swallows the rest of the file (as any C-like lexer would). */
export const UnterminatedBlockComment = createToken({
  name: 'UnterminatedBlockComment',
  pattern: /\/\*[\s\S]*/,
  group: 'errors',
});
/**
 * Any other character. It stays in the token stream (no grammar rule accepts it) so the parser
 * resynchronises past it instead of gluing its neighbours into a new, confusing error.
 */
// an explicit range, not /./: chevrotain cannot optimise complement sets (10x slower lexing)
export const InvalidChar = createToken({
  name: 'InvalidChar',
  // eslint-disable-next-line no-control-regex -- deliberately every UTF-16 unit, control characters included
  pattern: /[\u0000-\uffff]/,
  label: 'invalid character',
});

// ---------------------------------------------------------------- identifiers and keywords

/**
 * Letters, digits, `_`, inner dots (`as.scalar`, `index.return`), and an optional `ns::` prefix
 * written without spaces (`ns::f`), as SystemDS's ID rule. It cannot start with `_` or a digit.
 */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)*(?:::[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)*)?/,
  label: 'identifier',
});

function keyword(name: string, word: string): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, label: `'${word}'` });
}

export const If = keyword('If', 'if');
export const Else = keyword('Else', 'else');
export const For = keyword('For', 'for');
export const Parfor = keyword('Parfor', 'parfor');
export const While = keyword('While', 'while');
export const In = keyword('In', 'in');
export const FunctionKw = keyword('FunctionKw', 'function');
export const ExternalFunction = keyword('ExternalFunction', 'externalFunction');
export const Return = keyword('Return', 'return');
export const Implemented = keyword('Implemented', 'implemented');
export const Source = keyword('Source', 'source');
export const Setwd = keyword('Setwd', 'setwd');
export const As = keyword('As', 'as');
export const Ifdef = keyword('Ifdef', 'ifdef');
export const True = keyword('True', 'TRUE');
export const False = keyword('False', 'FALSE');

// ---------------------------------------------------------------- literals

export const DoubleLiteral = createToken({
  name: 'DoubleLiteral',
  pattern: /(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?[lL]?|\d+[eE][+-]?\d+[lL]?/,
  label: 'number',
});
export const IntLiteral = createToken({ name: 'IntLiteral', pattern: /\d+[lL]?/, label: 'integer' });
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"|'(?:[^'\\\n\r]|\\[^\n\r])*'/,
  label: 'string',
});
/**
 * A string whose closing quote is on a later line: SystemDS accepts line breaks inside strings.
 * When it was really a missing quote, parse.ts turns the error that follows into DML1002 at the
 * string's start.
 */
export const MultiLineString = createToken({
  name: 'MultiLineString',
  pattern: /"(?:[^"\\]|\\[\s\S])*"|'(?:[^'\\]|\\[\s\S])*'/,
  categories: [StringLiteral],
  line_breaks: true,
  label: 'string',
});
/**
 * A quote with no closing quote in the rest of the file. It stays in the token stream as a string (the
 * StringLiteral category) ending at the end of the line, so the parser does not trip over it again.
 */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?|'(?:[^'\\\n\r]|\\[^\n\r])*\\?/,
  categories: [StringLiteral],
  label: 'string',
});
export const CommandLineArg = createToken({
  name: 'CommandLineArg',
  pattern: /\$(?:[a-zA-Z][a-zA-Z0-9_]*|\d+)/,
  label: '$argument',
});

// ---------------------------------------------------------------- operators and punctuation

/**
 * Categories: the parser reads an expression as a flat `operand (BinaryOp operand)*` sequence
 * (operands with their PrefixOp tokens) and cst-to-ast applies the precedence table; one rule
 * per precedence level made every literal descend ten rules deep, which dominated parse time.
 */
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA, label: 'operator' });
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA, label: "'-', '+' or '!'" });
export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA });

function op(name: string, text: string, categories: TokenType[] = []): TokenType {
  const escaped = text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return createToken({ name, pattern: new RegExp(escaped), label: `'${text}'`, categories });
}

export const MatMul = op('MatMul', '%*%', [BinaryOp]);
export const IntDiv = op('IntDiv', '%/%', [BinaryOp]);
export const Mod = op('Mod', '%%', [BinaryOp]);
export const Pow = op('Pow', '^', [BinaryOp]);
export const Star = op('Star', '*', [BinaryOp]);
export const Slash = op('Slash', '/', [BinaryOp]);
export const PlusAssign = op('PlusAssign', '+=', [AssignOp]);
export const Plus = op('Plus', '+', [BinaryOp, PrefixOp]);
export const Minus = op('Minus', '-', [BinaryOp, PrefixOp]);
export const LArrow = op('LArrow', '<-', [AssignOp]);
export const LessEq = op('LessEq', '<=', [BinaryOp]);
export const Less = op('Less', '<', [BinaryOp]);
export const GreaterEq = op('GreaterEq', '>=', [BinaryOp]);
export const Greater = op('Greater', '>', [BinaryOp]);
export const EqEq = op('EqEq', '==', [BinaryOp]);
export const NotEq = op('NotEq', '!=', [BinaryOp]);
export const Not = op('Not', '!', [PrefixOp]);
export const AndAnd = op('AndAnd', '&&', [BinaryOp]);
export const And = op('And', '&', [BinaryOp]);
export const OrOr = op('OrOr', '||', [BinaryOp]);
export const Or = op('Or', '|', [BinaryOp]);
export const Assign = op('Assign', '=', [AssignOp]);
export const LParen = op('LParen', '(');
export const RParen = op('RParen', ')');
export const LBracket = op('LBracket', '[');
export const RBracket = op('RBracket', ']');
export const LCurly = op('LCurly', '{');
export const RCurly = op('RCurly', '}');
export const Comma = op('Comma', ',');
export const Semicolon = op('Semicolon', ';');
export const Colon = op('Colon', ':');

/** Lexer order matters: chevrotain takes the first pattern that matches, so longer operators first. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  StringLiteral,
  MultiLineString,
  UnterminatedString,
  DoubleLiteral,
  IntLiteral,
  CommandLineArg,
  // keywords before Identifier (longer_alt lets `iffy`, `as.scalar`, `source2` stay identifiers)
  ExternalFunction,
  Implemented,
  FunctionKw,
  Parfor,
  Return,
  Source,
  Setwd,
  Ifdef,
  While,
  Else,
  For,
  If,
  In,
  As,
  True,
  False,
  Identifier,
  MatMul,
  IntDiv,
  Mod,
  Pow,
  Star,
  Slash,
  PlusAssign,
  Plus,
  Minus,
  LArrow,
  LessEq,
  Less,
  GreaterEq,
  Greater,
  EqEq,
  NotEq,
  Not,
  AndAnd,
  And,
  OrOr,
  Or,
  Assign,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LCurly,
  RCurly,
  Comma,
  Semicolon,
  Colon,
  InvalidChar,
  // categories last (pattern NA: never matched directly)
  BinaryOp,
  PrefixOp,
  AssignOp,
];

// ensureOptimizations: a pattern that defeats chevrotain's first-char optimisation fails loudly here
const lexer = new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: true });

export interface LexResult {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
}

export function tokenSpan(t: IToken, file: string): Span {
  return {
    file,
    line: t.startLine ?? 0,
    col: t.startColumn ?? 0,
    endLine: t.endLine ?? t.startLine ?? 0,
    endCol: t.endColumn ?? t.startColumn ?? 0,
  };
}

export function lexDml(text: string, file: string): LexResult {
  const res = lexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  const errorTokens = (res.groups['errors'] ?? []).concat(
    res.tokens.filter((t) => t.tokenType === UnterminatedString || t.tokenType === InvalidChar),
  );
  for (const t of errorTokens) {
    const span = tokenSpan(t, file);
    if (t.tokenType === UnterminatedBlockComment) {
      diagnostics.push(
        diag('DML1004', "unterminated block comment: '/*' has no closing '*/'", {
          ...span,
          endLine: span.line,
          endCol: span.col + 1,
        }),
      );
    } else if (t.tokenType === UnterminatedString) {
      diagnostics.push(
        diag('DML1002', `unterminated string: no closing ${t.image[0]} in the rest of the file`, span),
      );
    } else {
      const ch = t.image;
      const code = ch.charCodeAt(0);
      const shown =
        ch === '\t' ? '\\t' : code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
      const hint = ch === '%' ? "DML's % operators are %*%, %/% and %%" : undefined;
      diagnostics.push(diag('DML1003', `invalid character '${shown}'`, span, hint));
    }
  }
  // InvalidChar is a catch-all, so the chevrotain lexer itself never reports errors.
  diagnostics.sort(
    (a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0),
  );
  for (const e of res.errors) {
    diagnostics.push(
      diag('DML1003', e.message, {
        file,
        line: e.line ?? 0,
        col: e.column ?? 0,
        endLine: e.line ?? 0,
        endCol: e.column ?? 0,
      }),
    );
  }
  return { tokens: res.tokens, diagnostics };
}

/** A token as quoted in messages: its text, or "end of input". */
export function describeToken(t: IToken): string {
  if (t.tokenType.name === 'EOF') return 'end of input';
  const img = t.image.length > 20 ? `${t.image.slice(0, 20)}...` : t.image;
  return `'${img}'`;
}
