/**
 * parfor dependency analysis (check=1): rejects bodies whose iterations are not independent, in
 * the spirit of SystemDS's ParForStatementBlock.validate, on the runtime plan of the body:
 *
 * - a variable read before the iteration assigns it, and assigned in the loop: each iteration
 *   would read the previous one's value (`s = s + x`; only `s += x` makes an accumulator);
 * - a left-indexed result variable (`R[.., ..] = ..`, R defined before the loop) written at an
 *   index that does not depend on the loop variable (`R[1, 1] = i` in every iteration), assigned
 *   whole as well, or read other than at an index that depends on the loop variable.
 *
 * "Depends on the loop variable" follows data flow (and control flow: a variable assigned under
 * an if whose condition depends on it). Function calls need no deeper look: DML functions see only
 * their arguments and return values, so a call reads its arguments and assigns its outputs.
 * A variable assigned whole in every iteration is private to the iteration; SystemDS also rejects
 * it when it is used after the loop (output dependency), but the plan's result variables over-
 * approximate "used after", so it is accepted here and takes the last iteration's value, exactly
 * as after the sequential loop (workers hold contiguous ranges; the last one wins the merge).
 * Like SystemDS's analysis this is conservative in places (a read of a result variable at an
 * index that depends on i, but is a different cell, is accepted); check=0 turns it off.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { Computation, Instruction, Operand, ProgramBlock } from '../plan.js';

type ForBlock = Extract<ProgramBlock, { kind: 'for' }>;

interface Facts {
  readonly loopVar: string;
  readonly tainted: Set<string>;
  /** Variables assigned whole (not by left indexing): first assignment. */
  readonly assigned: Map<string, Span>;
  /** Reads before the iteration assigned the variable: first such read. */
  readonly readFirst: Map<string, Span>;
  /** Left-indexing writes into a variable not assigned in the iteration before. */
  readonly indexedWrites: Map<string, { span: Span; dependent: boolean }[]>;
  /** Reads (other than as left-indexing target) of variables not yet assigned in the iteration. */
  readonly outerReads: Map<string, { span: Span; dependentIndex: boolean }[]>;
  /** Temporaries holding a result variable part-way through a chain of left-indexing writes. */
  readonly chains: Map<string, string>;
}

const varName = (o: Operand | undefined): string | undefined => (o?.kind === 'var' ? o.name : undefined);

function* instructionsOf(
  blocks: readonly ProgramBlock[],
): Generator<{ ins: Instruction; ctrl: Computation[] }> {
  for (const b of blocks) yield* instructionsOfBlock(b, []);
}

function* instructionsOfBlock(
  b: ProgramBlock,
  ctrl: Computation[],
): Generator<{ ins: Instruction; ctrl: Computation[] }> {
  switch (b.kind) {
    case 'basic':
      for (const ins of b.instructions) yield { ins, ctrl };
      return;
    case 'if':
      for (const ins of b.predicate.instructions) yield { ins, ctrl };
      for (const x of [...b.then, ...b.else]) yield* instructionsOfBlock(x, [...ctrl, b.predicate]);
      return;
    case 'while':
      for (const ins of b.predicate.instructions) yield { ins, ctrl };
      for (const x of b.body) yield* instructionsOfBlock(x, [...ctrl, b.predicate]);
      return;
    case 'for':
      for (const c of [b.from, b.to, ...(b.by ? [b.by] : [])])
        for (const ins of c.instructions) yield { ins, ctrl };
      for (const x of b.body) yield* instructionsOfBlock(x, ctrl);
      return;
  }
}

