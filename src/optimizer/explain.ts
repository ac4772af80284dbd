/**
 * `-explain hops` and `-explain runtime`: deterministic text in the spirit of SystemDS's explain,
 * indented by program structure (GENERIC, IF/ELSE, FOR/PARFOR, WHILE, FUNCTION). HOP ids are
 * renumbered in print order so that output does not depend on how many HOPs rewrites created.
 */
import { javaDoubleToString } from '../common/format-number.js';
import type { Span } from '../common/span.js';
import { formatBytes } from './cost/memory.js';
import type { ExecType, Hop } from './hop.js';
import type {
  Computation,
  Instruction,
  LiteralValue,
  Operand,
  ProgramBlock,
  RuntimeProgram,
} from './plan.js';

export interface ExplainInput {
  readonly runtime: RuntimeProgram;
  readonly computationHops: ReadonlyMap<Computation, readonly Hop[]>;
  /** Warnings about single HOPs (over budget), printed after their line. */
  readonly notes?: ReadonlyMap<Hop, string>;
}

const IND = '--';

function lines(s: Span): string {
  return `(lines ${s.line}-${s.endLine})`;
}

export function literalText(v: LiteralValue): string {
  switch (v.vt) {
    case 'int':
      return String(v.value);
    case 'double':
      return javaDoubleToString(v.value);
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'string':
      return JSON.stringify(v.value);
  }
}

// ---------------------------------------------------------------- hops

class HopPrinter {
  private readonly numbers = new Map<Hop, number>();
  private next = 1;
  readonly out: string[] = [];

  constructor(private readonly notes?: ReadonlyMap<Hop, string>) {}

  dag(roots: readonly Hop[], depth: number): void {
    const printed = new Set<Hop>();
    const visit = (h: Hop): void => {
      if (printed.has(h)) return;
      printed.add(h);
      for (const i of h.inputs) visit(i);
      this.hop(h, depth);
    };
    for (const r of roots) visit(r);
  }

  private num(h: Hop): number {
    let n = this.numbers.get(h);
    if (n === undefined) {
      n = this.next++;
      this.numbers.set(h, n);
    }
    return n;
  }

  private hop(h: Hop, depth: number): void {
    const id = this.num(h);
    const ins = h.inputs.length > 0 ? ` (${h.inputs.map((i) => this.num(i)).join(',')})` : '';
    const names = h.argNames?.some((n) => n !== undefined)
      ? ` [${h.argNames.map((n) => n ?? '_').join(',')}]`
      : '';
    const outs = h.outputs && h.outputs.length > 0 ? ` -> ${h.outputs.join(',')}` : '';
    const attrs = h.attrs
      ? ` {${Object.entries(h.attrs)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(',')}}`
      : '';
    const d = h.dims;
    const type = `${h.dataType.toUpperCase()}.${h.valueType.toUpperCase()}`;
    this.out.push(
      `${IND.repeat(depth)}(${id}) ${label(h)}${ins}${names}${attrs}${outs} [${d.rows},${d.cols},${d.nnz}] ${formatBytes(h.mem)} ${type} ${h.exec ?? 'LOCAL'}`,
    );
    const note = this.notes?.get(h);
    if (note) this.out.push(`${IND.repeat(depth)}   WARNING: ${note}`);
  }
}

function label(h: Hop): string {
  switch (h.kind) {
    case 'literal':
      return `LiteralOp ${h.value ? literalText(h.value) : '?'}`;
    case 'tread':
      return `TRead ${h.name ?? '?'}`;
    case 'twrite':
      return `TWrite ${h.name ?? '?'}`;
    case 'fcall':
      return `FCall ${h.fn ?? '?'}`;
    case 'op':
      return h.op;
    case 'rix':
      return 'rix';
    case 'lix':
      return 'lix';
    case 'none':
      return 'none';
  }
}

/** One DAG (a recompiled block), ids renumbered from 1. */
export function explainDagText(
  header: string,
  roots: readonly Hop[],
  notes?: ReadonlyMap<Hop, string>,
): string {
  const pr = new HopPrinter(notes);
  pr.out.push(header);
  pr.dag(roots, 1);
  return pr.out.join('\n') + '\n';
}

/** One recompiled block's instructions. */
export function explainInstructionsText(header: string, list: readonly Instruction[]): string {
  return [header, ...list.flatMap((i) => instructionLines(i, IND))].join('\n') + '\n';
}

export function blockHeader(kind: string, s: Span): string {
  return `${kind} ${lines(s)}`;
}

