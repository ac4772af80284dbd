/**
 * Names of the ops the compiler introduces (DML users never write them; they have no catalogue
 * entries and take positional arguments only). The rewrites emit them, size propagation and the
 * cost model recognise them, and the engine registers builtins and backends under them: one
 * spelling for all, so that a rename cannot leave one side behind.
 */
export const CompilerOps = {
  /** tsmm(X, left): t(X) %*% X when left, else X %*% t(X) (rewrites/matmul-to-tsmm.ts). */
  tsmm: 'tsmm',
  /** tmm(X, Y): t(X) %*% Y without materialising t(X) (rewrites/matmul-transpose-left.ts). */
  tmm: 'tmm',
  /** mmchain(X, v[, w]): t(X) %*% (w * (X %*% v)) (rewrites/matmul-to-mmchain.ts). */
  mmchain: 'mmchain',
  /** sumSq(X): sum(X^2) in one pass (rewrites/sum-of-squares.ts). */
  sumSq: 'sumSq',
  /** fused_cell(program, leaf...): a chain of cell-wise ops (rewrites/fuse-cellwise.ts). */
  fusedCell: 'fused_cell',
  /** fused_sum(program, leaf...): sum of a fused cell-wise program. */
  fusedSum: 'fused_sum',
  /** fused_rowSums(program, leaf...): rowSums of a fused cell-wise program. */
  fusedRowSums: 'fused_rowSums',
  /** fused_colSums(program, leaf...): colSums of a fused cell-wise program. */
  fusedColSums: 'fused_colSums',
} as const;

export type CompilerOpName = (typeof CompilerOps)[keyof typeof CompilerOps];

/** The fused cell-wise ops, the plain one first (each takes its program as first operand). */
export const FUSED_CELL_OPS = [
  CompilerOps.fusedCell,
  CompilerOps.fusedSum,
  CompilerOps.fusedRowSums,
  CompilerOps.fusedColSums,
] as const;

/** The matrix products among them (their result is dense when their inputs are). */
export const COMPILER_PRODUCTS = [CompilerOps.tsmm, CompilerOps.tmm, CompilerOps.mmchain] as const;

const ALL: ReadonlySet<string> = new Set<string>(Object.values(CompilerOps));

/** Whether `op` is one of the compiler-introduced ops above. */
export function isCompilerOp(op: string): op is CompilerOpName {
  return ALL.has(op);
}
