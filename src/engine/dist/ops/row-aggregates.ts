/**
 * Row aggregates (rowSums, rowMeans, rowMins, rowMaxs, rowProds, rowVars, rowSds): a row lives on
 * one rank, so each rank aggregates its rows with LOCAL's kernel and the m x 1 result stays
 * row-partitioned, no communication. Bit-identical to LOCAL when a partition has the whole's
 * format (dense or sparse): LOCAL's dense and sparse sum paths differ in the last bit.
 */
import { rowAggregate, type AggKind } from '../../kernels/aggregates.js';
import type { DistOp } from './dist-op.js';
import { rowLocalOps } from './row-local.js';

const ROW_OPCODES: ReadonlyMap<string, AggKind> = new Map<string, AggKind>([
  ['rowSums', 'sum'],
  ['rowMeans', 'mean'],
  ['rowMins', 'min'],
  ['rowMaxs', 'max'],
  ['rowProds', 'prod'],
  ['rowVars', 'var'],
  ['rowSds', 'sd'],
]);

export const rowAggregateOps: DistOp = rowLocalOps(
  ROW_OPCODES,
  () => 1,
  (kind, x) => rowAggregate(kind, x),
);
