/**
 * The runtime program as plain data for a worker. Blocks are already plain objects (instructions,
 * operands, spans); only the HOP DAG kept on basic blocks for -explain is dropped, since it is
 * large, holds class instances and is never needed to run.
 */
import type { ProgramBlock, RuntimeFunction, RuntimeProgram } from '../../optimizer/plan.js';

export interface WireProgram {
  readonly main: readonly ProgramBlock[];
  readonly functions: readonly (readonly [string, RuntimeFunction])[];
}

export function stripBlock(b: ProgramBlock): ProgramBlock {
  switch (b.kind) {
    case 'basic':
      return { kind: 'basic', instructions: b.instructions, span: b.span };
    case 'if':
      return { ...b, then: b.then.map(stripBlock), else: b.else.map(stripBlock) };
    case 'for':
    case 'while':
      return { ...b, body: b.body.map(stripBlock) };
  }
}

/** The functions only: a worker runs one loop body, which it receives separately. */
export function toWireProgram(p: RuntimeProgram): WireProgram {
  return {
    main: [],
    functions: [...p.functions].map(([k, f]) => [k, { ...f, body: f.body.map(stripBlock) }] as const),
  };
}

export function fromWireProgram(w: WireProgram): RuntimeProgram {
  return { main: w.main, functions: new Map(w.functions) };
}
