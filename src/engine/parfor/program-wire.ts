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

/**
 * Basic blocks get an id (`rid`) so that a worker can name a block when it asks the main thread
 * to recompile it; `ids` maps each id back to the original block.
 */
export function stripBlock(b: ProgramBlock, ids?: BlockIds): ProgramBlock {
  switch (b.kind) {
    case 'basic': {
      const out: ProgramBlock & { rid?: number } = {
        kind: 'basic',
        instructions: b.instructions,
        span: b.span,
      };
      if (ids) {
        out.rid = ids.next++;
        ids.blocks.set(out.rid, b);
      }
      return out;
    }
    case 'if':
      return {
        ...b,
        then: b.then.map((x) => stripBlock(x, ids)),
        else: b.else.map((x) => stripBlock(x, ids)),
      };
    case 'for':
    case 'while':
      return { ...b, body: b.body.map((x) => stripBlock(x, ids)) };
  }
}

/** Block ids of one program (its functions and parfor loops share one numbering). */
export interface BlockIds {
  next: number;
  readonly blocks: Map<number, Extract<ProgramBlock, { kind: 'basic' }>>;
}

export function blockId(b: ProgramBlock): number | undefined {
  return (b as { rid?: number }).rid;
}

/** The functions only: a worker runs one loop body, which it receives separately. */
export function toWireProgram(p: RuntimeProgram, ids: BlockIds): WireProgram {
  return {
    main: [],
    functions: [...p.functions].map(
      ([k, f]) => [k, { ...f, body: f.body.map((b) => stripBlock(b, ids)) }] as const,
    ),
  };
}

export function fromWireProgram(w: WireProgram): RuntimeProgram {
  return { main: w.main, functions: new Map(w.functions) };
}
