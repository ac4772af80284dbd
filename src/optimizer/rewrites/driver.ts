/**
 * The rewrite driver: applies named rules bottom-up over a DAG (shared sub-DAGs visited once),
 * pass after pass until nothing changes or the pass limit is reached.
 */
import type { Hop } from '../hop.js';
import { rebuild } from '../hop-factory.js';
import type { RewriteContext, RewriteRule } from './rule.js';

export interface RewriteOutcome {
  readonly roots: Hop[];
  /** Names of the rules that fired, once per firing. */
  readonly fired: string[];
}

export function applyRewrites(
  roots: readonly Hop[],
  rules: readonly RewriteRule[],
  ctx: RewriteContext,
  maxPasses = 10,
): RewriteOutcome {
  let current = [...roots];
  const fired: string[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    for (const r of rules) r.beginPass?.();
    const memo = new Map<Hop, Hop>();
    let changed = false;
    const visit = (h: Hop): Hop => {
      const done = memo.get(h);
      if (done) return done;
      const inputs = h.inputs.map(visit);
      let out = inputs.some((x, i) => x !== h.inputs[i]) ? rebuild(h, inputs) : h;
      for (const rule of rules) {
        const r = rule.rewrite(out, ctx);
        if (r.changed) {
          fired.push(rule.name);
          changed = true;
          out = r.hop;
        }
      }
      memo.set(h, out);
      return out;
    };
    current = current.map(visit);
    if (!changed) break;
  }
  return { roots: current, fired };
}
