/**
 * Which blocks need dynamic recompilation: those where real sizes known at run time would make a
 * size known that compile time could not know. That is a matrix or frame read from a variable
 * with unknown dims, or a data generator (rand, matrix, seq, sample) whose size arguments are
 * scalar variables. A block whose unknowns all come from its own data-dependent ops (a read
 * without .mtd, table) gains nothing: block splitting puts their consumers in the next block.
 */
import type { Hop } from '../hop.js';
import { SIZE_FROM_SCALARS } from './recompile-block.js';

function unknownMatrix(h: Hop): boolean {
  return (h.dataType === 'matrix' || h.dataType === 'frame') && (h.dims.rows < 0 || h.dims.cols < 0);
}

export function hasUnknownSizes(roots: readonly Hop[]): boolean {
  const seen = new Set<Hop>();
  const stack = [...roots];
  while (stack.length > 0) {
    const h = stack.pop()!;
    if (seen.has(h)) continue;
    seen.add(h);
    if (h.kind === 'tread' && unknownMatrix(h)) return true;
    if (
      h.kind === 'op' &&
      SIZE_FROM_SCALARS.has(h.op) &&
      unknownMatrix(h) &&
      h.inputs.some((i) => i.kind === 'tread' && i.dataType === 'scalar')
    )
      return true;
    stack.push(...h.inputs);
  }
  return false;
}
