/** Merges adjacent basic blocks (after branch removal) into one, for larger DAGs (RewriteMergeBlockSequence). */
import { basic, type StatementBlock } from '../blocks.js';

export function mergeBasicBlocks(blocks: readonly StatementBlock[]): StatementBlock[] {
  const out: StatementBlock[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.kind === 'basic' && !b.isolated && prev?.kind === 'basic' && !prev.isolated) {
      out[out.length - 1] = basic([...prev.stmts, ...b.stmts], false);
    } else out.push(b);
  }
  return out;
}
