/**
 * A %*% B (k x m times m x n), in one of two forms chosen from the shapes alone:
 * - A tall (k >= m, as X %*% v or X %*% W): A row-partitioned, B replicated; each rank multiplies
 *   its rows (SystemDS's mapmm) and the k x n result stays row-partitioned, no communication.
 * - A wide (k < m, as the t(y) %*% X the compiler makes of t(X) %*% y, see
 *   rewrites/transpose-matmul-vector.ts): the shared dimension m is partitioned, A by columns and
 *   B by rows; each rank's A_r %*% B_r is a partial k x n result, summed by one allreduce.
 * The local products are LOCAL's matmul kernel (the rank's registry: BLAS when present). Not
 * bit-identical even in the first form: the kernel chosen (BLAS, compiled skinny, TypeScript)
 * depends on the operand sizes and may order a row's products differently; within 1e-12 relative.
 */
import { MatrixBlock } from '../../data/matrix-block.js';
import { cellsOf, localMatrix, matrixDims, positionalArgs } from './call-args.js';
import type { DistOp, DistPlan } from './dist-op.js';

export const matmulOps: DistOp = {
  opcodes: ['%*%'],
  plan(opcode, call): DistPlan | undefined {
    const args = positionalArgs(call);
    if (opcode !== '%*%' || args === undefined || args.length !== 2) return undefined;
    const a = matrixDims(args[0]);
    const b = matrixDims(args[1]);
    // Scalars and mismatched dims: LOCAL's error.
    if (a === undefined || b === undefined || a.cols !== b.rows) return undefined;
    const result = { rows: a.rows, cols: b.cols };
    if (a.rows >= a.cols)
      return {
        combine: 'rows',
        args: ['rows', 'replicated'],
        partitioned: a.rows,
        result,
        local: ([x, y], at) => at.kernels.get('matmul')(localMatrix(x), localMatrix(y)),
      };
    return {
      combine: 'allreduce',
      op: 'sum',
      length: a.rows * b.cols,
      args: ['cols', 'rows'],
      partitioned: a.cols,
      result,
      local: ([x, y], at) => cellsOf(at.kernels.get('matmul')(localMatrix(x), localMatrix(y))),
      finish: (r) => MatrixBlock.dense(a.rows, b.cols, r).examSparsity(),
    };
  },
};
