/**
 * Scalar semantics of DML operators and cell-wise functions, shared by the engine (scalar
 * instructions and the per-cell functions of matrix kernels) and by the optimizer's constant
 * folding, so that folding a constant never changes a result.
 *
 * Typing follows SystemDS: int op int stays int for + - * %/% %% min max (booleans count as int
 * 0/1); / and ^ give double; comparisons and & | ! xor give boolean; + with a string on either side
 * concatenates the string forms. Integer results beyond 2^53 throw DML5003 rather than lose digits.
 */
import { fail } from './diagnostics.js';
import { javaDoubleToString } from './format-number.js';
import type { Span } from './span.js';

/** A scalar as the optimizer (LiteralValue) and the engine (ScalarValue minus dt) both hold it. */
export type ScalarLike =
  | { readonly vt: 'double'; readonly value: number }
  | { readonly vt: 'int'; readonly value: number }
  | { readonly vt: 'boolean'; readonly value: boolean }
  | { readonly vt: 'string'; readonly value: string };

export const ARITHMETIC_OPS = ['+', '-', '*', '/', '^', '%%', '%/%'] as const;
export const COMPARISON_OPS = ['==', '!=', '<', '<=', '>', '>='] as const;
export const LOGICAL_OPS = ['&', '|', 'xor'] as const;
export const BITWISE_OPS = ['bitwAnd', 'bitwOr', 'bitwXor', 'bitwShiftL', 'bitwShiftR'] as const;
/** Binary builtin functions that apply cell-wise (log with a base, n-ary min/max folded pairwise). */
export const BINARY_FUNCTIONS = ['min', 'max', 'log'] as const;

export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type LogicalOp = (typeof LOGICAL_OPS)[number];
export type BitwiseOp = (typeof BITWISE_OPS)[number];
export type BinaryOp =
  ArithmeticOp | ComparisonOp | LogicalOp | BitwiseOp | (typeof BINARY_FUNCTIONS)[number];

export const UNARY_MATH = [
  'abs',
  'exp',
  'log',
  'sqrt',
  'round',
  'floor',
  'ceil',
  'ceiling',
  'sign',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'sigmoid',
] as const;
export const UNARY_PREDICATES = ['is.na', 'is.nan', 'is.infinite'] as const;
export type UnaryMathOp = (typeof UNARY_MATH)[number];
export type UnaryPredicateOp = (typeof UNARY_PREDICATES)[number];
export type UnaryOp = 'u-' | '!' | UnaryMathOp | UnaryPredicateOp;

const BINARY_SET: ReadonlySet<string> = new Set<string>([
  ...ARITHMETIC_OPS,
  ...COMPARISON_OPS,
  ...LOGICAL_OPS,
  ...BITWISE_OPS,
  ...BINARY_FUNCTIONS,
]);
const UNARY_SET: ReadonlySet<string> = new Set<string>(['u-', '!', ...UNARY_MATH, ...UNARY_PREDICATES]);

export function isBinaryOp(op: string): op is BinaryOp {
  return BINARY_SET.has(op);
}
export function isUnaryOp(op: string): op is UnaryOp {
  return UNARY_SET.has(op);
}

// ---------------------------------------------------------------- per-cell number functions

/** SystemDS's double-to-long cast: sign(v) * floor(|v| + eps) (UtilFunctions.toLong). */
const DOUBLE_EPS = Math.pow(2, -53);
export function toLongEps(v: number): number {
  return Math.sign(v) * Math.floor(Math.abs(v) + DOUBLE_EPS) + 0;
}

/** a %/% b: double division, then the eps-cast toward zero unless the quotient is NaN or ±Inf. */
export function intDiv(a: number, b: number): number {
  const q = a / b;
  if (Number.isNaN(q) || !Number.isFinite(q)) return q;
  return toLongEps(q);
}

/** a %% b = a - (a %/% b) * b; NaN when b is 0 (SystemDS's Modulus). */
export function modulus(a: number, b: number): number {
  if (b === 0) return NaN;
  return a - intDiv(a, b) * b;
}

/** Java's Math.round on a double: floor(x + 1/2) as a long, NaN -> 0, saturating at the long range. */
const LONG_MAX = 2 ** 63; // Long.MAX_VALUE as the nearest double
export function javaRound(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x >= LONG_MAX) return LONG_MAX;
  if (x <= -LONG_MAX) return -LONG_MAX;
  return Math.round(x) + 0; // JS Math.round also rounds half up; `+ 0` turns -0 into 0 (a long has no -0)
}

