/**
 * Named rewrite batches, run in this order. A batch runs its rules bottom-up over the DAG either
 * once or pass after pass to a fixpoint (bounded by maxPasses). Rules name their batch
 * (RewriteRule.batch); the order of rules inside a batch is the order of defaultRules().
 */
export interface BatchSpec {
  readonly name: string;
  readonly mode: 'once' | 'fixpoint';
  readonly maxPasses: number;
  readonly description: string;
}

export const BATCHES: readonly BatchSpec[] = [
  {
    name: 'simplify',
    mode: 'fixpoint',
    maxPasses: 10,
    description: 'constant folding, CSE, no-op removal, casts, pushdowns, algebraic simplifications',
  },
  { name: 'matmul-order', mode: 'once', maxPasses: 1, description: 'matrix-multiplication chain ordering' },
  {
    name: 'matmul',
    mode: 'fixpoint',
    maxPasses: 5,
    description: 'transpose-matmul, mmchain, tsmm and matmul-based aggregates',
  },
  { name: 'aggregate', mode: 'fixpoint', maxPasses: 5, description: 'fused aggregates (sumSq), CSE' },
  { name: 'fusion', mode: 'once', maxPasses: 1, description: 'cell-wise operator fusion' },
];

const DEFAULT: BatchSpec = {
  name: 'default',
  mode: 'fixpoint',
  maxPasses: 10,
  description: 'rules without a batch',
};

export function batchSpec(name: string | undefined, maxPasses?: number): BatchSpec {
  const b = BATCHES.find((x) => x.name === name) ?? DEFAULT;
  return maxPasses === undefined || b.mode === 'once' ? b : { ...b, maxPasses };
}
