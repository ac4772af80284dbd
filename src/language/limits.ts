/**
 * Nesting limits of the front end (DML1016). The parser, analysis, the optimizer's DAG walks and
 * the interpreter recurse along nested brackets, nested blocks and nested expressions; these
 * checks run before them, iteratively, and turn what would overflow the JavaScript stack into a
 * located error. Long scripts and long flat expressions have no limit: statement lists, operator
 * chains inside one bracket level and `else if` chains are read without recursion, and the
 * optimizer bounds the depth of each basic block's DAG (src/optimizer/split-deep-blocks.ts).
 *
 * Each limit leaves at least a 2x margin on Node's default stack (984 KB), measured in a fresh
 * process (cold code uses larger stack frames than optimized code) through the whole pipeline
 * (parse, analysis, optimizer, explain, run) with scripts of each shape (docs/language-status.md):
 *
 * - brackets: nested `f(f(...))`, `X[X[...], 1]`, `{ { ... } }` overflow the parser at about 210
 *   levels (bare parentheses `((...))` at about 480);
 * - blocks: an `else if` chain (each `if` nested in the previous one's else) overflows the
 *   optimizer at about 1,020 levels;
 * - expressions: `1 + 1 + ... + 1` or `- - ... - x` overflow the rewrite driver's DAG walk at about
 *   2,240 levels alone, at about 1,920 inside 200 nested blocks.
 */
import type { IToken } from 'chevrotain';
import { diag, type Diagnostic } from '../common/diagnostics.js';
import type { Expr, Statement } from './ast.js';
import { LBracket, LCurly, LParen, RBracket, RCurly, RParen, tokenSpan } from './tokens.js';
import { tokenMatcher } from './chevrotain-runtime.js';

/** Open brackets `(` `[` `{` at any point of a file (parser: about 210 overflow it). */
export const MAX_BRACKET_DEPTH = 100;
/** Statements nested in if / else / for / parfor / while bodies, `else if` included (about 1,020 overflow). */
export const MAX_BLOCK_DEPTH = 200;
/** Nodes on the longest path from an expression's root to a leaf (about 1,920 overflow). */
export const MAX_EXPRESSION_DEPTH = 800;

export const NESTING_CODE = 'DML1016';

const NESTING_HINT = 'split it with intermediate variables, or move inner parts into functions';

/** The first bracket that opens past MAX_BRACKET_DEPTH, before the (recursive) parser runs. */
export function checkBracketNesting(tokens: readonly IToken[], file: string): Diagnostic | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (tokenMatcher(t, LParen) || tokenMatcher(t, LBracket) || tokenMatcher(t, LCurly)) {
      if (++depth > MAX_BRACKET_DEPTH) {
        return diag(
          NESTING_CODE,
          `brackets nested too deeply: ${depth} levels of '(', '[' and '{' open here, at most ${MAX_BRACKET_DEPTH}`,
          tokenSpan(t, file),
          NESTING_HINT,
        );
      }
    } else if (tokenMatcher(t, RParen) || tokenMatcher(t, RBracket) || tokenMatcher(t, RCurly)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** The bracket where the parser's recursion is deepest (for a parser that ran out of stack anyway). */
export function deepestBracket(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  let best = 0;
  let at: IToken | undefined;
  for (const t of tokens) {
    if (tokenMatcher(t, LParen) || tokenMatcher(t, LBracket) || tokenMatcher(t, LCurly)) {
      if (++depth > best) {
        best = depth;
        at = t;
      }
    } else if (tokenMatcher(t, RParen) || tokenMatcher(t, RBracket) || tokenMatcher(t, RCurly)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return at;
}

/**
 * Statements nested deeper than MAX_BLOCK_DEPTH (the first one, in source order) and expressions
 * deeper than MAX_EXPRESSION_DEPTH (each one). Iterative.
 */
export function checkAstNesting(body: readonly Statement[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // statements still to visit, with their block depth; reversed so that they pop in source order
  const stack: { s: Statement; depth: number }[] = [];
  const pushAll = (list: readonly Statement[], depth: number): void => {
    for (let i = list.length - 1; i >= 0; i--) stack.push({ s: list[i]!, depth });
  };
  pushAll(body, 0);
  let blocksReported = false;
  while (stack.length > 0) {
    const { s, depth } = stack.pop()!;
    if (depth > MAX_BLOCK_DEPTH) {
      // once: every statement further in is just as deep
      if (blocksReported) continue;
      blocksReported = true;
      out.push(
        diag(
          NESTING_CODE,
          `blocks nested too deeply: this statement is inside ${depth} levels of if/else/for/parfor/while, at most ${MAX_BLOCK_DEPTH}`,
          s.span,
          'move inner blocks into functions, or merge conditions',
        ),
      );
      continue;
    }
    for (const e of statementExprs(s)) {
      const d = expressionDepth(e);
      if (d > MAX_EXPRESSION_DEPTH) {
        out.push(
          diag(
            NESTING_CODE,
            `expression nested too deeply: ${d} levels, at most ${MAX_EXPRESSION_DEPTH}`,
            e.span,
            NESTING_HINT,
          ),
        );
      }
    }
    switch (s.kind) {
      case 'if':
        // pushed in reverse: then pops first
        if (s.else) pushAll(s.else, depth + 1);
        pushAll(s.then, depth + 1);
        break;
      case 'for':
      case 'while':
        pushAll(s.body, depth + 1);
        break;
      case 'function':
        pushAll(s.body, 0);
        break;
      default:
        break;
    }
  }
  return out;
}

function statementExprs(s: Statement): Expr[] {
  switch (s.kind) {
    case 'assign':
      return [s.target, s.value];
    case 'multiAssign':
    case 'callStmt':
      return [s.call];
    case 'if':
    case 'while':
      return [s.condition];
    case 'for': {
      const it = s.iterable;
      const out = [it.from, it.to, ...s.params.map((p) => p.value)];
      if (it.kind === 'seq' && it.by) out.push(it.by);
      return out;
    }
    case 'function':
      return s.params.flatMap((p) => (p.default ? [p.default] : []));
    default:
      return [];
  }
}

/** Nodes on the longest root-to-leaf path (a leaf alone is 1). Iterative. */
export function expressionDepth(root: Expr): number {
  let max = 0;
  const stack: { e: Expr; d: number }[] = [{ e: root, d: 1 }];
  while (stack.length > 0) {
    const { e, d } = stack.pop()!;
    if (d > max) max = d;
    for (const c of exprChildren(e)) stack.push({ e: c, d: d + 1 });
  }
  return max;
}

function exprChildren(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return e.args.map((a) => a.value);
    case 'index': {
      const out: Expr[] = [e.target];
      for (const r of [e.rows, e.cols]) {
        if (!r) continue;
        out.push(r.lower);
        if (r.upper) out.push(r.upper);
      }
      return out;
    }
    case 'ifdef':
      return [e.arg, e.fallback];
    case 'exprList':
      return e.items;
    default:
      return [];
  }
}
