/**
 * t(X) of a row-partitioned X: each rank transposes its rows, which makes it the holder of the
 * same range of t(X)'s columns, so the result is column-partitioned ('cols') with no
 * communication, bit-identical to LOCAL. This is how t(t(y) %*% X), the compiler's form of
 * t(X) %*% y, keeps y where it is: t(y) is 'cols' and %*% multiplies it against X's rows.
 */
import { transpose } from '../../kernels/transpose.js';
import { localMatrix, matrixDims, positionalArgs } from './call-args.js';
import type { DistOp } from './dist-op.js';

export const transposeOps: DistOp = {
  opcodes: ['t'],
  plan(opcode, call) {
    const args = positionalArgs(call);
    if (opcode !== 't' || args === undefined || args.length !== 1) return undefined;
    const x = matrixDims(args[0]);
    if (x === undefined) return undefined;
    return {
      combine: 'cols',
      args: ['rows'],
      partitioned: x.rows,
      result: { rows: x.cols, cols: x.rows },
      local: ([p]) => transpose(localMatrix(p)),
    };
  },
};
