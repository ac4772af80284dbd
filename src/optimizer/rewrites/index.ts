/** The HOP rewrite batch of optimization level 2. */
import { createCommonSubexpressionRule } from './common-subexpression.js';
import { constantFolding } from './constant-folding.js';
import type { RewriteRule } from './rule.js';

export { applyRewrites } from './driver.js';
export type { RewriteRule, RewriteContext, RewriteResult } from './rule.js';

export function defaultRules(): RewriteRule[] {
  return [constantFolding, createCommonSubexpressionRule()];
}
