/**
 * Statement blocks: consecutive straight-line statements form one basic block; if / for /
 * parfor / while get their own. A multi-output call (`[a, b] = f(..)`, `[Q, R] = qr(A)`) gets a
 * basic block of its own, as in SystemDS, so that its outputs can be written straight into the
 * target variables without overwriting a value a later instruction of the same block still reads.
 */
import type { Expr, ForStmt, Statement } from '../language/ast.js';
import type { Span } from '../common/span.js';
import { joinSpans } from '../common/span.js';
import { fail } from '../common/diagnostics.js';

export type StatementBlock =
  | {
      readonly kind: 'basic';
      readonly stmts: readonly Statement[];
      readonly isolated: boolean;
      readonly span: Span;
    }
  | {
      readonly kind: 'if';
      readonly condition: Expr;
      readonly then: readonly StatementBlock[];
      readonly else: readonly StatementBlock[];
      readonly span: Span;
    }
  | {
      readonly kind: 'for';
      readonly stmt: ForStmt;
      readonly body: readonly StatementBlock[];
      readonly span: Span;
    }
  | {
      readonly kind: 'while';
      readonly condition: Expr;
      readonly body: readonly StatementBlock[];
      readonly span: Span;
    };

export function buildBlocks(stmts: readonly Statement[]): StatementBlock[] {
  const out: StatementBlock[] = [];
  let run: Statement[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push(basic(run, false));
    run = [];
  };
  for (const s of stmts) {
    switch (s.kind) {
      case 'assign':
      case 'callStmt':
        if (readsClock(s)) {
          // Everything before a time() call runs before it (timing scripts measure real work).
          flush();
          out.push(basic([s], true));
        } else run.push(s);
        break;
      case 'multiAssign':
        flush();
        out.push(basic([s], true));
        break;
      case 'if':
        flush();
        out.push({
          kind: 'if',
          condition: s.condition,
          then: buildBlocks(s.then),
          else: buildBlocks(s.else ?? []),
          span: s.span,
        });
        break;
      case 'for':
        flush();
        out.push({ kind: 'for', stmt: s, body: buildBlocks(s.body), span: s.span });
        break;
      case 'while':
        flush();
        out.push({ kind: 'while', condition: s.condition, body: buildBlocks(s.body), span: s.span });
        break;
      case 'source':
      case 'setwd':
        // Resolved by analysis; nothing to run.
        break;
      case 'function':
        fail('DML3008', 'functions can only be defined at the top level of a script', s.span);
        break;
    }
  }
  flush();
  return out;
}

function exprCallsTime(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return (e.name === 'time' && e.namespace === undefined) || e.args.some((a) => exprCallsTime(a.value));
    case 'unary':
      return exprCallsTime(e.operand);
    case 'binary':
      return exprCallsTime(e.left) || exprCallsTime(e.right);
    default:
      return false;
  }
}

function readsClock(s: Statement): boolean {
  if (s.kind === 'assign') return exprCallsTime(s.value);
  if (s.kind === 'callStmt') return exprCallsTime(s.call);
  return false;
}

export function basic(stmts: readonly Statement[], isolated: boolean): StatementBlock {
  const span =
    stmts.length > 0
      ? joinSpans(stmts[0]!.span, stmts[stmts.length - 1]!.span)
      : { file: '<generated>', line: 0, col: 0, endLine: 0, endCol: 0 };
  return { kind: 'basic', stmts, isolated, span };
}
