/**
 * Operator implementations, registered under their symbols (`+`, `%/%`, `u-`, `!`, ...):
 * scalar op scalar uses the shared scalar semantics (src/common/scalar-ops.ts, also used by
 * constant folding); anything with a matrix goes to the cell-wise kernels.
 */
import { builtinSpec } from '../../common/builtins/catalogue.js';
import { fail } from '../../common/diagnostics.js';
import {
  ARITHMETIC_OPS,
  COMPARISON_OPS,
  scalarBinary,
  scalarUnary,
  type BinaryOp,
  type ScalarLike,
  type UnaryOp,
} from '../../common/scalar-ops.js';
import { cellwiseShape, type OperandShape } from '../../common/shapes.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import type { ScalarValue, Value } from '../data/values.js';
import { cellwiseBinary, type CellOperand } from '../kernels/cellwise-binary.js';
import { cellwiseUnary } from '../kernels/cellwise-unary.js';
import { BoundArgs, describe } from './args.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';

/** A scalar result of the shared semantics as a runtime value. */
export function toScalarValue(s: ScalarLike): ScalarValue {
  switch (s.vt) {
    case 'double':
      return { dt: 'scalar', vt: 'double', value: s.value };
    case 'int':
      return { dt: 'scalar', vt: 'int', value: s.value };
    case 'boolean':
      return { dt: 'scalar', vt: 'boolean', value: s.value };
    case 'string':
      return { dt: 'scalar', vt: 'string', value: s.value };
  }
}

/** A matrix, or a non-string scalar as its double value; frames and lists are rejected. */
export function cellOperand(v: Value, what: string, span: Span): CellOperand {
  switch (v.dt) {
    case 'matrix':
      return v;
    case 'scalar':
      if (v.vt === 'string')
        return fail('DML3001', `${what}: cannot combine a matrix with the string "${v.value}"`, span);
      return v.vt === 'boolean' ? (v.value ? 1 : 0) : v.value;
    case 'frame':
      return fail('DML9001', `${what} on a frame is not supported yet`, span);
    case 'list':
      return fail('DML3001', `${what} cannot be applied to a ${describe(v)}`, span);
  }
}

function operandShape(x: CellOperand): OperandShape {
  return typeof x === 'number' ? 'scalar' : x;
}

/**
 * `a op b` for any mix of scalars and matrices (the result is a matrix when either side is). The
 * operands are checked by the broadcasting rule the compiler uses (src/common/shapes.ts), so a
 * mismatch fails with the same code and message at run time as at compile time.
 */
export function applyBinary(op: BinaryOp, a: Value, b: Value, span: Span, what = `operator ${op}`): Value {
  if (a.dt === 'scalar' && b.dt === 'scalar') return toScalarValue(scalarBinary(op, a, b, span));
  const x = cellOperand(a, what, span);
  const y = cellOperand(b, what, span);
  const shape = cellwiseShape(op, operandShape(x), operandShape(y));
  if (!shape.ok) return fail(shape.error.code, shape.error.message, span);
  return cellwiseBinary(op, x, y, span);
}

/** `op a` on a scalar or a matrix. */
export function applyUnary(op: UnaryOp, a: Value, span: Span, what = `operator ${op}`): Value {
  if (a.dt === 'scalar') return toScalarValue(scalarUnary(op, a, span));
  return cellwiseUnary(op, cellOperand(a, what, span) as MatrixBlock);
}

function arity(call: BuiltinCall, n: number): void {
  if (call.args.length !== n) {
    fail('DML3002', `operator ${call.name} takes ${n} operand(s), got ${call.args.length}`, call.span);
  }
}

export function registerOperators(reg: BuiltinRegistry): void {
  for (const op of [...ARITHMETIC_OPS, ...COMPARISON_OPS, '&', '|'] as const) {
    reg.register(op, (call) => {
      arity(call, 2);
      return applyBinary(op, call.args[0]!, call.args[1]!, call.span);
    });
  }
  for (const op of ['u-', '!'] as const) {
    reg.register(op, (call) => {
      arity(call, 1);
      return applyUnary(op, call.args[0]!, call.span);
    });
  }
}

/** Binds a call against its catalogue spec (shared by the cell-wise and aggregate groups). */
export function bindSpec(call: BuiltinCall): BoundArgs {
  const spec = builtinSpec(call.name);
  if (!spec) return fail('DML9001', `builtin ${call.name}() is not supported yet`, call.span);
  return BoundArgs.bind(call, spec);
}
