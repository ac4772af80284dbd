/**
 * The `+=` targets of a parfor body. The runtime plan lowers `s += x` to `s = s + x`, which
 * SystemDS treats differently inside parfor: `+=` marks an accumulating result (merged by adding
 * the workers' deltas), `s = s + x` is a loop-carried dependency. So the names are taken from the
 * AST, where the two still differ.
 */
import type { Statement } from '../../language/ast.js';
import type { ParforParams } from '../plan.js';

export function accumulatorsIn(body: readonly Statement[]): string[] {
  const out = new Set<string>();
  const visit = (ss: readonly Statement[]): void => {
    for (const s of ss) {
      switch (s.kind) {
        case 'assign':
          if (s.op === '+=') out.add(s.target.kind === 'id' ? s.target.name : s.target.target.name);
          break;
        case 'if':
          visit(s.then);
          visit(s.else ?? []);
          break;
        case 'for':
        case 'while':
          visit(s.body);
          break;
        default:
          break;
      }
    }
  };
  visit(body);
  return [...out].sort();
}

/** The loop's parameters with its `+=` targets (left out when there are none: same plan shape). */
export function withAccumulators(params: ParforParams, body: readonly Statement[]): ParforParams {
  const accumulators = accumulatorsIn(body);
  return accumulators.length > 0 ? { ...params, accumulators } : params;
}
