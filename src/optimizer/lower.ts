/**
 * Lowering of one HOP DAG to a linear instruction list (plan.ts). Roots run in statement order,
 * each after its inputs; values go to temporaries `_t<N>`; transient writes become `cpvar`s at
 * the end of the block, so no variable is overwritten while a later instruction still needs its
 * block-entry value (`t = a; a = b; b = t` swaps). A `cpvar` of a temporary made by the
 * instruction right before is folded into that instruction's output when that is safe.
 */
import { outputBytes } from './cost/memory.js';
import type { ExecType, Hop } from './hop.js';
import type { Instruction, Operand, PlannedMove } from './plan.js';
import { COMPILER_PRODUCTS } from '../common/op-names.js';
import { bindArguments, type Binding } from '../common/builtins/bind.js';
import { builtinSpec } from '../common/builtins/catalogue.js';

/** Numbering of temporaries, unique per program. */
export class TempNames {
  private next = 1;
  fresh(): string {
    return `_t${this.next++}`;
  }
}

export interface Lowered {
  readonly instructions: Instruction[];
  readonly result?: Operand;
}

type Draft = { -readonly [K in keyof Instruction]: Instruction[K] };

export function lowerDag(roots: readonly Hop[], temps: TempNames, result?: Hop): Lowered {
  const out: Draft[] = [];
  const operands = new Map<Hop, Operand>();
  const tempSet = new Set<string>();
  // Where each variable's value has a copy within this block (block inputs start on the host).
  const places = new Map<string, Set<ExecType>>();
  const placesOf = (name: string): Set<ExecType> => {
    let s = places.get(name);
    if (!s) places.set(name, (s = new Set<ExecType>(['LOCAL'])));
    return s;
  };

  const operandOf = (h: Hop): Operand => {
    switch (h.kind) {
      case 'literal':
        return { kind: 'lit', value: h.value! };
      case 'tread':
        return { kind: 'var', name: h.name! };
      case 'none':
        return { kind: 'none' };
      default: {
        const o = operands.get(h);
        if (!o) throw new Error(`internal: hop ${h.id} (${h.op}) used before it was computed`);
        return o;
      }
    }
  };

  const emit = (h: Hop): void => {
    if (h.kind === 'literal' || h.kind === 'tread' || h.kind === 'none' || operands.has(h)) return;
    if (h.kind === 'twrite') throw new Error('internal: twrite inside a DAG');
    for (const i of h.inputs) emit(i);
    let outputs: string[];
    if (h.outputs !== undefined) outputs = [...h.outputs];
    else {
      const t = temps.fresh();
      tempSet.add(t);
      outputs = [t];
    }
    const ins: Draft = {
      opcode: h.kind === 'fcall' ? 'fcall' : h.kind === 'op' ? h.op : h.kind,
      inputs: h.inputs.map(operandOf),
      outputs,
      span: h.span,
      hopId: h.id,
    };
    if (h.argNames && h.argNames.some((n) => n !== undefined)) ins.argNames = h.argNames;
    if (h.fn !== undefined) ins.fn = h.fn;
    if (h.attrs !== undefined) ins.attrs = h.attrs;
    const bound = h.kind === 'op' ? bindOnce(ins.opcode, h.inputs.length, h.argNames) : undefined;
    if (bound !== undefined) ins.bound = bound;
    const bytes = certainBytes(h);
    if (bytes !== undefined) ins.result = { rows: h.dims.rows, cols: h.dims.cols, bytes };
    const exec = h.exec ?? 'LOCAL';
    if (exec !== 'LOCAL') ins.exec = exec;
    if (exec !== 'LOCAL' && h.seconds !== undefined) ins.estimatedMs = h.seconds * 1000;
    const moves = plannedMoves(h, ins.inputs, exec, placesOf);
    if (moves.length > 0) ins.moves = moves;
    for (const o of outputs) places.set(o, new Set([exec]));
    out.push(ins);
    operands.set(
      h,
      outputs.length === 1 && h.outputs === undefined ? { kind: 'var', name: outputs[0]! } : { kind: 'none' },
    );
  };

  const writes: Hop[] = [];
  for (const r of roots) {
    if (r.kind === 'twrite') {
      emit(r.inputs[0]!);
      writes.push(r);
    } else emit(r);
  }
  if (result) emit(result);
  const resultOperand = result ? operandOf(result) : undefined;

  // Transient writes, last. A write reading another written variable reads a saved copy.
  const targets = new Set(writes.map((w) => w.name!));
  const saved = new Map<string, string>();
  const copies: Draft[] = [];
  for (const w of writes) {
    const v = operandOf(w.inputs[0]!);
    if (v.kind === 'var' && targets.has(v.name) && v.name !== w.name! && !saved.has(v.name)) {
      const t = temps.fresh();
      tempSet.add(t);
      saved.set(v.name, t);
      out.push({ opcode: 'cpvar', inputs: [v], outputs: [t], span: w.span, hopId: w.id });
    }
  }
  for (const w of writes) {
    let v = operandOf(w.inputs[0]!);
    if (v.kind === 'var' && v.name === w.name) continue; // x = x
    if (v.kind === 'var' && saved.has(v.name)) v = { kind: 'var', name: saved.get(v.name)! };
    copies.push({ opcode: 'cpvar', inputs: [v], outputs: [w.name!], span: w.span, hopId: w.id });
  }
  out.push(...copies);

  const final = forwardOutputs(out, tempSet, resultOperand);
  return { instructions: withRmvars(final, tempSet, resultOperand), result: resultOperand };
}

const PRODUCTS = new Set<string>(['%*%', ...COMPILER_PRODUCTS]);

