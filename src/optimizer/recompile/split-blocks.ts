/**
 * Splits a basic block right after a statement whose result size depends on the data (table,
 * removeEmpty, read, grouped aggregates, unique) when a later statement of the same block reads
 * that result: the rest of the block then becomes its own block, recompiled at run time with the
 * real size (SystemDS's "split DAGs after data-dependent operators"). Semantics are unchanged:
 * liveness adds the transient writes and reads between the parts.
 */
import type { CallExpr, Expr, Statement } from '../../language/ast.js';
import { basic, type StatementBlock } from '../blocks.js';

/** Builtins whose output size is only known once they ran. */
export const DATA_DEPENDENT_OPS: ReadonlySet<string> = new Set([
  'table',
  'ctable',
  'removeEmpty',
  'read',
  'aggregate',
  'groupedAggregate',
  'unique',
  'transformencode',
  'transformapply',
]);

export function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'unary':
      walk(e.operand, visit);
      break;
    case 'binary':
      walk(e.left, visit);
      walk(e.right, visit);
      break;
    case 'call':
      for (const a of e.args) walk(a.value, visit);
      break;
    case 'index':
      walk(e.target, visit);
      for (const r of [e.rows, e.cols]) {
        if (!r) continue;
        walk(r.lower, visit);
        if (r.upper) walk(r.upper, visit);
      }
      break;
    case 'ifdef':
      walk(e.fallback, visit);
      break;
    case 'exprList':
      for (const i of e.items) walk(i, visit);
      break;
    default:
      break;
  }
}

function exprsOf(s: Statement): Expr[] {
  switch (s.kind) {
    case 'assign':
      return s.target.kind === 'index' ? [s.value, s.target] : [s.value];
    case 'callStmt':
    case 'multiAssign':
      return [s.call];
    default:
      return [];
  }
}

/** Tells user-function calls (whose output sizes are unknown to the caller) from builtins. */
export type IsFunctionCall = (call: CallExpr) => boolean;

/** The variable a statement assigns from a data-dependent op or a user function, if any. */
function dataDependentTarget(s: Statement, isFunction: IsFunctionCall): string | undefined {
  if (s.kind !== 'assign' || s.target.kind !== 'id') return undefined;
  let found = false;
  walk(s.value, (e) => {
    if (e.kind !== 'call') return;
    if ((e.namespace === undefined && DATA_DEPENDENT_OPS.has(e.name)) || isFunction(e)) found = true;
  });
  return found ? s.target.name : undefined;
}

function reads(s: Statement, name: string): boolean {
  let hit = false;
  for (const e of exprsOf(s)) walk(e, (x) => (hit ||= x.kind === 'id' && x.name === name));
  return hit;
}

function splitStatements(stmts: readonly Statement[], isFunction: IsFunctionCall): Statement[][] {
  const parts: Statement[][] = [];
  let cur: Statement[] = [];
  let pending: string[] = [];
  for (const s of stmts) {
    if (pending.some((n) => reads(s, n))) {
      parts.push(cur);
      cur = [];
      pending = [];
    }
    cur.push(s);
    const t = dataDependentTarget(s, isFunction);
    if (t !== undefined) pending.push(t);
  }
  if (cur.length > 0) parts.push(cur);
  return parts;
}

/** Splits basic blocks (recursively into loop and branch bodies) after data-dependent ops. */
export function splitAfterDataDependentOps(
  blocks: readonly StatementBlock[],
  isFunction: IsFunctionCall = () => false,
): StatementBlock[] {
  const out: StatementBlock[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'basic': {
        const parts = splitStatements(b.stmts, isFunction);
        if (parts.length <= 1) out.push(b);
        else for (const p of parts) out.push(basic(p, b.isolated));
        break;
      }
      case 'if':
        out.push({
          ...b,
          then: splitAfterDataDependentOps(b.then, isFunction),
          else: splitAfterDataDependentOps(b.else, isFunction),
        });
        break;
      case 'for':
      case 'while':
        out.push({ ...b, body: splitAfterDataDependentOps(b.body, isFunction) });
        break;
    }
  }
  return out;
}
