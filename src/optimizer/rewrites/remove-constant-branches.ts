/**
 * Statement-block rewrite: an `if` whose predicate folds to a constant is replaced by the branch
 * that runs (RewriteRemoveUnnecessaryBranches), then adjacent basic blocks are merged.
 */
import type { StatementBlock } from '../blocks.js';
import type { Hop } from '../hop.js';
import { mergeBasicBlocks } from './merge-blocks.js';

/** Folds a predicate to a constant truth value, or undefined when it is not constant. */
export type PredicateFolder = (b: Extract<StatementBlock, { kind: 'if' }>) => Hop | undefined;

function truth(h: Hop | undefined): boolean | undefined {
  if (h?.kind !== 'literal' || h.value === undefined) return undefined;
  const v = h.value;
  if (v.vt === 'boolean') return v.value;
  if (v.vt === 'int' || v.vt === 'double') return Number.isNaN(v.value) ? undefined : v.value !== 0;
  return undefined;
}

export function removeConstantBranches(
  blocks: readonly StatementBlock[],
  fold: PredicateFolder,
  fired: string[] = [],
): StatementBlock[] {
  const out: StatementBlock[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'basic':
        out.push(b);
        break;
      case 'if': {
        const t = truth(fold(b));
        if (t === undefined) {
          out.push({
            ...b,
            then: removeConstantBranches(b.then, fold, fired),
            else: removeConstantBranches(b.else, fold, fired),
          });
        } else {
          fired.push('remove-constant-branches');
          out.push(...removeConstantBranches(t ? b.then : b.else, fold, fired));
        }
        break;
      }
      case 'for':
      case 'while':
        out.push({ ...b, body: removeConstantBranches(b.body, fold, fired) });
        break;
    }
  }
  return mergeBasicBlocks(out);
}