/**
 * The bytes of `h`'s matrix result when they are certain enough to refuse the op over: dims and
 * nnz known, or a product of dense inputs (its result is dense). With nnz unknown otherwise the
 * result may well be sparse and small, and nothing is enforced.
 */
function certainBytes(h: Hop): number | undefined {
  if (h.dataType !== 'matrix' || h.dims.rows < 0 || h.dims.cols < 0) return undefined;
  if (h.dims.nnz >= 0) {
    const b = outputBytes(h);
    return Number.isFinite(b) ? b : undefined;
  }
  const denseInputs = h.inputs
    .filter((i) => i.dataType === 'matrix')
    .every((i) => i.dims.rows > 0 && i.dims.cols > 0 && i.dims.nnz >= 0.4 * i.dims.rows * i.dims.cols);
  if (h.kind === 'op' && PRODUCTS.has(h.op) && denseInputs) return 8 * h.dims.rows * h.dims.cols;
  // rand() is generated dense unless a literal sparsity below the turn point says otherwise.
  if (h.kind === 'op' && h.op === 'rand') {
    const k = h.argNames?.indexOf('sparsity') ?? -1;
    const sp = k >= 0 ? h.inputs[k] : undefined;
    const sparsity = sp === undefined ? 1 : sp.kind === 'literal' ? Number(sp.value?.value) : NaN;
    if (sparsity >= 0.4) return 8 * h.dims.rows * h.dims.cols;
  }
  return undefined;
}

/** Matrix inputs of `h` not yet at `exec`: each moves once, then has a copy there too. */
function plannedMoves(
  h: Hop,
  inputs: readonly Operand[],
  exec: ExecType,
  placesOf: (name: string) => Set<ExecType>,
): PlannedMove[] {
  const moves: PlannedMove[] = [];
  h.inputs.forEach((input, k) => {
    const o = inputs[k];
    if (input.dataType !== 'matrix' || o?.kind !== 'var') return;
    const at = placesOf(o.name);
    if (at.has(exec)) return;
    const from = at.has('LOCAL') ? 'LOCAL' : [...at][0]!;
    moves.push({ name: o.name, from, to: exec });
    at.add(exec);
  });
  return moves;
}

function reads(ins: Draft, name: string): boolean {
  return ins.inputs.some((o) => o.kind === 'var' && o.name === name);
}

/**
 * `I: ... -> _t; ...; cpvar _t -> x` becomes `I: ... -> x` (later reads of _t read x) when
 * nothing after I reads the old x or writes x, so x's block-entry value is no longer needed.
 */
function forwardOutputs(list: Draft[], temps: ReadonlySet<string>, result: Operand | undefined): Draft[] {
  const drop = new Set<Draft>();
  for (let c = 0; c < list.length; c++) {
    const cp = list[c]!;
    if (cp.opcode !== 'cpvar') continue;
    const src = cp.inputs[0];
    if (src?.kind !== 'var' || !temps.has(src.name) || (result?.kind === 'var' && result.name === src.name))
      continue;
    const x = cp.outputs[0]!;
    const p = list.findIndex((i) => !drop.has(i) && i.outputs.length === 1 && i.outputs[0] === src.name);
    if (p < 0 || p > c) continue;
    let safe = true;
    for (let k = p + 1; k < list.length && safe; k++) {
      const ins = list[k]!;
      if (ins === cp || drop.has(ins)) continue;
      if (reads(ins, x) || ins.outputs.includes(x)) safe = false;
    }
    if (!safe) continue;
    list[p]!.outputs = [x];
    for (let k = p + 1; k < list.length; k++) {
      const ins = list[k]!;
      if (reads(ins, src.name)) {
        ins.inputs = ins.inputs.map((o) =>
          o.kind === 'var' && o.name === src.name ? { kind: 'var', name: x } : o,
        );
        if (ins.moves) ins.moves = ins.moves.map((m) => (m.name === src.name ? { ...m, name: x } : m));
      }
    }
    drop.add(cp);
  }
  return list.filter((i) => !drop.has(i));
}

/** Drops each temporary right after its last use (never the computation's result). */
function withRmvars(list: Draft[], temps: ReadonlySet<string>, result: Operand | undefined): Instruction[] {
  const last = new Map<string, number>();
  list.forEach((ins, idx) => {
    for (const o of ins.inputs) if (o.kind === 'var' && temps.has(o.name)) last.set(o.name, idx);
    for (const name of ins.outputs) if (temps.has(name) && !last.has(name)) last.set(name, idx);
  });
  if (result?.kind === 'var') last.delete(result.name);
  const byIndex = new Map<number, string[]>();
  for (const [name, idx] of last) {
    if (!list.some((i) => i.outputs.includes(name))) continue;
    byIndex.set(idx, [...(byIndex.get(idx) ?? []), name]);
  }
  const out: Instruction[] = [];
  list.forEach((ins, idx) => {
    out.push(ins);
    const dead = byIndex.get(idx);
    if (dead)
      out.push({
        opcode: 'rmvar',
        inputs: dead.sort().map((name) => ({ kind: 'var', name })),
        outputs: [],
        span: ins.span,
      });
  });
  return out;
}

/**
 * The call bound to the builtin's catalogue parameters, or undefined when the opcode has no
 * catalogue entry or the call does not bind (analysis reported that already; the engine then
 * binds at run time and raises the same error with its span).
 */
function bindOnce(
  opcode: string,
  arity: number,
  argNames: readonly (string | undefined)[] | undefined,
): Binding | undefined {
  const spec = builtinSpec(opcode);
  if (spec === undefined) return undefined;
  const r = bindArguments(spec, argNames ?? new Array<undefined>(arity).fill(undefined));
  return r.ok ? r.binding : undefined;
}
