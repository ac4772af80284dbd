/**
 * Functions reachable from the main program through fcall instructions (SystemDS's IPA drops the
 * others from the plan). A program that calls eval() or similar by-name builtins may reach any
 * function by its name at run time: then every function is kept.
 */
import type { Computation, Instruction, ProgramBlock, RuntimeFunction } from '../plan.js';

/** Builtins that call functions named by a string argument. */
const BY_NAME = new Set(['eval', 'paramserv', 'gridSearch', 'crossV']);

function instructionsOf(blocks: readonly ProgramBlock[], visit: (i: Instruction) => void): void {
  const comp = (c: Computation | undefined): void => c?.instructions.forEach(visit);
  for (const b of blocks) {
    switch (b.kind) {
      case 'basic':
        b.instructions.forEach(visit);
        break;
      case 'if':
        comp(b.predicate);
        instructionsOf(b.then, visit);
        instructionsOf(b.else, visit);
        break;
      case 'for':
        comp(b.from);
        comp(b.to);
        comp(b.by);
        instructionsOf(b.body, visit);
        break;
      case 'while':
        comp(b.predicate);
        instructionsOf(b.body, visit);
        break;
    }
  }
}

/** The functions to keep: those reachable from `main`, or all when one is called by name. */
export function reachableFunctions(
  main: readonly ProgramBlock[],
  functions: ReadonlyMap<string, RuntimeFunction>,
): Map<string, RuntimeFunction> {
  const keep = new Set<string>();
  let byName = false;
  const queue: string[] = [];
  const visit = (i: Instruction): void => {
    if (BY_NAME.has(i.opcode)) byName = true;
    if (i.opcode === 'fcall' && i.fn !== undefined && !keep.has(i.fn)) {
      keep.add(i.fn);
      queue.push(i.fn);
    }
  };
  instructionsOf(main, visit);
  while (queue.length > 0 && !byName) {
    const f = functions.get(queue.pop()!);
    if (!f) continue;
    for (const p of f.params) p.default?.instructions.forEach(visit);
    instructionsOf(f.body, visit);
  }
  if (byName) return new Map(functions);
  return new Map([...functions].filter(([k]) => keep.has(k)));
}
