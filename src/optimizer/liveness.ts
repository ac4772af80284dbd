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

/**
 * A block's liveness transfer function, liveIn = gen ∪ (liveOut \ kill): `gen` are the variables
 * it may read before writing them, `kill` those it writes on every path before any read.
 * Memoized per block so that nested loops are summarized once each (linear in the program size).
 */
interface Summary {
  readonly gen: ReadonlySet<string>;
  readonly kill: ReadonlySet<string>;
}

const summaries = new WeakMap<StatementBlock, Summary>();

function applySummary(s: Summary, out: ReadonlySet<string>): Set<string> {
  const live = new Set(s.gen);
  for (const v of out) if (!s.kill.has(v)) live.add(v);
  return live;
}

/** The summary of a sequence: composed backwards from its blocks' summaries. */
function sequenceSummary(blocks: readonly StatementBlock[]): Summary {
  const gen = new Set<string>();
  const kill = new Set<string>();
  for (let i = blocks.length - 1; i >= 0; i--) {
    const s = blockSummary(blocks[i]!);
    // in = s.gen ∪ ((gen ∪ (out \ kill)) \ s.kill)
    for (const v of [...gen]) if (s.kill.has(v)) gen.delete(v);
    for (const v of s.gen) gen.add(v);
    for (const v of s.kill) kill.add(v);
  }
  // a variable both killed and generated is read first: it stays live, gen wins in applySummary
  return { gen, kill };
}

function blockSummary(b: StatementBlock): Summary {
  const known = summaries.get(b);
  if (known) return known;
  let s: Summary;
  switch (b.kind) {
    case 'basic': {
      const gen = new Set<string>();
      const kill = new Set<string>();
      for (let i = b.stmts.length - 1; i >= 0; i--) {
        const { reads, writes } = stmtEffects(b.stmts[i]!);
        for (const w of writes) {
          gen.delete(w);
          kill.add(w);
        }
        for (const r of reads) gen.add(r);
      }
      s = { gen, kill };
      break;
    }
    case 'if': {
      const t = sequenceSummary(b.then);
      const e = sequenceSummary(b.else);
      const gen = new Set([...t.gen, ...e.gen]);
      exprReads(b.condition, gen);
      s = { gen, kill: new Set([...t.kill].filter((v) => e.kill.has(v))) };
      break;
    }
    case 'for': {
      // zero or more iterations; the loop variable is assigned by the loop itself
      const body = sequenceSummary(b.body);
      const v = b.stmt.variable.name;
      const gen = new Set([...body.gen].filter((x) => x !== v));
      const it = b.stmt.iterable;
      exprReads(it.from, gen);
      exprReads(it.to, gen);
      if (it.kind === 'seq' && it.by) exprReads(it.by, gen);
      s = { gen, kill: new Set([v]) };
      break;
    }
    case 'while': {
      const gen = new Set(sequenceSummary(b.body).gen);
      exprReads(b.condition, gen);
      s = { gen, kill: new Set() };
      break;
    }
  }
  summaries.set(b, s);
  return s;
}

/** Computes liveOut of every basic block; returns liveIn of the sequence. */
export function analyzeLiveness(
  blocks: readonly StatementBlock[],
  liveAtEnd: ReadonlySet<string>,
  sets: LiveSets = new Map(),
): ReadonlySet<string> {
  let live: ReadonlySet<string> = new Set(liveAtEnd);
  for (let i = blocks.length - 1; i >= 0; i--) live = blockLiveIn(blocks[i]!, live, sets);
  return live;
}

/**
 * Records liveOut of every block (basic blocks and control structures alike). A loop's body is
 * walked once, with the fixpoint of its back edge computed from the body's summary: the body's
 * end is live for what follows the loop and for what the body reads first (summary gen), which is
 * the least fixpoint of iterating `bodyOut = out ∪ liveIn(body, bodyOut)`. Iterating instead
 * walks each loop body twice per nesting level: 2^depth walks for nested loops.
 */
function blockLiveIn(b: StatementBlock, out: ReadonlySet<string>, sets: LiveSets): ReadonlySet<string> {
  sets.set(b, out);
  switch (b.kind) {
    case 'basic':
      return applySummary(blockSummary(b), out);
    case 'if': {
      const live = new Set([...analyzeLiveness(b.then, out, sets), ...analyzeLiveness(b.else, out, sets)]);
      exprReads(b.condition, live);
      return live;
    }
    case 'for': {
      const v = b.stmt.variable.name;
      const bodyOut = new Set(out);
      for (const x of sequenceSummary(b.body).gen) if (x !== v) bodyOut.add(x);
      analyzeLiveness(b.body, bodyOut, sets);
      return applySummary(blockSummary(b), out);
    }
    case 'while': {
      const head = new Set(out);
      exprReads(b.condition, head);
      for (const x of sequenceSummary(b.body).gen) head.add(x);
      analyzeLiveness(b.body, head, sets);
      return head;
    }
  }
}
