/**
 * `-explain rewrites`: the HOP DAG of a block after every rewrite rule that fired in it, printed
 * with the `-explain hops` printer as it is compiled (the observer of the rewrite driver):
 *
 *   --- after matmul-to-tsmm (block at line 1)
 *   --(1) TRead X [10,3,-1] ? MATRIX.DOUBLE LOCAL
 *   ...
 *
 * Memory estimates and exec types are chosen after the rewrites, so they show `?` and LOCAL here.
 */
import { explainDagText } from '../explain.js';
import type { Hop } from '../hop.js';
import type { RewriteSite } from '../program.js';

export function rewriteHeader(ruleName: string, site: RewriteSite): string {
  const at = site.span.line > 0 ? `at line ${site.span.line}` : 'generated';
  return `--- after ${ruleName} (${site.kind} ${at})`;
}

/** Collects one section per firing; pass `observer` as the optimizer's onRuleFired. */
export class RewriteTrace {
  private readonly sections: string[] = [];

  readonly observer = (ruleName: string, dagRootsAfter: readonly Hop[], site: RewriteSite): void => {
    this.sections.push(explainDagText(rewriteHeader(ruleName, site), dagRootsAfter).trimEnd());
  };

  get count(): number {
    return this.sections.length;
  }

  /** Every section, in firing order (one line saying so when no rule fired). */
  text(): string {
    return this.sections.length === 0 ? '--- no rewrite rule fired' : this.sections.join('\n');
  }
}
