/**
 * The distributed operators by plan opcode: what the DIST backend's ops() lists and kernel(op)
 * plans with. An opcode several families know ('min'/'max': aggregate with one argument,
 * cell-wise with two; 'log': unary, or with a base) asks each in turn; the first plan wins.
 */
import type { ArgShape, BackendCall } from '../../backends/backend.js';
import { cellwiseBinaryOps } from './cellwise-binary.js';
import { cellwiseUnaryOps } from './cellwise-unary.js';
import { colAggregateOps } from './col-aggregates.js';
import { datagenOps } from './datagen.js';
import type { DistOp, DistPlan } from './dist-op.js';
import { fullAggregateOps } from './full-aggregates.js';
import { fusedCellOps } from './fused-cell.js';
import { matmulOps } from './matmul.js';
import { rowAggregateOps } from './row-aggregates.js';
import { transposeProductOps } from './transpose-products.js';
import { transposeOps } from './transpose.js';

export type {
  AllgatherPlan,
  AllreducePlan,
  ArgPlacement,
  DistLayout,
  DistOp,
  DistPlan,
  DistResult,
  LocalArg,
  PartitionedPlan,
  RankContext,
  ResultShape,
} from './dist-op.js';

/** Every family, in the order an opcode shared between families asks them. */
export const DIST_OP_FAMILIES: readonly DistOp[] = [
  fullAggregateOps,
  cellwiseUnaryOps,
  cellwiseBinaryOps,
  rowAggregateOps,
  colAggregateOps,
  matmulOps,
  transposeProductOps,
  transposeOps,
  fusedCellOps,
  datagenOps,
];

function byOpcode(): ReadonlyMap<string, DistOp> {
  const families = new Map<string, DistOp[]>();
  for (const f of DIST_OP_FAMILIES)
    for (const op of f.opcodes) families.set(op, [...(families.get(op) ?? []), f]);
  const table = new Map<string, DistOp>();
  for (const [opcode, fs] of families) {
    table.set(opcode, {
      opcodes: [opcode],
      plan(op: string, call: BackendCall<ArgShape>): DistPlan | undefined {
        for (const f of fs) {
          const p = f.plan(op, call);
          if (p !== undefined) return p;
        }
        return undefined;
      },
    });
  }
  return table;
}

/** Opcode -> its DistOp (immutable; built once, holds no state). */
export const DIST_OPS: ReadonlyMap<string, DistOp> = byOpcode();

/** The plan for a call, or undefined when no distributed operator takes it (LOCAL runs it). */
export function planDist(opcode: string, call: BackendCall<ArgShape>): DistPlan | undefined {
  return DIST_OPS.get(opcode)?.plan(opcode, call);
}
