/**
 * Common-subexpression elimination by structural keys (kind, op, input ids, argument names,
 * attributes, literal value). Nondeterministic or side-effecting ops, function calls and
 * multi-output ops are never merged.
 */
import { isOpaque } from '../effects.js';
import type { Hop } from '../hop.js';
import { unchanged, type RewriteResult, type RewriteRule } from './rule.js';

function key(h: Hop): string | undefined {
  switch (h.kind) {
    case 'literal':
      // -0.0 and 0.0 differ (1 / -0.0 is -Infinity).
      return `lit|${h.value?.vt}|${Object.is(h.value?.value, -0) ? '-0' : String(h.value?.value)}`;
    case 'none':
      return 'none';
    case 'op':
      if (h.outputs !== undefined || isOpaque(h.op)) return undefined;
      break;
    case 'rix':
    case 'lix':
      break;
    default:
      return undefined;
  }
  const names = h.argNames ? h.argNames.map((n) => n ?? '').join(',') : '';
  const attrs = h.attrs ? JSON.stringify(Object.entries(h.attrs).sort()) : '';
  return `${h.kind}|${h.op}|${h.inputs.map((i) => i.id).join(',')}|${names}|${attrs}`;
}

export function createCommonSubexpressionRule(): RewriteRule {
  let seen = new Map<string, Hop>();
  return {
    name: 'common-subexpression-elimination',
    beginPass() {
      seen = new Map();
    },
    rewrite(h: Hop): RewriteResult {
      const k = key(h);
      if (k === undefined) return unchanged(h);
      const prior = seen.get(k);
      if (prior === undefined) {
        seen.set(k, h);
        return unchanged(h);
      }
      return prior.id === h.id ? unchanged(h) : { hop: prior, changed: true };
    },
  };
}