/** Variables whose values depend on the loop variable (data and control dependence), to fixpoint. */
function taintedVars(loop: ForBlock): Set<string> {
  const t = new Set([loop.variable]);
  const dep = (o: Operand | undefined): boolean => o?.kind === 'var' && t.has(o.name);
  const ctrlDep = (cs: Computation[]): boolean => cs.some((c) => dep(c.result));
  for (let changed = true; changed;) {
    changed = false;
    const mark = (n: string): void => {
      if (!t.has(n)) {
        t.add(n);
        changed = true;
      }
    };
    for (const { ins, ctrl } of instructionsOf(loop.body)) {
      if (ins.opcode === 'rmvar') continue;
      if (ins.inputs.some(dep) || ctrlDep(ctrl)) ins.outputs.forEach(mark);
    }
    const nested = (bs: readonly ProgramBlock[]): void => {
      for (const b of bs) {
        if (b.kind === 'for') {
          if ([b.from, b.to, b.by].some((c) => c && dep(c.result))) mark(b.variable);
          nested(b.body);
        } else if (b.kind === 'if') {
          nested(b.then);
          nested(b.else);
        } else if (b.kind === 'while') nested(b.body);
      }
    };
    nested(loop.body);
  }
  return t;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function instruction(f: Facts, ins: Instruction, defined: Set<string>): void {
  if (ins.opcode === 'rmvar') return;
  const dep = (o: Operand | undefined): boolean => o?.kind === 'var' && f.tainted.has(o.name);
  const read = (name: string, dependentIndex: boolean): void => {
    if (defined.has(name) || name === f.loopVar) return;
    if (!f.readFirst.has(name)) f.readFirst.set(name, ins.span);
    push(f.outerReads, name, { span: ins.span, dependentIndex });
  };
  if (ins.opcode === 'lix') {
    const target = varName(ins.inputs[0]);
    const out = ins.outputs[0];
    ins.inputs.slice(1).forEach((o) => {
      const n = varName(o);
      if (n !== undefined) read(n, false);
    });
    // A result variable: defined before the loop and not assigned in this iteration. Several
    // left-indexing writes in one block chain through temporaries (R -> _t5 -> R).
    const result =
      target === undefined ? undefined : (f.chains.get(target) ?? (defined.has(target) ? undefined : target));
    if (result !== undefined && out !== undefined) {
      push(f.indexedWrites, result, { span: ins.span, dependent: ins.inputs.slice(2).some(dep) });
      if (out !== result) f.chains.set(out, result);
      return; // still a result variable: not assigned in this iteration
    }
    if (target !== undefined) read(target, false);
  } else if (ins.opcode === 'rix') {
    const target = varName(ins.inputs[0]);
    const dependentIndex = ins.inputs.slice(1).some(dep);
    if (target !== undefined) read(target, dependentIndex);
    ins.inputs.slice(1).forEach((o) => {
      const n = varName(o);
      if (n !== undefined) read(n, false);
    });
  } else {
    for (const o of ins.inputs) {
      const n = varName(o);
      if (n !== undefined) read(n, false);
    }
  }
  for (const o of ins.outputs) {
    if (!f.assigned.has(o)) f.assigned.set(o, ins.span);
    defined.add(o);
  }
}

function computation(f: Facts, c: Computation, defined: Set<string>): void {
  for (const ins of c.instructions) instruction(f, ins, defined);
  const n = varName(c.result);
  if (n !== undefined && !defined.has(n) && n !== f.loopVar) {
    if (!f.readFirst.has(n)) f.readFirst.set(n, c.span);
    push(f.outerReads, n, { span: c.span, dependentIndex: false });
  }
}

/** Walks blocks in order; `defined` grows with the variables the iteration has assigned so far. */
function walk(f: Facts, blocks: readonly ProgramBlock[], defined: Set<string>): void {
  for (const b of blocks) {
    switch (b.kind) {
      case 'basic':
        for (const ins of b.instructions) instruction(f, ins, defined);
        break;
      case 'if': {
        computation(f, b.predicate, defined);
        const t = new Set(defined);
        const e = new Set(defined);
        walk(f, b.then, t);
        walk(f, b.else, e);
        for (const n of t) if (e.has(n)) defined.add(n);
        break;
      }
      case 'while':
        computation(f, b.predicate, defined);
        // Optimistic after the loop (it usually runs): its assignments count as made.
        walk(f, b.body, defined);
        break;
      case 'for':
        for (const c of [b.from, b.to, ...(b.by ? [b.by] : [])]) computation(f, c, defined);
        defined.add(b.variable);
        walk(f, b.body, defined);
        break;
    }
  }
}

const line = (s: Span): string => `line ${s.line}`;

/**
 * Throws DML3010 naming the variable and line of the first loop-carried dependency found.
 * `accumulators` are the variables the body updates with `+=` (merged by adding the deltas).
 */
export function checkParforDependencies(loop: ForBlock, accumulators: ReadonlySet<string> = new Set()): void {
  const f: Facts = {
    loopVar: loop.variable,
    tainted: taintedVars(loop),
    assigned: new Map(),
    readFirst: new Map(),
    indexedWrites: new Map(),
    outerReads: new Map(),
    chains: new Map(),
  };
  walk(f, loop.body, new Set([loop.variable]));
  const hint = `make each iteration write its own part of a result (R[${loop.variable}, ] = ...), accumulate with '+=', or use check=0 if the iterations are independent`;
  const bad = (name: string, span: Span, why: string): never =>
    fail('DML3010', `parfor loop-carried dependency on variable '${name}': ${why}`, span, hint);

  for (const [name, writes] of f.indexedWrites) {
    if (accumulators.has(name)) continue;
    const whole = f.assigned.get(name);
    if (whole)
      bad(
        name,
        whole,
        `it is written by left indexing (${line(writes[0]!.span)}) and assigned whole (${line(whole)}) in the loop`,
      );
    const fixed = writes.find((w) => !w.dependent);
    if (fixed)
      bad(
        name,
        fixed.span,
        `every iteration writes ${name}[...] at an index that does not depend on '${loop.variable}' (${line(fixed.span)})`,
      );
    const read = (f.outerReads.get(name) ?? []).find((r) => !r.dependentIndex);
    if (read)
      bad(
        name,
        read.span,
        `result variable '${name}' is read (${line(read.span)}) while other iterations write it (${line(writes[0]!.span)})`,
      );
  }
  for (const [name, at] of f.assigned) {
    if (name === loop.variable || accumulators.has(name) || f.indexedWrites.has(name)) continue;
    const first = f.readFirst.get(name);
    if (first)
      bad(
        name,
        first,
        `it is read (${line(first)}) before this iteration assigns it (${line(at)}), so it would see another iteration's value`,
      );
  }
}

/** Every variable the loop's body (and bounds of nested loops, predicates) reads by name. */
export function variablesRead(loop: ForBlock): Set<string> {
  const out = new Set<string>();
  const add = (o: Operand | undefined): void => {
    if (o?.kind === 'var') out.add(o.name);
  };
  const visit = (bs: readonly ProgramBlock[]): void => {
    for (const b of bs) {
      switch (b.kind) {
        case 'basic':
          for (const ins of b.instructions) if (ins.opcode !== 'rmvar') ins.inputs.forEach(add);
          break;
        case 'if':
          b.predicate.instructions.forEach((i) => i.inputs.forEach(add));
          add(b.predicate.result);
          visit(b.then);
          visit(b.else);
          break;
        case 'while':
          b.predicate.instructions.forEach((i) => i.inputs.forEach(add));
          add(b.predicate.result);
          visit(b.body);
          break;
        case 'for':
          for (const c of [b.from, b.to, ...(b.by ? [b.by] : [])]) {
            c.instructions.forEach((i) => i.inputs.forEach(add));
            add(c.result);
          }
          visit(b.body);
          break;
      }
    }
  };
  visit(loop.body);
  return out;
}
