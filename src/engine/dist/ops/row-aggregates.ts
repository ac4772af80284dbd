/**
 * Row aggregates (rowSums, rowMeans, rowMins, rowMaxs, rowProds, rowVars, rowSds): a row lives on
 * one rank, so each rank aggregates its rows with LOCAL's kernel and the m x 1 result stays
 * row-partitioned, no communication. Bit-identical to LOCAL when a partition has the whole's
 * format (dense or sparse): LOCAL's dense and sparse sum paths differ in the last bit.
 */
import { rowAggregate, type AggKind } from '../../kernels/aggregates.js';
import { localMatrix, matrixDims, positionalArgs } from './call-args.js';
import type { DistOp } from './dist-op.js';

const ROW_OPCODES: ReadonlyMap<string, AggKind> = new Map<string, AggKind>([
  ['rowSums', 'sum'],
  ['rowMeans', 'mean'],
  ['rowMins', 'min'],
  ['rowMaxs', 'max'],
  ['rowProds', 'prod'],
  ['rowVars', 'var'],
  ['rowSds', 'sd'],
]);

export const rowAggregateOps: DistOp = {
  opcodes: [...ROW_OPCODES.keys()],
  plan(opcode, call) {
    const kind = ROW_OPCODES.get(opcode);
    const args = positionalArgs(call);
    if (kind === undefined || args === undefined || args.length !== 1) return undefined;
    const dims = matrixDims(args[0]);
    if (dims === undefined) return undefined;
    return {
      combine: 'rows',
      args: ['rows'],
      partitioned: dims.rows,
      result: { rows: dims.rows, cols: 1 },
      local: ([x]) => rowAggregate(kind, localMatrix(x)),
    };
  },
};
