/**
 * The one sparse-or-dense decision: the engine's in-memory format (MatrixBlock.examSparsity),
 * the optimizer's memory estimate and the binary writer all ask `prefersSparse`.
 */

/** SystemDS's MatrixBlock.SPARSITY_TURN_POINT. */
export const SPARSITY_TURN_POINT = 0.4;

/**
 * Whether a rows x cols matrix with nnz non-zeros is held sparse (CSR): sparsity below 0.4 and
 * more than one column, as SystemDS's MatrixBlock.evalSparseFormatInMemory. (SystemDS also asks
 * that the sparse size be below the dense size; with CSR at 12 bytes a non-zero + 4 a row that
 * always holds under these two conditions.) An empty shape is dense.
 */
export function prefersSparse(rows: number, cols: number, nnz: number): boolean {
  const cells = rows * cols;
  return cols > 1 && cells > 0 && nnz / cells < SPARSITY_TURN_POINT;
}
