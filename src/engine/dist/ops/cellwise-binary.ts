/**
 * Cell-wise binary ops (arithmetic, comparisons, logical, bitwise, two-argument min/max and
 * log(X, base)) on row partitions: no communication, the result stays row-partitioned. Each
 * operand is placed by the broadcasting rule LOCAL applies (common/shapes.ts): a full-shape
 * matrix or a column vector is row-partitioned alongside; a row vector (and the 1 x n side of the
 * outer form m x 1 op 1 x n) is replicated; scalars go to every rank. Every cell is computed by
 * LOCAL's cell-wise kernel on the same operands, so results are bit-identical to LOCAL.
 */
import { ARITHMETIC_OPS, BITWISE_OPS, COMPARISON_OPS, type BinaryOp } from '../../../common/scalar-ops.js';
import { cellwiseShape } from '../../../common/shapes.js';
import type { ArgShape, BackendCall } from '../../backends/backend.js';
import { cellwiseBinary } from '../../kernels/cellwise-binary.js';
import { cellOperand, isNumericScalar, matrixDims, positionalArgs, type MatrixDims } from './call-args.js';
import type { ArgPlacement, DistOp, DistPlan } from './dist-op.js';

/** The opcodes that are always binary; 'min', 'max' and 'log' are binary with two arguments. */
const BINARY_OPCODES: readonly BinaryOp[] = [
  ...ARITHMETIC_OPS,
  ...COMPARISON_OPS,
  '&',
  '|',
  'xor',
  ...BITWISE_OPS,
  'min',
  'max',
  'log',
];

/** Placements of two matrix operands of LOCAL's broadcasting forms (checked in its order). */
function matrixPlacements(a: MatrixDims, b: MatrixDims): [ArgPlacement, ArgPlacement] {
  if (a.rows === b.rows && a.cols === b.cols) return ['rows', 'rows'];
  if (b.rows === a.rows && b.cols === 1) return ['rows', 'rows'];
  if (b.rows === 1 && b.cols === a.cols) return ['rows', 'replicated'];
  if (a.rows === b.rows && a.cols === 1) return ['rows', 'rows'];
  if (a.rows === 1 && a.cols === b.cols) return ['replicated', 'rows'];
  // The outer form: m x 1 op 1 x n.
  return ['rows', 'replicated'];
}

function placement(x: ArgShape, other: ArgShape): ArgPlacement | undefined {
  if (x.kind === 'matrix') return 'rows';
  return isNumericScalar(x) && other.kind === 'matrix' ? 'scalar' : undefined;
}

export function cellwiseBinaryPlan(op: BinaryOp, call: BackendCall<ArgShape>): DistPlan | undefined {
  const args = positionalArgs(call);
  if (args === undefined || args.length !== 2) return undefined;
  const [x, y] = args as [ArgShape, ArgShape];
  const pa = placement(x, y);
  const pb = placement(y, x);
  if (pa === undefined || pb === undefined) return undefined;
  const a = matrixDims(x);
  const b = matrixDims(y);
  const shape = cellwiseShape(op, a ?? 'scalar', b ?? 'scalar');
  // A mismatch is LOCAL's to report (DML4001 with its message).
  if (!shape.ok || shape.shape === 'scalar') return undefined;
  const placements = a !== undefined && b !== undefined ? matrixPlacements(a, b) : [pa, pb];
  const result = shape.shape;
  return {
    combine: 'rows',
    args: placements,
    partitioned: result.rows,
    result,
    local: ([l, r]) => cellwiseBinary(op, cellOperand(l), cellOperand(r)),
  };
}

export const cellwiseBinaryOps: DistOp = {
  opcodes: BINARY_OPCODES,
  plan(opcode, call) {
    const op = BINARY_OPCODES.find((o) => o === opcode);
    return op === undefined ? undefined : cellwiseBinaryPlan(op, call);
  },
};
