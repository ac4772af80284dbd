/** Loop ranges and declared-type coercion for function parameters and outputs. */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { DataType, ValueType } from '../../common/types.js';
import { describe, toNumber } from '../builtins/args.js';
import { dbl, int, type Value } from '../data/values.js';

/**
 * The values a for loop takes. `a:b` steps by +1, or by -1 when a > b; `seq(a, b, by)` steps by
 * `by`, whose sign must agree with b - a. The variable is an int when every bound is integral.
 */
export function* forLoopValues(
  fromV: Value,
  toV: Value,
  byV: Value | undefined,
  isSeq: boolean,
  span: Span,
): Generator<Value> {
  const from = toNumber(fromV, 'for-loop start', span);
  const to = toNumber(toV, 'for-loop end', span);
  let by = byV === undefined ? (from <= to ? 1 : -1) : toNumber(byV, 'for-loop increment', span);
  if (Number.isNaN(from) || Number.isNaN(to) || Number.isNaN(by))
    fail('DML5004', 'for-loop bounds must not be NaN', span);
  if (by === 0) fail('DML5004', 'for-loop increment must not be 0', span);
  if (byV !== undefined && from !== to && Math.sign(to - from) !== Math.sign(by)) {
    if (isSeq) fail('DML5004', `wrong sign of the increment in seq(${from}, ${to}, ${by})`, span);
    by = -by;
  }
  const integral = Number.isInteger(from) && Number.isInteger(to) && Number.isInteger(by);
  // Count first (as SystemDS does), so floating-point accumulation cannot add or drop an iteration.
  const n = Math.floor((to - from) / by + 1e-10) + 1;
  if (!Number.isFinite(n)) fail('DML5004', 'for-loop over an infinite range', span);
  for (let k = 0; k < n; k++) {
    const v = from + k * by;
    yield integral ? int(v) : dbl(v);
  }
}

/** Converts a value to a declared parameter/output type (int <-> double), or fails on a data-type mismatch. */
export function coerceToDeclared(
  v: Value,
  dataType: DataType,
  valueType: ValueType,
  what: string,
  span: Span,
): Value {
  if (dataType === 'unknown') return v;
  if (dataType !== v.dt) {
    fail(
      'DML3001',
      `${what} is declared ${dataType}${dataType === 'scalar' ? '' : `[${valueType}]`}, got a ${describe(v)}`,
      span,
    );
  }
  if (v.dt !== 'scalar') return v;
  if (valueType === 'double' && v.vt === 'int') return dbl(v.value);
  if (valueType === 'int' && v.vt === 'double' && Number.isInteger(v.value)) return int(v.value);
  return v;
}