/** 1 or 0. Number(b) compiles to a flag move; `b ? 1 : 0` branches, and a comparison over random
 * data mispredicts half the time (a dense `X > 0` ran 5x slower that way). */
function bool01(b: boolean): number {
  return Number(b);
}

const LONG_MAX_BIG = (1n << 63n) - 1n;
const LONG_MIN_BIG = -(1n << 63n);

/** Java's (long) cast of a double: truncation, NaN -> 0, saturating at the long range. */
function toLongBig(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 2 ** 63) return LONG_MAX_BIG;
  if (x <= -(2 ** 63)) return LONG_MIN_BIG;
  return BigInt(Math.trunc(x));
}

/** Bitwise ops on the 64-bit integer values of the operands (SystemDS casts doubles to long). */
function bitwise(op: BitwiseOp, a: number, b: number): number {
  const x = toLongBig(a);
  const y = toLongBig(b);
  let r: bigint;
  switch (op) {
    case 'bitwAnd':
      r = x & y;
      break;
    case 'bitwOr':
      r = x | y;
      break;
    case 'bitwXor':
      r = x ^ y;
      break;
    case 'bitwShiftL':
      r = BigInt.asIntN(64, x << BigInt(Number(y) & 63));
      break;
    case 'bitwShiftR':
      r = x >> BigInt(Number(y) & 63);
      break;
  }
  return Number(r);
}

/**
 * The double-valued cell function of a binary op, as matrix kernels apply it (matrices hold
 * doubles only; comparisons and logical ops give 0/1). NaN/Inf behave as in Java.
 */
export function binaryCellFn(op: BinaryOp): (a: number, b: number) => number {
  switch (op) {
    case '+':
      return (a, b) => a + b;
    case '-':
      return (a, b) => a - b;
    case '*':
      return (a, b) => a * b;
    case '/':
      return (a, b) => a / b;
    case '^':
      return javaPow;
    case '%%':
      return modulus;
    case '%/%':
      return intDiv;
    case '==':
      return (a, b) => bool01(a === b);
    case '!=':
      return (a, b) => bool01(a !== b);
    case '<':
      return (a, b) => bool01(a < b);
    case '<=':
      return (a, b) => bool01(a <= b);
    case '>':
      return (a, b) => bool01(a > b);
    case '>=':
      return (a, b) => bool01(a >= b);
    case '&':
      return (a, b) => bool01(a !== 0 && b !== 0);
    case '|':
      return (a, b) => bool01(a !== 0 || b !== 0);
    case 'xor':
      return (a, b) => bool01((a !== 0) !== (b !== 0));
    case 'min':
      return Math.min; // propagates NaN like Java's Math.min
    case 'max':
      return Math.max;
    case 'log':
      return (a, b) => Math.log(a) / Math.log(b);
    case 'bitwAnd':
    case 'bitwOr':
    case 'bitwXor':
    case 'bitwShiftL':
    case 'bitwShiftR':
      return (a, b) => bitwise(op, a, b);
  }
}

/** Java's Math.pow; JS's agrees on every special case (1^Inf and 1^NaN are NaN in both). */
export function javaPow(a: number, b: number): number {
  return Math.pow(a, b);
}

/** The double-valued cell function of a unary op (0/1 for predicates and `!`). */
export function unaryCellFn(op: UnaryOp): (a: number) => number {
  switch (op) {
    case 'u-':
      return (a) => -a;
    case '!':
      return (a) => bool01(a === 0);
    case 'abs':
      return Math.abs;
    case 'exp':
      return Math.exp;
    case 'log':
      return Math.log;
    case 'sqrt':
      return Math.sqrt;
    case 'round':
      return javaRound;
    case 'floor':
      return Math.floor;
    case 'ceil':
    case 'ceiling':
      return Math.ceil;
    case 'sign':
      return Math.sign;
    case 'sin':
      return Math.sin;
    case 'cos':
      return Math.cos;
    case 'tan':
      return Math.tan;
    case 'asin':
      return Math.asin;
    case 'acos':
      return Math.acos;
    case 'atan':
      return Math.atan;
    case 'sinh':
      return Math.sinh;
    case 'cosh':
      return Math.cosh;
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (a) => 1 / (1 + Math.exp(-a));
    case 'is.na':
    case 'is.nan':
      return (a) => bool01(Number.isNaN(a));
    case 'is.infinite':
      return (a) => bool01(a === Infinity || a === -Infinity);
  }
}

