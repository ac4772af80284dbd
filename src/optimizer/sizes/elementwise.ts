/** Sizes of cell-wise operators and builtins: binary with broadcasting, unary, n-ary min/max. */
import { fail } from '../../common/diagnostics.js';
import { UNARY_MATH, UNARY_PREDICATES } from '../../common/scalar-ops.js';
import type { Dims } from '../../common/types.js';
import type { Hop } from '../hop.js';
import { arithmeticValueType, dims, isMatrixLike, matrix, scalar, UNKNOWN, type HopShape } from './common.js';
import type { HopDraft } from './draft.js';

const ARITH = new Set(['+', '-', '*', '/', '^', '%%', '%/%']);
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const LOGICAL = new Set(['&', '|', 'xor']);
const BITWISE = new Set(['bitwAnd', 'bitwOr', 'bitwXor', 'bitwShiftL', 'bitwShiftR']);

/** Cell-wise unary builtins: the result has the input's shape. */
export const UNARY_CELLWISE = new Set<string>([
  'u-',
  '!',
  ...UNARY_MATH,
  ...UNARY_PREDICATES,
  'cumsum',
  'cumprod',
  'cummin',
  'cummax',
  'rowcumsum',
  'rev',
  'lower.tri',
  'upper.tri',
  'replace',
]);

/** Broadcast result of two matrix dims; a conflict is a compile-time error (DML4001). */
function broadcast(a: Dims, b: Dims, h: HopDraft): Dims {
  const one = (x: number, y: number, what: string): number => {
    // With one side unknown, a known side > 1 decides (the other must equal it or be 1).
    if (x < 0 || y < 0) return x < 0 && y < 0 ? -1 : x < 0 ? (y > 1 ? y : -1) : x > 1 ? x : -1;
    if (x === y || y === 1) return x;
    if (x === 1) return y;
    return fail(
      'DML4001',
      `dimension mismatch in '${h.op}': ${a.rows}x${a.cols} and ${b.rows}x${b.cols} (${what} differ)`,
      h.span,
    );
  };
  const rows = one(a.rows, b.rows, 'rows');
  const cols = one(a.cols, b.cols, 'columns');
  return dims(rows, cols);
}

function binaryShape(h: HopDraft, a: Hop, b: Hop): HopShape {
  const op = h.op;
  if (isMatrixLike(a) || isMatrixLike(b)) {
    if (isMatrixLike(a) && isMatrixLike(b)) return matrix(broadcast(a.dims, b.dims, h));
    return matrix(isMatrixLike(a) ? { ...a.dims, nnz: -1 } : { ...b.dims, nnz: -1 });
  }
  if (a.dataType === 'unknown' || b.dataType === 'unknown') {
    return { dataType: 'unknown', valueType: 'unknown', dims: UNKNOWN };
  }
  if (COMPARE.has(op) || LOGICAL.has(op)) return scalar('boolean');
  if (BITWISE.has(op)) return scalar('int');
  if (op === 'min' || op === 'max') return scalar(arithmeticValueType('+', a.valueType, b.valueType));
  return scalar(arithmeticValueType(op, a.valueType, b.valueType));
}

export function elementwiseShape(h: HopDraft): HopShape | undefined {
  const op = h.op;
  const ins = h.inputs;
  if ((ARITH.has(op) || COMPARE.has(op) || LOGICAL.has(op) || BITWISE.has(op)) && ins.length === 2) {
    return binaryShape(h, ins[0]!, ins[1]!);
  }
  if ((op === 'min' || op === 'max') && ins.length >= 2) {
    let shape = binaryShape(h, ins[0]!, ins[1]!);
    for (const next of ins.slice(2)) {
      const cur = {
        ...ins[0]!,
        dataType: shape.dataType,
        valueType: shape.valueType,
        dims: shape.dims,
      } as Hop;
      shape = binaryShape(h, cur, next);
    }
    return shape;
  }
  if (UNARY_CELLWISE.has(op) && ins.length >= 1) {
    const x = ins[0]!;
    if (isMatrixLike(x))
      return matrix({ ...x.dims, nnz: op === 'u-' || op === 'abs' || op === 'sign' ? x.dims.nnz : -1 });
    if (x.dataType === 'unknown') return undefined;
    if (op === '!' || op === 'is.na' || op === 'is.nan' || op === 'is.infinite') return scalar('boolean');
    if (op === 'u-' || op === 'abs' || op === 'sign')
      return scalar(x.valueType === 'boolean' ? 'int' : x.valueType);
    if (op === 'round' || op === 'floor' || op === 'ceil' || op === 'ceiling') return scalar('double');
    return scalar('double');
  }
  if (op === 'ifelse' && ins.length === 3) {
    const ms = ins.filter(isMatrixLike);
    if (ms.length === 0) return undefined;
    let d = ms[0]!.dims;
    for (const m of ms.slice(1)) d = broadcast(d, m.dims, h);
    return matrix(dims(d.rows, d.cols));
  }
  return undefined;
}
