/**
 * Bodies that must stay on the main thread: file I/O (read/write resolve paths through the
 * session's path confinement and answer reads of bound in-memory inputs, both of which live in
 * the main thread's interpreter) and eval (which may call anything by name). Such loops run
 * sequentially, with the same results.
 */
import type { ProgramBlock, RuntimeProgram } from '../../optimizer/plan.js';

const MAIN_ONLY: ReadonlySet<string> = new Set(['read', 'readMM', 'read.csv', 'write', 'eval']);

const cache = new WeakMap<ProgramBlock, boolean>();

export function needsMainThread(loop: ProgramBlock, program: RuntimeProgram): boolean {
  const hit = cache.get(loop);
  if (hit !== undefined) return hit;
  const seenFns = new Set<string>();
  const visit = (bs: readonly ProgramBlock[]): boolean =>
    bs.some((b) => {
      switch (b.kind) {
        case 'basic':
          return b.instructions.some((ins) => {
            if (MAIN_ONLY.has(ins.opcode)) return true;
            if (ins.opcode !== 'fcall' || ins.fn === undefined || seenFns.has(ins.fn)) return false;
            seenFns.add(ins.fn);
            const fn = program.functions.get(ins.fn);
            return fn !== undefined && visit(fn.body);
          });
        case 'if':
          return visit([
            { kind: 'basic', instructions: b.predicate.instructions, span: b.span },
            ...b.then,
            ...b.else,
          ]);
        case 'while':
          return visit([{ kind: 'basic', instructions: b.predicate.instructions, span: b.span }, ...b.body]);
        case 'for': {
          const bounds = [b.from, b.to, ...(b.by ? [b.by] : [])].flatMap((c) => c.instructions);
          return visit([{ kind: 'basic', instructions: bounds, span: b.span }, ...b.body]);
        }
      }
    });
  const r = loop.kind === 'for' ? visit(loop.body) : false;
  cache.set(loop, r);
  return r;
}
