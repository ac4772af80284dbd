/**
 * The rewrite driver: rules grouped by batch (consecutive rules of one batch run together), each
 * batch applied bottom-up over the DAG (shared sub-DAGs visited once) once or to a fixpoint.
 * Counts firings per rule; in tests (or with ctx.validate) checks after every firing that the
 * replacement keeps the data type, value type and known dims of the HOP it replaces.
 */
import type { Hop } from '../hop.js';
import { rebuild } from '../hop-factory.js';
import { batchSpec } from './batches.js';
import type { RewriteContext, RewriteRule } from './rule.js';

export interface RewriteOutcome {
  readonly roots: Hop[];
  /** Names of the rules that fired, once per firing. */
  readonly fired: string[];
}

/** Rule name -> number of firings, sorted by name (for -stats). */
export function countRewrites(fired: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of [...fired].sort()) m.set(n, (m.get(n) ?? 0) + 1);
  return m;
}

/** Validation is on under vitest, so every rule test also checks types and dims are kept. */
function validationDefault(): boolean {
  return typeof process !== 'undefined' && process.env.VITEST !== undefined;
}

export function validateReplacement(rule: string, before: Hop, after: Hop): void {
  const bad = (what: string): never => {
    throw new Error(
      `internal: rewrite '${rule}' changed the ${what} of hop ${before.id} (${before.op}): ` +
        `${before.dataType}.${before.valueType} [${before.dims.rows},${before.dims.cols}] -> ` +
        `${after.dataType}.${after.valueType} [${after.dims.rows},${after.dims.cols}]`,
    );
  };
  if (before.dataType !== 'unknown' && after.dataType !== before.dataType) bad('data type');
  if (before.valueType !== 'unknown' && after.valueType !== 'unknown' && after.valueType !== before.valueType)
    bad('value type');
  const d0 = before.dims;
  const d1 = after.dims;
  if (d0.rows >= 0 && d1.rows >= 0 && d0.rows !== d1.rows) bad('rows');
  if (d0.cols >= 0 && d1.cols >= 0 && d0.cols !== d1.cols) bad('cols');
}

/** Consumers per hop id: distinct parents plus one per root that is the hop itself. */
function countConsumers(roots: readonly Hop[]): Map<number, number> {
  const counts = new Map<number, number>();
  const seen = new Set<Hop>();
  const visit = (h: Hop): void => {
    if (seen.has(h)) return;
    seen.add(h);
    const distinct = new Set(h.inputs.map((i) => i.id));
    for (const id of distinct) counts.set(id, (counts.get(id) ?? 0) + 1);
    h.inputs.forEach(visit);
  };
  for (const r of roots) {
    counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    visit(r);
  }
  return counts;
}

function runPass(
  roots: readonly Hop[],
  rules: readonly RewriteRule[],
  ctx: RewriteContext,
  fired: string[],
): { roots: Hop[]; changed: boolean } {
  for (const r of rules) r.beginPass?.();
  const counts = countConsumers(roots);
  const passCtx: RewriteContext = {
    ...ctx,
    consumers: (h) => counts.get(h.id) ?? 0,
    validate: ctx.validate ?? validationDefault(),
  };
  const memo = new Map<Hop, Hop>();
  let changed = false;
  const visit = (h: Hop): Hop => {
    const done = memo.get(h);
    if (done) return done;
    const inputs = h.inputs.map(visit);
    let out = inputs.some((x, i) => x !== h.inputs[i]) ? rebuild(h, inputs) : h;
    for (const rule of rules) {
      const r = rule.rewrite(out, passCtx);
      if (r.changed) {
        if (passCtx.validate) validateReplacement(rule.name, out, r.hop);
        fired.push(rule.name);
        changed = true;
        out = r.hop;
      }
    }
    memo.set(h, out);
    return out;
  };
  return { roots: roots.map(visit), changed };
}

/**
 * Applies `rules` batch by batch. `maxPasses` bounds fixpoint batches (default: each batch's own
 * limit); 'once' batches always run a single pass.
 */
export function applyRewrites(
  roots: readonly Hop[],
  rules: readonly RewriteRule[],
  ctx: RewriteContext,
  maxPasses?: number,
): RewriteOutcome {
  let current = [...roots];
  const fired: string[] = [];
  // Consecutive rules of the same batch form one group.
  const groups: { batch: string | undefined; rules: RewriteRule[] }[] = [];
  for (const r of rules) {
    const last = groups[groups.length - 1];
    if (last && last.batch === r.batch) last.rules.push(r);
    else groups.push({ batch: r.batch, rules: [r] });
  }
  for (const g of groups) {
    const spec = batchSpec(g.batch, maxPasses);
    const passes = spec.mode === 'once' ? 1 : spec.maxPasses;
    for (let pass = 0; pass < passes; pass++) {
      const r = runPass(current, g.rules, ctx, fired);
      current = r.roots;
      if (!r.changed) break;
    }
  }
  return { roots: current, fired };
}