// ---------------------------------------------------------------- scalar typing

/** The string form of a scalar as DML's concatenation and casts give it. */
export function scalarString(v: ScalarLike): string {
  switch (v.vt) {
    case 'string':
      return v.value;
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'int':
      return String(v.value);
    case 'double':
      return javaDoubleToString(v.value);
  }
}

function numberOf(v: ScalarLike, op: string, span?: Span): number {
  if (v.vt === 'string')
    return fail('DML3001', `operator '${op}' is not defined for a string operand ("${v.value}")`, span);
  if (v.vt === 'boolean') return v.value ? 1 : 0;
  return v.value;
}

function truthOf(v: ScalarLike, op: string, span?: Span): boolean {
  if (v.vt === 'boolean') return v.value;
  if (v.vt === 'string')
    return fail('DML3001', `operator '${op}' is not defined for a string operand ("${v.value}")`, span);
  return v.value !== 0;
}

/** An int result; NaN/±Inf (x %/% 0, x %% 0) stay doubles, values beyond 2^53 are an error. */
function intResult(x: number, span?: Span): ScalarLike {
  if (!Number.isFinite(x)) return { vt: 'double', value: x };
  if (Math.abs(x) > Number.MAX_SAFE_INTEGER) {
    return fail('DML5003', `integer overflow: result ${x} exceeds the exact integer range (2^53)`, span);
  }
  return { vt: 'int', value: x + 0 };
}

const INT_PRESERVING: ReadonlySet<string> = new Set(['+', '-', '*', '%/%', '%%', 'min', 'max']);

/** `a op b` on scalars, with SystemDS's result types. */
export function scalarBinary(op: BinaryOp, a: ScalarLike, b: ScalarLike, span?: Span): ScalarLike {
  if (op === '+' && (a.vt === 'string' || b.vt === 'string')) {
    return { vt: 'string', value: scalarString(a) + scalarString(b) };
  }
  if ((COMPARISON_OPS as readonly string[]).includes(op)) {
    if (a.vt === 'string' || b.vt === 'string') {
      const x = scalarString(a);
      const y = scalarString(b);
      return { vt: 'boolean', value: compareStrings(op as ComparisonOp, x, y) };
    }
    if (a.vt === 'boolean' && b.vt === 'boolean' && (op === '==' || op === '!=')) {
      return { vt: 'boolean', value: op === '==' ? a.value === b.value : a.value !== b.value };
    }
    return { vt: 'boolean', value: binaryCellFn(op)(numberOf(a, op, span), numberOf(b, op, span)) !== 0 };
  }
  if (op === '&' || op === '|' || op === 'xor') {
    const x = truthOf(a, op, span);
    const y = truthOf(b, op, span);
    return { vt: 'boolean', value: op === '&' ? x && y : op === '|' ? x || y : x !== y };
  }
  const x = numberOf(a, op, span);
  const y = numberOf(b, op, span);
  const r = binaryCellFn(op)(x, y);
  if ((BITWISE_OPS as readonly string[]).includes(op)) return intResult(r, span);
  const bothInt = a.vt !== 'double' && b.vt !== 'double';
  if (bothInt && INT_PRESERVING.has(op)) return intResult(r, span);
  return { vt: 'double', value: r };
}

function compareStrings(op: ComparisonOp, x: string, y: string): boolean {
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

/**
 * `op a` on a scalar: u- keeps int (booleans become int), ! gives boolean, the is.* predicates
 * give boolean, every math function gives double (SystemDS computes them on doubles).
 */
export function scalarUnary(op: UnaryOp, a: ScalarLike, span?: Span): ScalarLike {
  if (op === '!') return { vt: 'boolean', value: !truthOf(a, op, span) };
  const x = numberOf(a, op, span);
  if (op === 'u-') return a.vt === 'double' ? { vt: 'double', value: -x } : intResult(-x, span);
  const r = unaryCellFn(op)(x);
  if (op === 'is.na' || op === 'is.nan' || op === 'is.infinite') return { vt: 'boolean', value: r !== 0 };
  return { vt: 'double', value: r };
}
