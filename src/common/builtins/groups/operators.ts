/**
 * Catalogue entries for the cell-wise operators, registered under their symbols (`+`, `%/%`,
 * `u-`, `!`, ...). Scripts reach them through operator syntax, not calls; the entries give the
 * optimizer and the engine one place for their arity and result types. `%*%` is linear algebra.
 */
import type { BuiltinSpec, TypeInfo } from '../spec.js';
import { T } from '../spec.js';
import { broadcast, sameAsTarget } from '../shape-rules.js';

const binaryParams = [{ name: 'e1' }, { name: 'e2' }] as const;
const cellwiseBinary = broadcast('e1', 'e2');

function isMatrix(t: TypeInfo | undefined): boolean {
  return t?.dataType === 'matrix';
}

function isNumericKind(v: string | undefined): 'int' | 'double' | 'other' {
  if (v === 'int' || v === 'boolean') return 'int';
  if (v === 'double') return 'double';
  return 'other';
}

/** + - * %/% %% : matrix if either side is; int op int stays int; + with a string concatenates. */
function arithmetic(op: string): BuiltinSpec['returns'] {
  return (args) => {
    const a = args.get('e1');
    const b = args.get('e2');
    if (isMatrix(a) || isMatrix(b)) return [T.matrix];
    if (a?.dataType !== 'scalar' || b?.dataType !== 'scalar') return [T.unknown];
    if (op === '+' && (a.valueType === 'string' || b.valueType === 'string')) return [T.string];
    if (op === '/' || op === '^') return [T.double];
    const ka = isNumericKind(a.valueType);
    const kb = isNumericKind(b.valueType);
    if (ka === 'double' || kb === 'double') return [T.double];
    if (ka === 'int' && kb === 'int') return [T.int];
    return [T.scalar('unknown')];
  };
}

const booleanResult: BuiltinSpec['returns'] = (args) => {
  const a = args.get('e1');
  const b = args.get('e2');
  if (isMatrix(a) || isMatrix(b)) return [T.matrix];
  if (a?.dataType === 'scalar' && b?.dataType === 'scalar') return [T.boolean];
  return [T.unknown];
};

const ARITH: readonly [string, string][] = [
  ['+', 'Addition (or string concatenation when either side is a string).'],
  ['-', 'Subtraction.'],
  ['*', 'Cell-wise multiplication.'],
  ['/', 'Division (always double).'],
  ['^', 'Power (always double).'],
  ['%%', 'Modulus a - (a %/% b) * b: takes the sign of the dividend; x %% 0 is NaN.'],
  ['%/%', 'Integer division, truncating toward zero.'],
];

const COMPARE: readonly [string, string][] = [
  ['==', 'Equal (0/1 on matrices).'],
  ['!=', 'Not equal (0/1 on matrices).'],
  ['<', 'Less than (0/1 on matrices).'],
  ['<=', 'Less than or equal (0/1 on matrices).'],
  ['>', 'Greater than (0/1 on matrices).'],
  ['>=', 'Greater than or equal (0/1 on matrices).'],
  ['&', 'Logical and, never short-circuits (non-zero is true).'],
  ['|', 'Logical or, never short-circuits (non-zero is true).'],
];

export const SPECS: readonly BuiltinSpec[] = [
  ...ARITH.map(([name, doc]): BuiltinSpec => ({
    name,
    params: binaryParams,
    returns: arithmetic(name),
    shape: cellwiseBinary,
    doc,
  })),
  ...COMPARE.map(([name, doc]): BuiltinSpec => ({
    name,
    params: binaryParams,
    returns: booleanResult,
    shape: cellwiseBinary,
    doc,
  })),
  {
    name: 'u-',
    params: [{ name: 'e1' }],
    returns: (args) => {
      const a = args.get('e1');
      if (isMatrix(a)) return [T.matrix];
      if (a?.dataType !== 'scalar') return [T.unknown];
      return [a.valueType === 'boolean' ? T.int : a];
    },
    shape: sameAsTarget('e1', true),
    doc: 'Unary minus.',
  },
  {
    name: '!',
    params: [{ name: 'e1' }],
    returns: (args) => [isMatrix(args.get('e1')) ? T.matrix : T.boolean],
    shape: sameAsTarget('e1'),
    doc: 'Logical not (0/1 on matrices).',
  },
];
