/**
 * The HOP rewrite rules of optimization level 2, in batch order (batches.ts). Statement-block
 * rewrites (remove-constant-branches, with block merging) run separately, in program.ts.
 */
import { addNegation } from './add-negation.js';
import { addSelfToMultiply } from './add-self-to-multiply.js';
import { colSumsOfVectorProduct } from './colsums-of-vector-product.js';
import { createCommonSubexpressionRule } from './common-subexpression.js';
import { constantFolding } from './constant-folding.js';
import { emptyAggregate } from './empty-aggregate.js';
import { emptyMatmul } from './empty-matmul.js';
import { emptyMultiply } from './empty-multiply.js';
import { createFuseCellwiseRule } from './fuse-cellwise.js';
import { matmulChainOrder } from './matmul-chain-order.js';
import { matmulToMmchain } from './matmul-to-mmchain.js';
import { matmulTransposeLeft } from './matmul-transpose-left.js';
import { matmulToTsmm } from './matmul-to-tsmm.js';
import { multiplySelfToPower } from './multiply-self-to-power.js';
import { powerZero } from './power-zero.js';
import { pushdownColSumsTranspose } from './pushdown-colsums-transpose.js';
import { pushdownNegationSum } from './pushdown-negation-sum.js';
import { pushdownRowSumsTranspose } from './pushdown-rowsums-transpose.js';
import { removeAddZero } from './remove-add-zero.js';
import { removeColSumsOfRow } from './remove-colsums-of-row.js';
import { removeDivideByOne } from './remove-divide-by-one.js';
import { removeDoubleDiag } from './remove-double-diag.js';
import { removeDoubleNegation } from './remove-double-negation.js';
import { removeDoubleTranspose } from './remove-double-transpose.js';
import { removeFullIndexing } from './remove-full-indexing.js';
import { removeIdempotentUnary } from './remove-idempotent-unary.js';
import { removeMultiplyByOne } from './remove-multiply-by-one.js';
import { removePowerOne } from './remove-power-one.js';
import { removeRowSumsOfColumn } from './remove-rowsums-of-column.js';
import { removeSubtractZero } from './remove-subtract-zero.js';
import { removeSumOfColSums } from './remove-sum-of-col-sums.js';
import { removeSumOfRowSums } from './remove-sum-of-row-sums.js';
import { removeTransposeUnderFullAggregate } from './remove-transpose-under-full-aggregate.js';
import { removeUnnecessaryAsMatrix } from './remove-unnecessary-as-matrix.js';
import { removeUnnecessaryScalarCast } from './remove-unnecessary-scalar-cast.js';
import type { RewriteRule } from './rule.js';
import { shapeQueryThroughTranspose } from './shape-query-through-transpose.js';
import { sigmoidRule } from './sigmoid.js';
import { simplifyTransposeMatmul } from './simplify-transpose-matmul.js';
import { transposeMatmulVector } from './transpose-matmul-vector.js';
import { subtractNegation } from './subtract-negation.js';
import { sumOfSquares } from './sum-of-squares.js';
import { sumOfSquaresVector } from './sum-of-squares-vector.js';
import { traceOfMatmul } from './trace-of-matmul.js';
import { zeroMinus } from './zero-minus.js';

export { applyRewrites, countRewrites } from './driver.js';
export { BATCHES } from './batches.js';
export type { RewriteRule, RewriteContext, RewriteResult } from './rule.js';

/**
 * Statement-block and inter-procedural rules (not HOP rules), listed for documentation and rule
 * counts; disableRules switches them off by these names like the others.
 */
export const BLOCK_RULES = [
  'remove-constant-branches',
  'merge-blocks',
  'inline-functions',
  'ipa-constants',
] as const;

function inBatch(rule: RewriteRule, batch: string): RewriteRule {
  return {
    name: rule.name,
    batch,
    beginPass: rule.beginPass?.bind(rule),
    rewrite: rule.rewrite.bind(rule),
  };
}

export function defaultRules(): RewriteRule[] {
  return [
    // simplify (fixpoint)
    inBatch(constantFolding, 'simplify'),
    inBatch(createCommonSubexpressionRule(), 'simplify'),
    removeDoubleTranspose,
    removeMultiplyByOne,
    removeAddZero,
    removeSubtractZero,
    removeDivideByOne,
    removePowerOne,
    powerZero,
    removeDoubleNegation,
    subtractNegation,
    addNegation,
    zeroMinus,
    addSelfToMultiply,
    multiplySelfToPower,
    sigmoidRule,
    removeIdempotentUnary,
    removeDoubleDiag,
    removeUnnecessaryAsMatrix,
    removeUnnecessaryScalarCast,
    removeFullIndexing,
    shapeQueryThroughTranspose,
    removeSumOfRowSums,
    removeSumOfColSums,
    removeRowSumsOfColumn,
    removeColSumsOfRow,
    pushdownColSumsTranspose,
    pushdownRowSumsTranspose,
    removeTransposeUnderFullAggregate,
    pushdownNegationSum,
    traceOfMatmul,
    simplifyTransposeMatmul,
    emptyMatmul,
    emptyAggregate,
    emptyMultiply,
    // matmul-order (once)
    matmulChainOrder,
    // matmul (fixpoint)
    matmulToMmchain,
    matmulToTsmm,
    transposeMatmulVector,
    matmulTransposeLeft,
    colSumsOfVectorProduct,
    sumOfSquaresVector,
    // aggregate (fixpoint)
    sumOfSquares,
    inBatch(createCommonSubexpressionRule(), 'aggregate'),
    // fusion (once)
    createFuseCellwiseRule(),
  ];
}

/** Every rule name: HOP rules and statement-block rules. */
export function ruleNames(): string[] {
  return [...new Set([...defaultRules().map((r) => r.name), ...BLOCK_RULES])];
}
