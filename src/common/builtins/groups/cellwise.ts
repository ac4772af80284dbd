/**
 * Catalogue entries for cell-wise math: abs exp log sqrt round floor ceil/ceiling sign, the trig
 * and hyperbolic functions, sigmoid, is.na/is.nan/is.infinite (and SystemDS's isNA/isNaN/isInf
 * spellings), the bitw* functions, xor and ppred. These are positional in SystemDS; the first
 * argument is called `target` as elsewhere. A matrix argument gives a matrix; scalars give scalars.
 * (n-ary min/max share their entries with the aggregates.)
 */
import type { BuiltinSpec, TypeInfo } from '../spec.js';
import { T } from '../spec.js';
import { broadcast, logShape, sameAsTarget } from '../shape-rules.js';

type Returns = BuiltinSpec['returns'];

function anyMatrix(args: ReadonlyMap<string, TypeInfo>): boolean {
  for (const t of args.values()) if (t.dataType === 'matrix') return true;
  return false;
}

function scalarOr(t: TypeInfo): Returns {
  return (args) => {
    if (anyMatrix(args)) return [T.matrix];
    const a = args.get('target');
    return [a?.dataType === 'scalar' ? t : T.unknown];
  };
}

const MATH: readonly [string, string][] = [
  ['abs', 'Absolute value.'],
  ['exp', 'e raised to the value.'],
  ['sqrt', 'Square root.'],
  ['round', "Rounds half up (Java's Math.round); NaN becomes 0."],
  ['floor', 'Largest integer not greater than the value.'],
  ['ceil', 'Smallest integer not less than the value.'],
  ['ceiling', 'Alias of ceil.'],
  ['sign', 'Sign of the value: -1, 0 or 1.'],
  ['sin', 'Sine (radians).'],
  ['cos', 'Cosine (radians).'],
  ['tan', 'Tangent (radians).'],
  ['asin', 'Arc sine.'],
  ['acos', 'Arc cosine.'],
  ['atan', 'Arc tangent.'],
  ['sinh', 'Hyperbolic sine.'],
  ['cosh', 'Hyperbolic cosine.'],
  ['tanh', 'Hyperbolic tangent.'],
  ['sigmoid', 'Logistic function 1 / (1 + exp(-x)).'],
];

const PREDICATES: readonly [string, string][] = [
  ['is.na', '1 (TRUE) where the value is NaN (DML has no separate NA).'],
  ['isNA', 'Alias of is.na.'],
  ['is.nan', '1 (TRUE) where the value is NaN.'],
  ['isNaN', 'Alias of is.nan.'],
  ['is.infinite', '1 (TRUE) where the value is +Inf or -Inf.'],
  ['isInf', 'Alias of is.infinite.'],
];

const BITWISE: readonly [string, string][] = [
  ['bitwAnd', 'Bitwise AND of the 64-bit integer values.'],
  ['bitwOr', 'Bitwise OR of the 64-bit integer values.'],
  ['bitwXor', 'Bitwise XOR of the 64-bit integer values.'],
  ['bitwShiftL', 'Shifts the first argument left by the second (64-bit).'],
  ['bitwShiftR', 'Shifts the first argument right by the second (arithmetic, 64-bit).'],
];

const two = [{ name: 'target' }, { name: 'e2' }] as const;
const broadcastTwo = broadcast('target', 'e2');
/** abs and sign keep zeros zero and non-zeros non-zero: the result has the input's nnz. */
const KEEPS_ZEROS: ReadonlySet<string> = new Set(['abs', 'sign']);

export const SPECS: readonly BuiltinSpec[] = [
  ...MATH.map(([name, doc]): BuiltinSpec => ({
    name,
    params: [{ name: 'target' }],
    returns: scalarOr(T.double),
    shape: sameAsTarget('target', KEEPS_ZEROS.has(name)),
    doc,
  })),
  ...PREDICATES.map(([name, doc]): BuiltinSpec => ({
    name,
    params: [{ name: 'target' }],
    returns: scalarOr(T.boolean),
    shape: sameAsTarget('target'),
    doc,
  })),
  {
    name: 'log',
    params: [{ name: 'target' }, { name: 'base', optional: true }],
    returns: scalarOr(T.double),
    shape: logShape,
    doc: 'Natural logarithm, or the logarithm to the given base.',
  },
  ...BITWISE.map(([name, doc]): BuiltinSpec => ({
    name,
    params: two,
    returns: scalarOr(T.int),
    shape: broadcastTwo,
    doc,
  })),
  {
    name: 'xor',
    params: two,
    returns: scalarOr(T.boolean),
    shape: broadcastTwo,
    doc: 'Logical exclusive or (non-zero is true).',
  },
  {
    name: 'ppred',
    params: [{ name: 'target' }, { name: 'e2' }, { name: 'op' }],
    returns: () => [T.matrix],
    shape: broadcastTwo,
    doc: 'Deprecated relational operator: ppred(X, s, ">") is X > s as a 0/1 matrix.',
  },
];
