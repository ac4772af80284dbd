/**
 * Cell-wise unary ops (math functions, unary minus, `!`, is.na and friends) on row partitions:
 * no communication, the result stays row-partitioned, every cell computed by LOCAL's kernel
 * (bit-identical to LOCAL).
 */
import { UNARY_MATH, UNARY_PREDICATES, type UnaryOp } from '../../../common/scalar-ops.js';
import { cellwiseUnary } from '../../kernels/cellwise-unary.js';
import type { DistOp } from './dist-op.js';
import { rowLocalOps } from './row-local.js';

/** Opcode -> the cell-wise op it names (the builtins' aliases included). */
const UNARY_OPCODES: ReadonlyMap<string, UnaryOp> = new Map<string, UnaryOp>([
  ['u-', 'u-'],
  ['!', '!'],
  ...UNARY_MATH.map((op): [string, UnaryOp] => [op, op]),
  ...UNARY_PREDICATES.map((op): [string, UnaryOp] => [op, op]),
  ['isNA', 'is.na'],
  ['isNaN', 'is.nan'],
  ['isInf', 'is.infinite'],
]);

export const cellwiseUnaryOps: DistOp = rowLocalOps(
  UNARY_OPCODES,
  (dims) => dims.cols,
  (op, x) => cellwiseUnary(op, x),
);
