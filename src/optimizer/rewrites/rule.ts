/** A HOP rewrite rule: one per file, named, applied bottom-up by the driver within a named batch. */
import type { Hop } from '../hop.js';
import type { HopFactory } from '../hop-factory.js';

export interface RewriteContext {
  readonly factory: HopFactory;
  /**
   * How many distinct HOPs (and roots) read `h` in the DAG as it was at the start of the current
   * pass (counted by id, so rebuilt copies count as the same HOP). HOPs made during the pass
   * are not counted: 0. Set by the driver; absent when a rule is called directly (tests), where
   * rules must assume a single consumer.
   */
  readonly consumers?: (h: Hop) => number;
  /** Check after every firing that dims and types were kept (the driver turns it on in tests). */
  readonly validate?: boolean;
}

export interface RewriteResult {
  readonly hop: Hop;
  readonly changed: boolean;
}

export interface RewriteRule {
  readonly name: string;
  /** The batch the rule runs in (batches.ts); rules without one run in the 'default' batch. */
  readonly batch?: string;
  /** Called before every pass over a DAG (rules with per-pass state reset it here). */
  beginPass?(): void;
  /** Called on every HOP after its inputs were rewritten. */
  rewrite(hop: Hop, ctx: RewriteContext): RewriteResult;
}

export function unchanged(hop: Hop): RewriteResult {
  return { hop, changed: false };
}

export function replaced(hop: Hop): RewriteResult {
  return { hop, changed: true };
}
