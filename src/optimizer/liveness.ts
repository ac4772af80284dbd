/**
 * Live-variable analysis over statement blocks (gen / kill / liveIn / liveOut, loops to a
 * fixpoint), as SystemDS's LiveVariableAnalysis. The optimizer uses liveOut of every basic block
 * to drop transient writes of variables nobody reads afterwards.
 */
import type { Expr, Statement } from '../language/ast.js';
import { assertNever } from '../common/types.js';
import type { StatementBlock } from './blocks.js';

export type LiveSets = Map<StatementBlock, ReadonlySet<string>>;

export function exprReads(e: Expr, into: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'int':
    case 'double':
    case 'string':
    case 'boolean':
    case 'arg':
      break;
    case 'id':
      into.add(e.name);
      break;
    case 'unary':
      exprReads(e.operand, into);
      break;
    case 'binary':
      exprReads(e.left, into);
      exprReads(e.right, into);
      break;
    case 'call':
      for (const a of e.args) exprReads(a.value, into);
      break;
    case 'index':
      into.add(e.target.name);
      for (const r of [e.rows, e.cols]) {
        if (r) {
          exprReads(r.lower, into);
          if (r.upper) exprReads(r.upper, into);
        }
      }
      break;
    case 'ifdef':
      exprReads(e.fallback, into);
      break;
    case 'exprList':
      for (const i of e.items) exprReads(i, into);
      break;
    default:
      assertNever(e, 'expression');
  }
  return into;
}

/** Variables a straight-line statement reads and writes. */
export function stmtEffects(s: Statement): { reads: Set<string>; writes: Set<string> } {
  const reads = new Set<string>();
  const writes = new Set<string>();
  switch (s.kind) {
    case 'assign':
      exprReads(s.value, reads);
      if (s.target.kind === 'id') {
        if (s.op === '+=') reads.add(s.target.name);
        writes.add(s.target.name);
      } else {
        exprReads(s.target, reads);
        writes.add(s.target.target.name);
      }
      break;
    case 'multiAssign':
      exprReads(s.call, reads);
      for (const t of s.targets) writes.add(t.name);
      break;
    case 'callStmt':
      exprReads(s.call, reads);
      break;
    default:
      break;
  }
  return { reads, writes };
}

/** Every variable assigned anywhere inside the blocks (loop variables included). */
export function writtenIn(blocks: readonly StatementBlock[], into: Set<string> = new Set()): Set<string> {
  for (const b of blocks) {
    switch (b.kind) {
      case 'basic':
        for (const s of b.stmts) for (const w of stmtEffects(s).writes) into.add(w);
        break;
      case 'if':
        writtenIn(b.then, into);
        writtenIn(b.else, into);
        break;
      case 'for':
        into.add(b.stmt.variable.name);
        writtenIn(b.body, into);
        break;
      case 'while':
        writtenIn(b.body, into);
        break;
    }
  }
  return into;
}

/** Computes liveOut of every basic block; returns liveIn of the sequence. */
export function analyzeLiveness(
  blocks: readonly StatementBlock[],
  liveAtEnd: ReadonlySet<string>,
  sets: LiveSets = new Map(),
): ReadonlySet<string> {
  let live = new Set(liveAtEnd);
  for (let i = blocks.length - 1; i >= 0; i--) live = new Set(blockLiveIn(blocks[i]!, live, sets));
  return live;
}

/** Records liveOut of every block (basic blocks and control structures alike). */
function blockLiveIn(b: StatementBlock, out: ReadonlySet<string>, sets: LiveSets): ReadonlySet<string> {
  sets.set(b, out);
  switch (b.kind) {
    case 'basic': {
      const live = new Set(out);
      for (let i = b.stmts.length - 1; i >= 0; i--) {
        const { reads, writes } = stmtEffects(b.stmts[i]!);
        for (const w of writes) live.delete(w);
        for (const r of reads) live.add(r);
      }
      return live;
    }
    case 'if': {
      const live = new Set([...analyzeLiveness(b.then, out, sets), ...analyzeLiveness(b.else, out, sets)]);
      exprReads(b.condition, live);
      return live;
    }
    case 'for': {
      const it = b.stmt.iterable;
      const v = b.stmt.variable.name;
      // The body's end flows to the next iteration's start and to the loop's exit.
      let bodyOut = new Set(out);
      for (;;) {
        const bodyIn = new Set(analyzeLiveness(b.body, bodyOut, sets));
        bodyIn.delete(v);
        const next = new Set([...out, ...bodyIn]);
        if (next.size === bodyOut.size) break;
        bodyOut = next;
      }
      const live = new Set(bodyOut);
      live.delete(v);
      exprReads(it.from, live);
      exprReads(it.to, live);
      if (it.kind === 'seq' && it.by) exprReads(it.by, live);
      return live;
    }
    case 'while': {
      let head = new Set(out);
      exprReads(b.condition, head);
      for (;;) {
        const bodyIn = analyzeLiveness(b.body, head, sets);
        const next = new Set([...head, ...bodyIn]);
        if (next.size === head.size) break;
        head = next;
      }
      return head;
    }
  }
}
