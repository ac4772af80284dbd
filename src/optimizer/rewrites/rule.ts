/** A HOP rewrite rule: one per file, named, applied bottom-up by the driver. */
import type { Hop } from '../hop.js';
import type { HopFactory } from '../hop-factory.js';

export interface RewriteContext {
  readonly factory: HopFactory;
}

export interface RewriteResult {
  readonly hop: Hop;
  readonly changed: boolean;
}

export interface RewriteRule {
  readonly name: string;
  /** Called before every pass over a DAG (rules with per-pass state reset it here). */
  beginPass?(): void;
  /** Called on every HOP after its inputs were rewritten. */
  rewrite(hop: Hop, ctx: RewriteContext): RewriteResult;
}

export function unchanged(hop: Hop): RewriteResult {
  return { hop, changed: false };
}
