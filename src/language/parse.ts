/**
 * Entry point of the front end's first phase: text -> Program AST + syntax diagnostics.
 * Never throws on bad input: every lexical and syntax error becomes a diagnostic (DML1xxx) and the
 * program holds what could be recovered. See docs/diagnostics.md for the codes.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import { EOF, tokenMatcher } from './chevrotain-runtime.js';
import { diag, type Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import type { Program } from './ast.js';
import { CstToAst } from './cst-to-ast.js';
import { DmlParser } from './parser.js';
import { checkAstNesting, checkBracketNesting, deepestBracket, NESTING_CODE } from './limits.js';
import { DmlErrorMessages } from './syntax-messages.js';
import {
  describeToken,
  InvalidChar,
  lexDml,
  MultiLineString,
  tokenSpan,
  UnterminatedString,
} from './tokens.js';

// Built once: chevrotain's self-analysis of the grammar is the expensive part.
const messages = new DmlErrorMessages();
const parser = new DmlParser(messages);

export function parseProgram(text: string, file: string): { program: Program; diagnostics: Diagnostic[] } {
  const state: ParseState = { tokens: [], parsing: false };
  try {
    return parseUnguarded(text, file, state);
  } catch (e) {
    const empty: Program = { kind: 'program', file, body: [], span: wholeFile(text, file) };
    if (isStackOverflow(e)) {
      // Nesting the bracket limit does not see (statements nested without braces, hundreds deep):
      // still a located limit error, at the token the parser had reached, else the deepest bracket.
      const at = (state.parsing ? parser.currentToken() : undefined) ?? deepestBracket(state.tokens);
      parser.input = [];
      messages.reset([]);
      const span =
        at !== undefined && !tokenMatcher(at, EOF)
          ? tokenSpan(at, file)
          : { file, line: 1, col: 1, endLine: 1, endCol: 1 };
      return {
        program: empty,
        diagnostics: [
          diag(
            NESTING_CODE,
            'nested too deeply to parse: statements or brackets inside each other hundreds of levels deep',
            span,
            'split it with intermediate variables, or move inner parts into functions',
          ),
        ],
      };
    }
    // A bug in the parser must not take the caller down with it: report it as a diagnostic.
    parser.input = [];
    messages.reset([]);
    const message = e instanceof Error ? e.message : String(e);
    const span = { file, line: 1, col: 1, endLine: 1, endCol: 1 };
    return {
      program: empty,
      diagnostics: [
        diag(
          'DML1000',
          `internal parser error: ${message}`,
          span,
          'please report this with the script that caused it',
        ),
      ],
    };
  }
}

interface ParseState {
  tokens: readonly IToken[];
  /** True while the chevrotain parser runs (its position says where it ran out of stack). */
  parsing: boolean;
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function parseUnguarded(
  text: string,
  file: string,
  state: ParseState,
): { program: Program; diagnostics: Diagnostic[] } {
  const lexed = lexDml(text, file);
  state.tokens = lexed.tokens;
  // The parser and CST -> AST recurse per bracket level: refuse what would overflow them.
  const tooDeep = checkBracketNesting(lexed.tokens, file);
  if (tooDeep !== undefined) {
    return {
      program: { kind: 'program', file, body: [], span: wholeFile(text, file) },
      diagnostics: firstPerLine([...lexed.diagnostics, tooDeep]),
    };
  }
  messages.reset(lexed.tokens);
  parser.skipped = [];
  parser.resumePoints = new Set();
  parser.input = lexed.tokens;
  state.parsing = true;
  const cst = parser.program();
  state.parsing = false;
  const syntax: Diagnostic[] = [];
  const shadowed = afterLexicalErrors(lexed.tokens);
  const afterMultiLine = afterMultiLineStrings(lexed.tokens);
  for (const e of parser.errors) {
    // the parser tripping right after a bad token is the same problem, already reported
    if (shadowed.has(e.token) || (tokenMatcher(e.token, EOF) && shadowed.has(EOF_MARK))) continue;
    const str = afterMultiLine.get(tokenMatcher(e.token, EOF) ? EOF_MARK : e.token);
    if (str !== undefined) {
      // most likely a missing quote that made the string swallow the following lines
      const at = tokenSpan(str, file);
      syntax.push(
        diag(
          'DML1002',
          `the string starting here runs on to line ${at.endLine}: is its closing quote missing?`,
          { ...at, endLine: at.line, endCol: at.col },
          'strings may span lines, so a missing quote pairs with the next quote in the file',
        ),
      );
      continue;
    }
    syntax.push(recognitionDiagnostic(e, file, lexed.tokens));
  }
  for (const s of parser.skipped) {
    syntax.push(
      diag(
        'DML1001',
        `unexpected ${describeToken(s.first)}`,
        tokenSpan(s.first, file),
        STRAY_HINTS.get(s.first.image),
      ),
    );
  }
  const converter = new CstToAst(file, parser.resumePoints);
  let body = converter.program(cst);
  // Later stages (analysis, optimizer, interpreter) recurse per block and expression level.
  const nesting = checkAstNesting(body);
  if (nesting.length > 0) body = [];
  // a bad character or string usually trips the parser too: the lexical error explains it
  const lexLines = new Set(lexed.diagnostics.map((d) => d.span?.line ?? 0));
  const parseOnly = syntax.filter((d) => !lexLines.has(d.span?.line ?? -1));
  const diagnostics = firstPerLine([...lexed.diagnostics, ...parseOnly]).concat(
    converter.diagnostics,
    nesting,
  );
  diagnostics.sort(byPosition);
  parser.input = []; // release the tokens
  messages.reset([]);
  const program: Program = { kind: 'program', file, body, span: wholeFile(text, file) };
  return { program, diagnostics };
}

