/**
 * Cell-wise math builtins: abs exp log sqrt round floor ceil ceiling sign, trig and hyperbolic
 * functions, sigmoid, is.na/is.nan/is.infinite (and isNA/isNaN/isInf), bitwAnd bitwOr bitwXor
 * bitwShiftL bitwShiftR, xor, ppred. Scalars in give scalars out; matrices give matrices.
 */
import { fail } from '../../common/diagnostics.js';
import { BITWISE_OPS, COMPARISON_OPS, UNARY_MATH, type UnaryOp } from '../../common/scalar-ops.js';
import type { Value } from '../data/values.js';
import { applyBinary, applyUnary, bindSpec } from './operators.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';

const ALIASES: readonly [string, UnaryOp][] = [
  ['is.na', 'is.na'],
  ['isNA', 'is.na'],
  ['is.nan', 'is.nan'],
  ['isNaN', 'is.nan'],
  ['is.infinite', 'is.infinite'],
  ['isInf', 'is.infinite'],
];

function logImpl(call: BuiltinCall): Value {
  const a = bindSpec(call);
  const x = a.required('target');
  const base = a.get('base');
  if (base === undefined) return applyUnary('log', x, call.span, 'log()');
  return applyBinary('log', x, base, call.span, 'log()');
}

function ppredImpl(call: BuiltinCall): Value {
  const a = bindSpec(call);
  const op = a.string('op');
  if (!(COMPARISON_OPS as readonly string[]).includes(op)) {
    fail('DML3001', `ppred(): op must be one of ${COMPARISON_OPS.join(' ')}, got "${op}"`, call.span);
  }
  return applyBinary(
    op as (typeof COMPARISON_OPS)[number],
    a.required('target'),
    a.required('e2'),
    call.span,
    'ppred()',
  );
}

export function registerCellwise(reg: BuiltinRegistry): void {
  for (const op of UNARY_MATH) {
    if (op === 'log') continue;
    reg.register(op, (call) => applyUnary(op, bindSpec(call).required('target'), call.span, `${op}()`));
  }
  for (const [name, op] of ALIASES) {
    reg.register(name, (call) => applyUnary(op, bindSpec(call).required('target'), call.span, `${name}()`));
  }
  reg.register('log', logImpl);
  for (const op of [...BITWISE_OPS, 'xor'] as const) {
    reg.register(op, (call) => {
      const a = bindSpec(call);
      return applyBinary(op, a.required('target'), a.required('e2'), call.span, `${op}()`);
    });
  }
  reg.register('ppred', ppredImpl);
}
