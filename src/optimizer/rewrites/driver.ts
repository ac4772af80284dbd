/**
 * The rewrite driver: rules grouped by batch (consecutive rules of one batch run together), each
 * batch applied bottom-up over the DAG (shared sub-DAGs visited once) once or to a fixpoint.
 * Counts firings per rule. With validation on (validate.ts: in tests, TESSERA_VALIDATE_REWRITES=1
 * or the validateRewrites option) it checks after every firing that the replacement keeps the data
 * type, value type and known dims of the HOP it replaces and that the DAG stays well-formed, and
 * names the rule that broke it. An observer (onRuleFired) sees the whole DAG after every firing, as
 * DataFusion's optimizer observer does (`-explain rewrites`). Both cost nothing when off.
 */
import type { Hop } from '../hop.js';
import { rebuild } from '../hop-factory.js';
import { batchSpec } from './batches.js';
import type { RewriteContext, RewriteRule } from './rule.js';
import { validateDag, validateReplacement, validationDefault } from './validate.js';

export { validateReplacement } from './validate.js';

/** Sees the roots of the whole DAG right after `ruleName` fired (once per firing, in order). */
export type RuleFiredObserver = (ruleName: string, dagRootsAfter: readonly Hop[]) => void;

export interface RewriteDriverOptions {
  /**
   * Validate after every firing (types, known dims, well-formed DAG). Default: ctx.validate, else
   * validationDefault() (on under vitest or with TESSERA_VALIDATE_REWRITES=1).
   */
  readonly validate?: boolean;
  readonly onRuleFired?: RuleFiredObserver;
}

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

interface PassHooks {
  readonly validate: boolean;
  /** HOPs already found well-formed (validation only). */
  readonly checked: WeakSet<Hop>;
  readonly onRuleFired?: RuleFiredObserver;
}

function runPass(
  roots: readonly Hop[],
  rules: readonly RewriteRule[],
  ctx: RewriteContext,
  fired: string[],
  hooks: PassHooks,
): { roots: Hop[]; changed: boolean } {
  for (const r of rules) r.beginPass?.();
  const counts = countConsumers(roots);
  const passCtx: RewriteContext = {
    ...ctx,
    consumers: (h) => counts.get(h.id) ?? 0,
    validate: hooks.validate,
  };
  const memo = new Map<Hop, Hop>();
  let changed = false;
  /**
   * The whole DAG as it is right after a firing at `at` (now `now`): finished HOPs from the memo,
   * ancestors not yet visited rebuilt over their current inputs (no rules run). Observer only.
   */
  const snapshot = (at: Hop, now: Hop): Hop[] => {
    const seen = new Map<Hop, Hop>();
    const snap = (h: Hop): Hop => {
      if (h === at) return now;
      const done = memo.get(h) ?? seen.get(h);
      if (done) return done;
      const inputs = h.inputs.map(snap);
      const out = inputs.some((x, i) => x !== h.inputs[i]) ? rebuild(h, inputs) : h;
      seen.set(h, out);
      return out;
    };
    return roots.map(snap);
  };
  const visit = (h: Hop): Hop => {
    const done = memo.get(h);
    if (done) return done;
    const inputs = h.inputs.map(visit);
    let out = inputs.some((x, i) => x !== h.inputs[i]) ? rebuild(h, inputs) : h;
    for (const rule of rules) {
      const r = rule.rewrite(out, passCtx);
      if (r.changed) {
        if (hooks.validate) {
          validateReplacement(rule.name, out, r.hop);
          validateDag(rule.name, r.hop, hooks.checked);
        }
        fired.push(rule.name);
        changed = true;
        out = r.hop;
        if (hooks.onRuleFired) hooks.onRuleFired(rule.name, snapshot(h, out));
      }
    }
    memo.set(h, out);
    return out;
  };
  return { roots: roots.map(visit), changed };
}

/**
 * Applies `rules` batch by batch. `maxPasses` bounds fixpoint batches (default: each batch's own
 * limit); 'once' batches always run a single pass. `options` switch validation and the observer.
 */
export function applyRewrites(
  roots: readonly Hop[],
  rules: readonly RewriteRule[],
  ctx: RewriteContext,
  maxPasses?: number,
  options: RewriteDriverOptions = {},
): RewriteOutcome {
  let current = [...roots];
  const fired: string[] = [];
  const hooks: PassHooks = {
    validate: options.validate ?? ctx.validate ?? validationDefault(),
    checked: new WeakSet(),
    onRuleFired: options.onRuleFired,
  };
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
      const r = runPass(current, g.rules, ctx, fired, hooks);
      current = r.roots;
      if (!r.changed) break;
    }
  }
  return { roots: current, fired };
}