const STRAY_HINTS = new Map<string, string>([
  ['else', "an 'else' must directly follow the body of an if"],
  ['}', "no '{' is open here"],
  [')', "no '(' is open here"],
  [']', "no '[' is open here"],
  ['in', "'in' is a reserved word, not usable as a name"],
  ['as', "'as' is a reserved word, not usable as a name"],
  [
    'return',
    "'return' is a reserved word: a function's outputs are declared in 'return (...)' of its signature",
  ],
]);

const EOF_MARK: IToken = {
  image: '',
  startOffset: -1,
  tokenType: EOF,
  tokenTypeIdx: -1,
} as unknown as IToken;

/** Tokens that directly follow an unterminated string or an invalid character (EOF_MARK at the end). */
function afterLexicalErrors(tokens: readonly IToken[]): Set<IToken> {
  const out = new Set<IToken>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === UnterminatedString || t.tokenType === InvalidChar) out.add(tokens[i + 1] ?? EOF_MARK);
  }
  return out;
}

/** Tokens on the last line of a multi-line string, after it (EOF_MARK when it ends the input). */
function afterMultiLineStrings(tokens: readonly IToken[]): Map<IToken, IToken> {
  const out = new Map<IToken, IToken>();
  for (let i = 0; i < tokens.length; i++) {
    const str = tokens[i]!;
    if (str.tokenType !== MultiLineString) continue;
    if (i + 1 === tokens.length) out.set(EOF_MARK, str);
    for (let j = i + 1; j < tokens.length && tokens[j]!.startLine === str.endLine; j++)
      out.set(tokens[j]!, str);
  }
  return out;
}

function recognitionDiagnostic(
  e: IRecognitionException,
  file: string,
  tokens: readonly IToken[],
): Diagnostic {
  const code = messages.codeOf(e.message);
  return diag(code, e.message, errorSpan(e.token, file, tokens));
}

/** The span of the offending token; at end of input, the position just after the last token. */
function errorSpan(t: IToken, file: string, tokens: readonly IToken[]): Span {
  if (
    !tokenMatcher(t, EOF) &&
    Number.isFinite(t.startOffset) &&
    t.startLine !== undefined &&
    !Number.isNaN(t.startLine)
  ) {
    return tokenSpan(t, file);
  }
  const last = tokens[tokens.length - 1];
  if (last === undefined) return { file, line: 1, col: 1, endLine: 1, endCol: 1 };
  const line = last.endLine ?? 1;
  const col = (last.endColumn ?? 0) + 1;
  return { file, line, col, endLine: line, endCol: col };
}

/**
 * One root cause often trips the parser more than once on the same line (and lexical errors are
 * followed by a syntax error where the bad token was dropped): keep the first diagnostic per line.
 */
function firstPerLine(ds: Diagnostic[]): Diagnostic[] {
  const sorted = [...ds].sort(byPosition);
  const out: Diagnostic[] = [];
  let lastLine = -1;
  for (const d of sorted) {
    const line = d.span?.line ?? 0;
    if (line === lastLine && line > 0) continue;
    out.push(d);
    lastLine = line;
  }
  return out;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  const la = a.span?.line ?? 0;
  const lb = b.span?.line ?? 0;
  return la !== lb ? la - lb : (a.span?.col ?? 0) - (b.span?.col ?? 0);
}

function wholeFile(text: string, file: string): Span {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  return { file, line: 1, col: 1, endLine: lines.length, endCol: Math.max(1, last.length) };
}
