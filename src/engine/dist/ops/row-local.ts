/**
 * The shape most row-local ops share: one matrix argument, row-partitioned, each rank applying a
 * LOCAL kernel to its rows, the result staying row-partitioned (no communication).
 */
import type { MatrixBlock } from '../../data/matrix-block.js';
import { localMatrix, matrixDims, positionalArgs, type MatrixDims } from './call-args.js';
import type { DistOp } from './dist-op.js';

/**
 * A DistOp for the opcodes of `table`, each naming a `K` its kernel takes; `cols` gives the
 * result's columns from the argument's dims.
 */
export function rowLocalOps<K>(
  table: ReadonlyMap<string, K>,
  cols: (dims: MatrixDims) => number,
  kernel: (k: K, rows: MatrixBlock) => MatrixBlock,
): DistOp {
  return {
    opcodes: [...table.keys()],
    plan(opcode, call) {
      const k = table.get(opcode);
      const args = positionalArgs(call);
      if (k === undefined || args === undefined || args.length !== 1) return undefined;
      const dims = matrixDims(args[0]);
      if (dims === undefined) return undefined;
      return {
        combine: 'rows',
        args: ['rows'],
        partitioned: dims.rows,
        result: { rows: dims.rows, cols: cols(dims) },
        local: ([x]) => kernel(k, localMatrix(x)),
      };
    },
  };
}
