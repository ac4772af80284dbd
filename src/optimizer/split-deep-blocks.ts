/**
 * Bounds the depth of every basic block's HOP DAG. A long run of straight-line statements that
 * each use the previous one's result (`x = x + 1`, 30,000 times) would build one DAG 30,000 HOPs
 * deep, and the optimizer's DAG walks (rewrites, sizes, cost, lowering, explain, recompilation)
 * recurse along it. Such a block is cut into several: before a statement whose result would sit
 * deeper than MAX_DAG_DEPTH HOPs in the block's DAG, a new block starts, so that variables cross
 * the boundary as transient writes and reads, as they do between any two blocks (liveness, which
 * runs afterwards, adds them). Semantics are unchanged; rewrites only lose the chance to combine
 * across the cut. Ordinary blocks are never cut.
 *
 * The depth is estimated from the AST: one level per operator, call or index node, plus the
 * depth of the variables read as they were left by earlier statements of the block. A call that
 * may be inlined counts as deep as the function's body (program.ts).
 */
import type { CallExpr, Expr, Statement } from '../language/ast.js';
import { basic, type StatementBlock } from './blocks.js';

/**
 * The deepest DAG a cut leaves in a block (before the statement that would pass it). The DAG walks
 * survive about 2,200 levels on Node's default stack in a cold process (measured with chains of
 * `x = x + 1`, docs/language-status.md); one statement alone may add up to MAX_EXPRESSION_DEPTH
 * (language/limits.ts) on top of a fresh block, so blocks stay at most max(500, 1,000) deep: a 2x
 * margin.
 */
export const MAX_DAG_DEPTH = 500;

/** How deep a call's result may sit above its arguments (1 for builtins, more when inlined). */
export type CallDepth = (call: CallExpr) => number;

export function splitDeepBlocks(
  blocks: readonly StatementBlock[],
  callDepth: CallDepth = () => 1,
  maxDepth = MAX_DAG_DEPTH,
): StatementBlock[] {
  const out: StatementBlock[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'basic': {
        const parts = cut(b.stmts, callDepth, maxDepth);
        if (parts.length <= 1) out.push(b);
        else for (const p of parts) out.push(basic(p, b.isolated));
        break;
      }
      case 'if':
        out.push({
          ...b,
          then: splitDeepBlocks(b.then, callDepth, maxDepth),
          else: splitDeepBlocks(b.else, callDepth, maxDepth),
        });
        break;
      case 'for':
      case 'while':
        out.push({ ...b, body: splitDeepBlocks(b.body, callDepth, maxDepth) });
        break;
    }
  }
  return out;
}

function cut(stmts: readonly Statement[], callDepth: CallDepth, maxDepth: number): Statement[][] {
  const parts: Statement[][] = [];
  let current: Statement[] = [];
  // depth of each variable's value in the current part (absent: a transient read, depth 0)
  let depths = new Map<string, number>();
  for (const s of stmts) {
    let d = statementDepth(s, depths, callDepth);
    if (d.depth > maxDepth && current.length > 0) {
      parts.push(current);
      current = [];
      depths = new Map();
      d = statementDepth(s, depths, callDepth);
    }
    current.push(s);
    if (d.target !== undefined) depths.set(d.target, d.depth);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/**
 * Depth of each variable a straight-line statement list assigns, above the variables it reads
 * first (the depth an inlined function body adds to its call's arguments).
 */
export function assignedDepths(stmts: readonly Statement[], callDepth: CallDepth): Map<string, number> {
  const depths = new Map<string, number>();
  for (const s of stmts) {
    const d = statementDepth(s, depths, callDepth);
    if (d.target !== undefined) depths.set(d.target, d.depth);
  }
  return depths;
}

function statementDepth(
  s: Statement,
  depths: ReadonlyMap<string, number>,
  callDepth: CallDepth,
): { depth: number; target?: string } {
  switch (s.kind) {
    case 'assign': {
      const value = exprDepth(s.value, depths, callDepth);
      if (s.target.kind === 'id') {
        const own = s.op === '+=' ? (depths.get(s.target.name) ?? 0) : 0;
        return { depth: Math.max(value, own) + (s.op === '+=' ? 1 : 0), target: s.target.name };
      }
      // X[i, j] = v: a left-indexing HOP over the old X, the value and the index expressions
      const index = exprDepth(s.target, depths, callDepth);
      return { depth: Math.max(value, index) + 2, target: s.target.target.name };
    }
    case 'callStmt':
    case 'multiAssign':
      return { depth: exprDepth(s.call, depths, callDepth) };
    default:
      return { depth: 0 };
  }
}

/** Depth of an expression's DAG above the variables it reads; iterative (expressions may be deep). */
function exprDepth(root: Expr, depths: ReadonlyMap<string, number>, callDepth: CallDepth): number {
  const result = new Map<Expr, number>();
  const stack: { e: Expr; expanded: boolean }[] = [{ e: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = children(top.e);
    if (!top.expanded && kids.length > 0) {
      top.expanded = true;
      for (const k of kids) stack.push({ e: k, expanded: false });
      continue;
    }
    stack.pop();
    let below = 0;
    for (const k of kids) below = Math.max(below, result.get(k) ?? 0);
    result.set(top.e, nodeDepth(top.e, below, depths, callDepth));
  }
  return result.get(root) ?? 0;
}

/** Depth of a node whose deepest child sits `below` deep. */
function nodeDepth(
  e: Expr,
  below: number,
  depths: ReadonlyMap<string, number>,
  callDepth: CallDepth,
): number {
  switch (e.kind) {
    case 'id':
      return depths.get(e.name) ?? 0;
    case 'index':
      return Math.max(below, depths.get(e.target.name) ?? 0) + 1;
    case 'call':
      return below + callDepth(e);
    case 'unary':
    case 'binary':
    case 'exprList':
      return below + 1;
    default:
      return below;
  }
}

function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return e.args.map((a) => a.value);
    case 'index': {
      const out: Expr[] = [];
      for (const r of [e.rows, e.cols]) {
        if (!r) continue;
        out.push(r.lower);
        if (r.upper) out.push(r.upper);
      }
      return out;
    }
    case 'ifdef':
      return [e.fallback];
    case 'exprList':
      return e.items;
    default:
      return [];
  }
}
