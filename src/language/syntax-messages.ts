/**
 * Human-readable syntax error messages for the chevrotain parser, plus the bracket bookkeeping
 * behind "expected ')' to close '(' opened at 3:7". The provider also remembers which diagnostic
 * code each message belongs to (DML1005 for a missing closing bracket, DML1001 otherwise).
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { EOF, tokenMatcher } from './chevrotain-runtime.js';
import * as T from './tokens.js';

/** Persistent stack of unmatched opening brackets (shared tails keep the per-token snapshots cheap). */
interface OpenStack {
  readonly token: IToken;
  readonly next: OpenStack | undefined;
}

const CLOSER_OF = new Map<TokenType, TokenType>([
  [T.LParen, T.RParen],
  [T.LBracket, T.RBracket],
  [T.LCurly, T.RCurly],
]);
const OPENER_OF = new Map<TokenType, TokenType>([
  [T.RParen, T.LParen],
  [T.RBracket, T.LBracket],
  [T.RCurly, T.LCurly],
]);

export const MISSING_CLOSER = 'DML1005';
export const GENERIC_SYNTAX = 'DML1001';

const EXPRESSION_RULES = new Set(['expression', 'operand', 'atom', 'argument', 'indexPart']);

export class DmlErrorMessages implements IParserErrorMessageProvider {
  /** For each token, the unmatched openers before it (innermost first). */
  private before = new Map<IToken, OpenStack | undefined>();
  private lastReal: IToken | undefined;
  private atEnd: OpenStack | undefined;
  private readonly codes = new Map<string, string>();

  /** Call before parsing each token stream. */
  reset(tokens: readonly IToken[]): void {
    this.before = new Map();
    this.codes.clear();
    let stack: OpenStack | undefined;
    for (const t of tokens) {
      this.before.set(t, stack);
      if (CLOSER_OF.has(t.tokenType)) {
        stack = { token: t, next: stack };
      } else {
        const opener = OPENER_OF.get(t.tokenType);
        if (opener !== undefined) {
          // pop to the matching opener if there is one (a stray closer leaves the stack alone)
          let s = stack;
          while (s !== undefined && s.token.tokenType !== opener) s = s.next;
          if (s !== undefined) stack = s.next;
        }
      }
    }
    this.lastReal = tokens[tokens.length - 1];
    this.atEnd = stack;
  }

  codeOf(message: string): string {
    return this.codes.get(message) ?? GENERIC_SYNTAX;
  }

  /** The last token of the input (for errors reported at end of input). */
  lastToken(): IToken | undefined {
    return this.lastReal;
  }

  buildMismatchTokenMessage(options: {
    expected: TokenType;
    actual: IToken;
    previous: IToken;
    ruleName: string;
  }): string {
    const { expected, actual } = options;
    const found = describe(actual);
    const opener = OPENER_OF.get(expected);
    if (opener !== undefined) {
      const open = this.findOpener(actual, opener);
      if (open !== undefined) {
        const msg = `expected ${label(expected)} to close ${label(opener)} opened at ${open.startLine}:${open.startColumn}, found ${found}`;
        this.codes.set(msg, MISSING_CLOSER);
        return msg;
      }
    }
    if (expected === T.AssignOp) return `expected '=' or '<-', found ${found}`;
    if (expected === T.Identifier) return `expected a name, found ${found}${reservedNote(actual)}`;
    if (tokenMatcher(actual, EOF)) return `expected ${label(expected)}, found end of input`;
    return `expected ${label(expected)}, found ${found}`;
  }

  buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
    return unexpected(options.firstRedundant);
  }

  buildNoViableAltMessage(options: {
    expectedPathsPerAlt: TokenType[][][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    const actual = options.actual[0];
    const found = actual === undefined ? 'end of input' : describe(actual);
    const rule = options.ruleName;
    if (
      actual !== undefined &&
      tokenMatcher(actual, T.Ifdef) &&
      (EXPRESSION_RULES.has(rule) || rule === 'idStatement')
    ) {
      return "ifdef(...) is only allowed as the whole right-hand side of an assignment: 'x = ifdef($name, default)'";
    }
    if (EXPRESSION_RULES.has(rule)) return `expected an expression, found ${found}${reservedNote(actual)}`;
    if (rule === 'statement' || rule === 'simpleStatement' || rule === 'body')
      return `expected a statement, found ${found}${reservedNote(actual)}`;
    if (rule === 'idStatement' && tokenMatcher(options.previous, T.AssignOp))
      return `expected an expression, found ${found}${reservedNote(actual)}`;
    if (rule === 'idStatement') {
      return `expected '=', '<-', '+=' or '(' after '${options.previous.image}', found ${found}`;
    }
    const firsts = new Set<string>();
    for (const alt of options.expectedPathsPerAlt)
      for (const path of alt) if (path[0] !== undefined) firsts.add(label(path[0]));
    const list = [...firsts];
    if (list.length > 0 && list.length <= 4) return `expected ${list.join(' or ')}, found ${found}`;
    return actual === undefined ? 'unexpected end of input' : unexpected(actual);
  }

  buildEarlyExitMessage(options: {
    expectedIterationPaths: TokenType[][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    const actual = options.actual[0];
    return actual === undefined ? 'unexpected end of input' : unexpected(actual);
  }

  private findOpener(actual: IToken, opener: TokenType): IToken | undefined {
    // the virtual EOF token is not in the map: use the state after the last real token
    const stack = this.before.has(actual) ? this.before.get(actual) : this.atEnd;
    for (let s = stack; s !== undefined; s = s.next) if (s.token.tokenType === opener) return s.token;
    return undefined;
  }
}

/** Reserved words people try to use as names (`in`, `as`, `return`): say why they fail. */
const RESERVED_AS_NAMES: readonly TokenType[] = [T.In, T.As, T.Return, T.Implemented];

function reservedNote(t: IToken | undefined): string {
  return t !== undefined && RESERVED_AS_NAMES.some((r) => tokenMatcher(t, r))
    ? ' (a reserved word, not usable as a name)'
    : '';
}

function label(t: TokenType): string {
  if (t === EOF) return 'end of input';
  return t.LABEL ?? t.name;
}

function describe(t: IToken): string {
  return T.describeToken(t);
}

function unexpected(t: IToken): string {
  return tokenMatcher(t, EOF) ? 'unexpected end of input' : `unexpected ${describe(t)}`;
}