export function explainHopsText(p: ExplainInput): string {
  const pr = new HopPrinter(p.notes);
  const comp = (label: string, c: Computation, depth: number): void => {
    pr.out.push(`${IND.repeat(depth)}${label}`);
    pr.dag(p.computationHops.get(c) ?? [], depth + 1);
  };
  const blocks = (bs: readonly ProgramBlock[], depth: number): void => {
    for (const b of bs) {
      const pad = IND.repeat(depth);
      switch (b.kind) {
        case 'basic':
          pr.out.push(`${pad}GENERIC ${lines(b.span)}`);
          pr.dag(b.hops?.roots ?? [], depth + 1);
          break;
        case 'if':
          pr.out.push(`${pad}IF ${lines(b.span)}`);
          comp('PREDICATE', b.predicate, depth + 1);
          blocks(b.then, depth + 1);
          if (b.else.length > 0) {
            pr.out.push(`${pad}ELSE`);
            blocks(b.else, depth + 1);
          }
          break;
        case 'for':
          pr.out.push(`${pad}${b.parfor ? 'PARFOR' : 'FOR'} ${b.variable} ${lines(b.span)}`);
          comp('FROM', b.from, depth + 1);
          comp('TO', b.to, depth + 1);
          if (b.by) comp('BY', b.by, depth + 1);
          blocks(b.body, depth + 1);
          break;
        case 'while':
          pr.out.push(`${pad}WHILE ${lines(b.span)}`);
          comp('PREDICATE', b.predicate, depth + 1);
          blocks(b.body, depth + 1);
          break;
      }
    }
  };
  pr.out.push('PROGRAM');
  for (const f of p.runtime.functions.values()) {
    pr.out.push(`${IND}FUNCTION ${f.key} ${lines(f.span)}`);
    for (const prm of f.params) if (prm.default) comp(`DEFAULT ${prm.name}`, prm.default, 2);
    blocks(f.body, 2);
  }
  pr.out.push(`${IND}MAIN PROGRAM`);
  blocks(p.runtime.main, 2);
  return pr.out.join('\n') + '\n';
}

// ---------------------------------------------------------------- runtime

export function operandText(o: Operand): string {
  switch (o.kind) {
    case 'var':
      return o.name;
    case 'lit':
      return literalText(o.value);
    case 'none':
      return '_';
  }
}

export function instructionText(i: Instruction): string {
  const args = i.inputs.map((o, k) => {
    const n = i.argNames?.[k];
    return n === undefined ? operandText(o) : `${n}=${operandText(o)}`;
  });
  const fn = i.fn !== undefined ? ` ${i.fn}` : '';
  const attrs = i.attrs
    ? ` {${Object.entries(i.attrs)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')}}`
    : '';
  const outs = i.outputs.length > 0 ? ` -> ${i.outputs.join(' ')}` : '';
  return `${EXEC_PREFIX[i.exec ?? 'LOCAL']} ${i.opcode}${fn}${args.length > 0 ? ' ' + args.join(' ') : ''}${attrs}${outs}`;
}

/** SystemDS prints CP for local instructions (and GPU/SPARK for others); DIST stands for MPI. */
const EXEC_PREFIX: Readonly<Record<ExecType, string>> = { LOCAL: 'CP', GPU: 'GPU', DIST: 'DIST' };

/** The planned transfers before an instruction, one line each (`MOVE X LOCAL -> GPU`). */
export function moveTexts(i: Instruction): string[] {
  return (i.moves ?? []).map((m) => `MOVE ${m.name} ${m.from} -> ${m.to}`);
}

/** An instruction preceded by the transfers it implies. */
function instructionLines(i: Instruction, pad: string): string[] {
  return [...moveTexts(i), instructionText(i)].map((t) => pad + t);
}

export function explainRuntimeText(p: ExplainInput): string {
  const out: string[] = [];
  const comp = (label: string, c: Computation, depth: number): void => {
    out.push(`${IND.repeat(depth)}${label} ${operandText(c.result)}`);
    for (const i of c.instructions) out.push(...instructionLines(i, IND.repeat(depth + 1)));
  };
  const blocks = (bs: readonly ProgramBlock[], depth: number): void => {
    for (const b of bs) {
      const pad = IND.repeat(depth);
      switch (b.kind) {
        case 'basic':
          out.push(`${pad}GENERIC ${lines(b.span)}`);
          for (const i of b.instructions) out.push(...instructionLines(i, IND.repeat(depth + 1)));
          break;
        case 'if':
          out.push(`${pad}IF ${lines(b.span)}`);
          comp('PREDICATE', b.predicate, depth + 1);
          blocks(b.then, depth + 1);
          if (b.else.length > 0) {
            out.push(`${pad}ELSE`);
            blocks(b.else, depth + 1);
          }
          break;
        case 'for': {
          const extra = b.parfor
            ? ` ${Object.entries(b.parfor.raw)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(' ')}`
            : '';
          const res = b.resultVars && b.resultVars.length > 0 ? ` results=${b.resultVars.join(',')}` : '';
          out.push(
            `${pad}${b.parfor ? 'PARFOR' : 'FOR'} ${b.variable}${b.isSeq ? ' seq' : ''}${extra}${res} ${lines(b.span)}`,
          );
          comp('FROM', b.from, depth + 1);
          comp('TO', b.to, depth + 1);
          if (b.by) comp('BY', b.by, depth + 1);
          blocks(b.body, depth + 1);
          break;
        }
        case 'while':
          out.push(`${pad}WHILE ${lines(b.span)}`);
          comp('PREDICATE', b.predicate, depth + 1);
          blocks(b.body, depth + 1);
          break;
      }
    }
  };
  out.push('PROGRAM');
  for (const f of p.runtime.functions.values()) {
    const params = f.params.map((x) => x.name).join(', ');
    const outs = f.outputs.map((x) => x.name).join(', ');
    out.push(`${IND}FUNCTION ${f.key} (${params}) -> (${outs}) ${lines(f.span)}`);
    for (const prm of f.params) if (prm.default) comp(`DEFAULT ${prm.name}`, prm.default, 2);
    blocks(f.body, 2);
  }
  out.push(`${IND}MAIN PROGRAM`);
  blocks(p.runtime.main, 2);
  return out.join('\n') + '\n';
}
