/**
 * The compiler's products with a transposed row-partitioned X, each a sum over X's rows:
 * - tsmm(X, TRUE) = t(X) %*% X (rewrites/matmul-to-tsmm.ts): d x d partials;
 * - tmm(X, Y) = t(X) %*% Y (rewrites/matmul-transpose-left.ts), X and Y row-partitioned alike:
 *   d x k partials;
 * - mmchain(X, v[, w]) = t(X) %*% (w * (X %*% v)) (rewrites/matmul-to-mmchain.ts), v replicated,
 *   w row-partitioned: d x 1 partials.
 * Each rank runs LOCAL's kernel on its rows; one allreduce 'sum'; within 1e-12 relative of LOCAL
 * (the partials are added in the MPI library's order). Declined: tsmm(X, FALSE) = X %*% t(X)
 * (an m x m result, the whole of X on every rank), and mmchain with a v or w that is not a vector
 * (LOCAL then runs its unfused chain).
 */
import { MatrixBlock } from '../../data/matrix-block.js';
import { tmmKernel } from '../../kernels/matmul-variants.js';
import { mmchain } from '../../kernels/fused/mmchain.js';
import { CompilerOps } from '../../../common/op-names.js';
import type { ArgShape, BackendCall } from '../../backends/backend.js';
import { cellsOf, localMatrix, matrixDims, positionalArgs } from './call-args.js';
import type { DistOp, DistPlan } from './dist-op.js';

const summed = (rows: number, cols: number) => (r: Float64Array) =>
  MatrixBlock.dense(rows, cols, r).examSparsity();

function tsmmPlan(args: readonly ArgShape[]): DistPlan | undefined {
  const x = matrixDims(args[0]);
  const flag = args[1];
  // LOCAL reads an absent flag as left; anything but TRUE as right (declined).
  const left = flag === undefined || (flag.kind === 'scalar' && flag.value.value === true);
  if (x === undefined || !left || args.length > 2) return undefined;
  return {
    combine: 'allreduce',
    op: 'sum',
    length: x.cols * x.cols,
    args: args.length === 2 ? ['rows', 'scalar'] : ['rows'],
    partitioned: x.rows,
    result: { rows: x.cols, cols: x.cols },
    local: ([p], at) => cellsOf(at.kernels.get('tsmm')(localMatrix(p), true)),
    finish: summed(x.cols, x.cols),
  };
}

function tmmPlan(args: readonly ArgShape[]): DistPlan | undefined {
  const x = matrixDims(args[0]);
  const y = matrixDims(args[1]);
  if (x === undefined || y === undefined || args.length !== 2 || x.rows !== y.rows) return undefined;
  return {
    combine: 'allreduce',
    op: 'sum',
    length: x.cols * y.cols,
    args: ['rows', 'rows'],
    partitioned: x.rows,
    result: { rows: x.cols, cols: y.cols },
    // The kernel LOCAL's tmm builtin calls.
    local: ([p, q]) => cellsOf(tmmKernel(localMatrix(p), localMatrix(q))),
    finish: summed(x.cols, y.cols),
  };
}

function mmchainPlan(args: readonly ArgShape[]): DistPlan | undefined {
  const x = matrixDims(args[0]);
  const v = matrixDims(args[1]);
  const w = args.length > 2 ? matrixDims(args[2]) : undefined;
  if (x === undefined || v === undefined || args.length > 3 || (args.length === 3 && w === undefined))
    return undefined;
  if (v.rows !== x.cols || v.cols !== 1) return undefined;
  if (w !== undefined && (w.rows !== x.rows || w.cols !== 1)) return undefined;
  return {
    combine: 'allreduce',
    op: 'sum',
    length: x.cols,
    args: w === undefined ? ['rows', 'replicated'] : ['rows', 'replicated', 'rows'],
    partitioned: x.rows,
    result: { rows: x.cols, cols: 1 },
    local: ([p, q, r]) =>
      cellsOf(mmchain(localMatrix(p), localMatrix(q), r === undefined ? undefined : localMatrix(r))),
    finish: summed(x.cols, 1),
  };
}

export const transposeProductOps: DistOp = {
  opcodes: [CompilerOps.tsmm, CompilerOps.tmm, CompilerOps.mmchain],
  plan(opcode: string, call: BackendCall<ArgShape>) {
    const args = positionalArgs(call);
    if (args === undefined) return undefined;
    if (opcode === CompilerOps.tsmm) return tsmmPlan(args);
    if (opcode === CompilerOps.tmm) return tmmPlan(args);
    if (opcode === CompilerOps.mmchain) return mmchainPlan(args);
    return undefined;
  },
};
