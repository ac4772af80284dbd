/**
 * The DML grammar as a chevrotain CstParser (LL(3)), with error recovery. The CST is turned into
 * the AST by cst-to-ast.ts. Precedence follows DML-REFERENCE.md (SystemDS's Dml.g4), tightest
 * first: ^ (right), unary -/+, %*%, %/% %%, * /, + -, comparisons, !, & &&, | ||; the parser
 * reads flat operator sequences and cst-to-ast applies that table.
 *
 * The grammar is deliberately a little more permissive than DML where that gives better errors:
 * function definitions and `{ }` blocks may appear as any statement and chained assignment
 * `a = b = 3` parses; cst-to-ast reports them with their own codes (DML1006, DML1009, DML1008).
 *
 * Recovery: besides chevrotain's single-token insertion/deletion, re-synchronisation after an
 * error skips to a token that can start a statement at the beginning of a line (or to `;`, `}`,
 * a statement keyword), so independent errors are each reported once.
 */
import type { CstNode, IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { CstParser, EOF, tokenMatcher } from './chevrotain-runtime.js';
import * as T from './tokens.js';

/** Tokens that are a safe place to resume even in the middle of a line. */
const STRUCTURAL: readonly TokenType[] = [
  T.Semicolon,
  T.RCurly,
  T.If,
  T.Else,
  T.For,
  T.Parfor,
  T.While,
  T.Source,
  T.Setwd,
];

/** The chevrotain internals the recovery overrides rely on (stable across chevrotain 10/11). */
interface RecoveryInternals {
  flattenFollowSet(): TokenType[];
  getCurrRuleFullName(): string;
  SKIP_TOKEN(): IToken;
  exportLexerState(): number;
  importLexerState(state: number): void;
}

/**
 * Only statement-level rules re-synchronise after an error: an inner rule (a type, a parameter,
 * an argument) would otherwise resume at the next identifier and misread the next statement as
 * its own continuation.
 */
const NO_RESYNC = { resyncEnabled: false } as const;

/** Rules whose closing bracket ends an expression (see canTokenTypeBeInsertedInRecovery). */
const INLINE_BRACKET_RULES = new Set(['callArgs', 'atom', 'indexSuffix', 'exprList']);

export interface SkippedRegion {
  readonly first: IToken;
  readonly resumeAt: IToken;
}

export class DmlParser extends CstParser {
  /** Regions skipped by repetition recovery (reported by parse.ts as "unexpected" tokens). */
  skipped: SkippedRegion[] = [];
  /** Tokens where parsing resumed after an error (cst-to-ast stays quiet about what starts there). */
  resumePoints = new Set<IToken>();
  private resyncTarget: IToken | undefined;

  constructor(messages: IParserErrorMessageProvider) {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'full',
      errorMessageProvider: messages,
    });
    this.performSelfAnalysis();
  }

  // ------------------------------------------------------------ program structure

  program = this.RULE('program', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.CONSUME(T.Semicolon) }]);
    });
  });

  /** Any statement, including a misplaced `{ }` block (reported by cst-to-ast). */
  statement = this.RULE('statement', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.simpleStatement) }]);
  });

  simpleStatement = this.RULE('simpleStatement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.ifStatement) },
      { ALT: () => this.SUBRULE(this.forStatement) },
      { ALT: () => this.SUBRULE(this.whileStatement) },
      { ALT: () => this.SUBRULE(this.sourceStatement) },
      { ALT: () => this.SUBRULE(this.setwdStatement) },
      { ALT: () => this.SUBRULE(this.multiAssignStatement) },
      { ALT: () => this.SUBRULE(this.idStatement) },
    ]);
  });

  block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.CONSUME(T.Semicolon) }]);
    });
    this.CONSUME(T.RCurly);
  });

  /** A loop or branch body: `{ ... }` or a single statement. */
  body = this.RULE('body', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.simpleStatement) }]);
  });

  ifStatement = this.RULE(
    'ifStatement',
    () => {
      this.CONSUME(T.If);
      this.CONSUME(T.LParen);
      this.SUBRULE(this.expression);
      this.CONSUME(T.RParen);
      this.SUBRULE(this.body);
      // DML statements end with any number of ';', also before else: `if (c) x = 1; else x = 2;`
      this.MANY(() => this.CONSUME(T.Semicolon));
      // `else if` chains as a list, not as an if nested in each else: a chain of any length
      // parses without recursion (cst-to-ast nests them as the AST wants).
      this.MANY2(() => this.SUBRULE(this.elseIfClause));
      // greedy: a dangling else binds to the nearest if
      this.OPTION(() => {
        this.CONSUME(T.Else);
        this.SUBRULE2(this.body);
      });
    },
    NO_RESYNC,
  );

  elseIfClause = this.RULE(
    'elseIfClause',
    () => {
      this.CONSUME(T.Else);
      this.CONSUME(T.If);
      this.CONSUME(T.LParen);
      this.SUBRULE(this.expression);
      this.CONSUME(T.RParen);
      this.SUBRULE(this.body);
      this.MANY(() => this.CONSUME(T.Semicolon));
    },
    NO_RESYNC,
  );

  forStatement = this.RULE(
    'forStatement',
    () => {
      this.OR([{ ALT: () => this.CONSUME(T.For) }, { ALT: () => this.CONSUME(T.Parfor) }]);
      this.CONSUME(T.LParen);
      this.CONSUME(T.Identifier);
      this.CONSUME(T.In);
      this.SUBRULE(this.expression);
      this.OPTION(() => {
        this.CONSUME(T.Colon);
        this.SUBRULE2(this.expression);
      });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE(this.namedValue);
      });
      this.CONSUME(T.RParen);
      this.SUBRULE(this.body);
    },
    NO_RESYNC,
  );

  whileStatement = this.RULE(
    'whileStatement',
    () => {
      this.CONSUME(T.While);
      this.CONSUME(T.LParen);
      this.SUBRULE(this.expression);
      this.CONSUME(T.RParen);
      this.SUBRULE(this.body);
    },
    NO_RESYNC,
  );

  sourceStatement = this.RULE(
    'sourceStatement',
    () => {
      this.CONSUME(T.Source);
      this.CONSUME(T.LParen);
      this.CONSUME(T.StringLiteral);
      this.CONSUME(T.RParen);
      this.CONSUME(T.As);
      this.CONSUME(T.Identifier);
    },
    NO_RESYNC,
  );

  setwdStatement = this.RULE(
    'setwdStatement',
    () => {
      this.CONSUME(T.Setwd);
      this.CONSUME(T.LParen);
      this.CONSUME(T.StringLiteral);
      this.CONSUME(T.RParen);
    },
    NO_RESYNC,
  );

  /** `[a, b] = f(...)`. */
  multiAssignStatement = this.RULE(
    'multiAssignStatement',
    () => {
      this.CONSUME(T.LBracket);
      this.CONSUME(T.Identifier);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.CONSUME2(T.Identifier);
      });
      this.CONSUME(T.RBracket);
      this.CONSUME(T.AssignOp);
      this.CONSUME3(T.Identifier, { LABEL: 'callee' });
      this.SUBRULE(this.callArgs);
    },
    NO_RESYNC,
  );

  /** Statements that start with a name: a call, an assignment, or a function definition. */
  idStatement = this.RULE(
    'idStatement',
    () => {
      this.CONSUME(T.Identifier);
      this.OR([
        { ALT: () => this.SUBRULE(this.callArgs) },
        {
          ALT: () => {
            this.OPTION(() => this.SUBRULE(this.indexSuffix));
            this.CONSUME(T.AssignOp);
            this.OR2([
              { ALT: () => this.SUBRULE(this.functionDefTail) },
              { ALT: () => this.SUBRULE(this.externalFunctionDefTail) },
              { ALT: () => this.SUBRULE(this.ifdefExpression) },
              {
                ALT: () => {
                  this.SUBRULE(this.expression);
                  // `a = b = 3`: parsed so that it can be reported clearly (DML1008)
                  this.OPTION2(() => {
                    this.CONSUME2(T.AssignOp, { LABEL: 'chainedOp' });
                    this.SUBRULE2(this.expression, { LABEL: 'chainedValue' });
                  });
                },
              },
            ]);
          },
        },
      ]);
    },
    NO_RESYNC,
  );

  ifdefExpression = this.RULE(
    'ifdefExpression',
    () => {
      this.CONSUME(T.Ifdef);
      this.CONSUME(T.LParen);
      this.CONSUME(T.CommandLineArg);
      this.CONSUME(T.Comma);
      this.SUBRULE(this.expression);
      this.CONSUME(T.RParen);
    },
    NO_RESYNC,
  );

  functionDefTail = this.RULE(
    'functionDefTail',
    () => {
      this.CONSUME(T.FunctionKw);
      this.SUBRULE(this.typedParams, { LABEL: 'params' });
      this.OPTION(() => {
        this.CONSUME(T.Return);
        this.SUBRULE2(this.typedParams, { LABEL: 'outputs' });
      });
      this.SUBRULE(this.block);
    },
    NO_RESYNC,
  );

  externalFunctionDefTail = this.RULE(
    'externalFunctionDefTail',
    () => {
      this.CONSUME(T.ExternalFunction);
      this.SUBRULE(this.typedParams, { LABEL: 'params' });
      this.OPTION(() => {
        this.CONSUME(T.Return);
        this.SUBRULE2(this.typedParams, { LABEL: 'outputs' });
      });
      this.CONSUME(T.Implemented);
      this.CONSUME(T.In);
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.namedValue);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.namedValue);
        });
      });
      this.CONSUME(T.RParen);
    },
    NO_RESYNC,
  );

  /** `( Type name [= default], ... )`: parameters (defaults allowed) or outputs (checked later). */
  typedParams = this.RULE(
    'typedParams',
    () => {
      this.CONSUME(T.LParen);
      this.OPTION(() => {
        this.SUBRULE(this.typedParam);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.typedParam);
        });
      });
      this.CONSUME(T.RParen);
    },
    NO_RESYNC,
  );

  typedParam = this.RULE(
    'typedParam',
    () => {
      this.SUBRULE(this.typeSpec);
      this.CONSUME(T.Identifier, { LABEL: 'name' });
      this.OPTION(() => {
        this.CONSUME(T.Assign);
        this.SUBRULE(this.expression);
      });
    },
    NO_RESYNC,
  );

  /** `Matrix[Double]` or a bare value type; names are checked by cst-to-ast (DML1007). */
  typeSpec = this.RULE(
    'typeSpec',
    () => {
      this.CONSUME(T.Identifier, { LABEL: 'outer' });
      this.OPTION(() => {
        this.CONSUME(T.LBracket);
        this.CONSUME2(T.Identifier, { LABEL: 'inner' });
        this.CONSUME(T.RBracket);
      });
    },
    NO_RESYNC,
  );

  /** `name = value` (parfor parameters, externalFunction's implemented-in list). */
  namedValue = this.RULE(
    'namedValue',
    () => {
      this.CONSUME(T.Identifier);
      this.CONSUME(T.Assign);
      this.SUBRULE(this.expression);
    },
    NO_RESYNC,
  );

  // ------------------------------------------------------------ expressions

  /**
   * A flat sequence of operands and binary operators; cst-to-ast applies precedence and
   * associativity (DML-REFERENCE.md's table) by precedence climbing.
   */
  expression = this.RULE(
    'expression',
    () => {
      this.SUBRULE(this.operand);
      this.MANY(() => {
        this.CONSUME(T.BinaryOp);
        this.SUBRULE2(this.operand);
      });
    },
    NO_RESYNC,
  );

  /** An atom with its prefix operators (`-`, `+`, `!`), outermost first. */
  operand = this.RULE(
    'operand',
    () => {
      this.MANY(() => this.CONSUME(T.PrefixOp));
      this.SUBRULE(this.atom);
    },
    NO_RESYNC,
  );

  atom = this.RULE(
    'atom',
    () => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Identifier);
            this.OPTION({
              GATE: () => !this.startsMultiAssignLine(),
              DEF: () => {
                this.OR2([
                  { ALT: () => this.SUBRULE(this.callArgs) },
                  { ALT: () => this.SUBRULE(this.indexSuffix) },
                ]);
              },
            });
          },
        },
        { ALT: () => this.CONSUME(T.IntLiteral) },
        { ALT: () => this.CONSUME(T.DoubleLiteral) },
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.CONSUME(T.CommandLineArg) },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.expression);
            this.CONSUME(T.RParen);
          },
        },
        { ALT: () => this.SUBRULE(this.exprList) },
      ]);
    },
    NO_RESYNC,
  );

  exprList = this.RULE(
    'exprList',
    () => {
      this.CONSUME(T.LBracket);
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression);
      });
      this.CONSUME(T.RBracket);
    },
    NO_RESYNC,
  );

  callArgs = this.RULE(
    'callArgs',
    () => {
      this.CONSUME(T.LParen);
      this.OPTION(() => {
        this.SUBRULE(this.argument);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.argument);
        });
      });
      this.CONSUME(T.RParen);
    },
    NO_RESYNC,
  );

  argument = this.RULE(
    'argument',
    () => {
      this.OPTION(() => {
        this.CONSUME(T.Identifier, { LABEL: 'argName' });
        this.CONSUME(T.Assign);
      });
      this.SUBRULE(this.expression);
    },
    NO_RESYNC,
  );

  /** `[rows, cols]` or `[i]`; any part may be empty. */
  indexSuffix = this.RULE(
    'indexSuffix',
    () => {
      this.CONSUME(T.LBracket);
      this.OPTION(() => this.SUBRULE(this.indexPart, { LABEL: 'rows' }));
      this.OPTION2(() => {
        this.CONSUME(T.Comma);
        this.OPTION3(() => this.SUBRULE2(this.indexPart, { LABEL: 'cols' }));
      });
      this.CONSUME(T.RBracket);
    },
    NO_RESYNC,
  );

  indexPart = this.RULE(
    'indexPart',
    () => {
      this.SUBRULE(this.expression, { LABEL: 'lower' });
      this.OPTION(() => {
        this.CONSUME(T.Colon);
        this.SUBRULE2(this.expression, { LABEL: 'upper' });
      });
    },
    NO_RESYNC,
  );

  // ------------------------------------------------------------ recovery overrides

  /**
   * Chevrotain resyncs to the first token in the follow sets of the rule stack; DML has no
   * statement terminator and identifiers are everywhere, so that often lands mid-line and turns
   * one error into several. Resume instead at a follow token that starts a line, or at a
   * structural token (`;`, `}`, a statement keyword).
   */
  findReSyncTokenType(): TokenType {
    const follows = (this as unknown as RecoveryInternals).flattenFollowSet();
    let prev = this.LA(0);
    for (let k = 1; ; k++) {
      const t = this.LA(k);
      if (tokenMatcher(t, EOF)) {
        this.resyncTarget = t;
        return EOF;
      }
      const match = follows.find((f) => tokenMatcher(t, f));
      if (match !== undefined && this.isResumePoint(k, prev)) {
        this.resyncTarget = t;
        return match;
      }
      prev = t;
    }
  }

  reSyncTo(tokType: TokenType): IToken[] {
    const internals = this.internals();
    const skipped: IToken[] = [];
    let next = this.LA(1);
    const target = this.resyncTarget;
    while (
      !tokenMatcher(next, EOF) &&
      (target !== undefined ? next !== target : !tokenMatcher(next, tokType))
    ) {
      next = internals.SKIP_TOKEN();
      skipped.push(next);
    }
    if (!tokenMatcher(next, EOF)) this.resumePoints.add(next);
    this.resyncTarget = undefined;
    return skipped.slice(0, -1);
  }

  /**
   * Called when a statement list meets a token that can neither start a statement nor end the
   * list (a stray `)` or `else`): skip to a line-start statement and record the skipped region.
   */
  tryInRepetitionRecovery(
    grammarRule: (...args: unknown[]) => unknown,
    grammarRuleArgs: unknown[],
    lookAheadFunc: () => boolean,
    expectedTokType: TokenType,
  ): void {
    const internals = this.internals();
    const saved = internals.exportLexerState();
    const first = this.LA(1);
    let prev = this.LA(0);
    let cur = first;
    while (!tokenMatcher(cur, EOF)) {
      const clean = this.isResumePoint(1, prev);
      if (cur !== first && clean && tokenMatcher(cur, expectedTokType)) {
        this.skipped.push({ first, resumeAt: cur });
        this.resumePoints.add(cur);
        return;
      }
      if (cur !== first && clean && lookAheadFunc.call(this)) {
        this.skipped.push({ first, resumeAt: cur });
        this.resumePoints.add(cur);
        grammarRule.apply(this, grammarRuleArgs);
        return;
      }
      prev = cur;
      internals.SKIP_TOKEN();
      cur = this.LA(1);
    }
    if (expectedTokType === EOF) {
      this.skipped.push({ first, resumeAt: cur });
      return;
    }
    internals.importLexerState(saved);
  }

  /**
   * A missing `)` or `]` is inserted virtually when the next token can follow it. Not inside an
   * expression when that token is a mid-line `{`: `f(a{b)` would turn into a call followed by a
   * misplaced block; failing the statement instead resumes cleanly on the next line.
   * (`if (x > 1 {` still recovers: the `)` there belongs to the if rule.)
   */
  protected override canTokenTypeBeInsertedInRecovery(tokType: TokenType): boolean {
    if ((tokType === T.RParen || tokType === T.RBracket) && tokenMatcher(this.LA(1), T.LCurly)) {
      const rule = this.internals().getCurrRuleFullName();
      return !INLINE_BRACKET_RULES.has(rule);
    }
    return true;
  }

  /**
   * LA(k) is a good place to resume: a structural token, or the first token of a line that looks
   * like the start of a statement (a name must be followed by an assignment, a call or an index:
   * `Double reg = 1,` on the continuation line of a broken signature is not a statement).
   */
  private isResumePoint(k: number, prev: IToken): boolean {
    const t = this.LA(k);
    if (STRUCTURAL.some((s) => tokenMatcher(t, s))) return true;
    if (!isLineStart(t, prev)) return false;
    if (!tokenMatcher(t, T.Identifier)) return true;
    const next = this.LA(k + 1);
    return tokenMatcher(next, T.AssignOp) || tokenMatcher(next, T.LParen) || tokenMatcher(next, T.LBracket);
  }

  /**
   * `x = y` followed by a line `[a, b] = f()`: the `[` starts the next statement (a
   * multi-assignment), not an index into `y`. SystemDS's ANTLR parser decides this with
   * unbounded lookahead; here the matching `]` followed by `=` on a new line tells.
   */
  private startsMultiAssignLine(): boolean {
    const open = this.LA(1);
    if (!tokenMatcher(open, T.LBracket) || !isLineStart(open, this.LA(0))) return false;
    let depth = 0;
    for (let k = 1; ; k++) {
      const t = this.LA(k);
      if (tokenMatcher(t, EOF)) return false;
      if (tokenMatcher(t, T.LBracket)) depth++;
      else if (tokenMatcher(t, T.RBracket) && --depth === 0) return tokenMatcher(this.LA(k + 1), T.AssignOp);
    }
  }

  /** The next token to read (where parsing stands, e.g. when it ran out of stack). */
  currentToken(): IToken {
    return this.LA(1);
  }

  private internals(): RecoveryInternals {
    return this as unknown as RecoveryInternals;
  }
}

function isLineStart(t: IToken, prev: IToken): boolean {
  const prevLine = prev.endLine ?? prev.startLine;
  if (prevLine === undefined || Number.isNaN(prevLine)) return true;
  return (t.startLine ?? 0) > prevLine;
}

export type { CstNode };
