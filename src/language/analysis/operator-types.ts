/**
 * Static result types of DML's unary and binary operators (SystemDS's BinaryExpression /
 * BooleanExpression / RelationalExpression validation, simplified to what is knowable here).
 */
import type { TypeInfo } from '../../common/builtins/spec.js';
import { T } from '../../common/builtins/spec.js';
import { cellwiseShape, type ShapeError } from '../../common/shapes.js';
import type { Dims, ValueType } from '../../common/types.js';
import type { BinaryOp, UnaryOp } from '../ast.js';

export type OpResult = { readonly type: TypeInfo; readonly error?: string };

const ARITH_INT: ReadonlySet<BinaryOp> = new Set(['+', '-', '*', '%/%', '%%']);
const COMPARE: ReadonlySet<BinaryOp> = new Set(['>', '>=', '<', '<=', '==', '!=']);
const LOGIC: ReadonlySet<BinaryOp> = new Set(['&', '|', '&&', '||']);

function describe(t: TypeInfo): string {
  return t.dataType === 'scalar' ? `${t.valueType} scalar` : t.dataType;
}

/** Booleans count as integers in arithmetic (TRUE + 1 is 2). */
function numericKind(v: ValueType): 'int' | 'double' | 'unknown' {
  if (v === 'int' || v === 'boolean') return 'int';
  if (v === 'double') return 'double';
  return 'unknown';
}

export function unaryType(op: UnaryOp, t: TypeInfo): OpResult {
  if (t.dataType === 'list' || t.dataType === 'frame') {
    return { type: T.unknown, error: `operator ${op} cannot be applied to a ${t.dataType}` };
  }
  if (t.dataType === 'scalar' && t.valueType === 'string') {
    return { type: T.unknown, error: `operator ${op} cannot be applied to a string` };
  }
  if (t.dataType === 'matrix') return { type: T.matrix };
  if (t.dataType === 'unknown') return { type: T.unknown };
  if (op === '!') return { type: T.boolean };
  return { type: t.valueType === 'boolean' ? T.int : t };
}

export function binaryType(op: BinaryOp, l: TypeInfo, r: TypeInfo): OpResult {
  if (op === '%*%') {
    for (const t of [l, r]) {
      if (t.dataType === 'scalar' || t.dataType === 'frame' || t.dataType === 'list') {
        return { type: T.matrix, error: `%*% needs matrices on both sides, got a ${describe(t)}` };
      }
    }
    return { type: T.matrix };
  }
  for (const t of [l, r]) {
    if (t.dataType === 'list')
      return { type: T.unknown, error: `operator ${op} cannot be applied to a list` };
  }
  const isString = (t: TypeInfo): boolean => t.dataType === 'scalar' && t.valueType === 'string';
  if (l.dataType === 'matrix' || r.dataType === 'matrix') {
    if (isString(l) || isString(r))
      return { type: T.matrix, error: `operator ${op} cannot combine a matrix and a string` };
    if (l.dataType === 'frame' || r.dataType === 'frame') return { type: T.unknown };
    return { type: T.matrix };
  }
  if (l.dataType === 'frame' || r.dataType === 'frame') return { type: T.unknown };
  const bothScalar = l.dataType === 'scalar' && r.dataType === 'scalar';
  if (COMPARE.has(op)) return { type: bothScalar ? T.boolean : T.unknown };
  if (LOGIC.has(op)) {
    if (isString(l) || isString(r))
      return { type: T.boolean, error: `operator ${op} cannot be applied to a string` };
    return { type: bothScalar ? T.boolean : T.unknown };
  }
  // arithmetic
  if (op === '+' && (isString(l) || isString(r))) return { type: T.string };
  if (isString(l) || isString(r))
    return { type: T.unknown, error: `operator ${op} cannot be applied to a string` };
  if (!bothScalar) return { type: T.unknown };
  if (op === '/' || op === '^') return { type: T.double };
  const a = numericKind(l.valueType);
  const b = numericKind(r.valueType);
  if (a === 'double' || b === 'double') return { type: T.double };
  if (a === 'int' && b === 'int' && ARITH_INT.has(op)) return { type: T.int };
  return { type: T.scalar('unknown') };
}

export type DimsResult = { readonly dims?: Dims; readonly error?: ShapeError };

const fmt = (d: Dims): string => `${d.rows}x${d.cols}`;

/**
 * Result dims of a matrix-matrix operator when both sides' dims are known: matrix multiply, or a
 * cell-wise op by the broadcasting rule size propagation and the engine use (src/common/shapes.ts).
 */
export function binaryDims(op: BinaryOp, l: Dims, r: Dims): DimsResult {
  if (op === '%*%') {
    if (l.cols !== r.rows)
      return {
        error: {
          code: 'DML4001',
          message: `%*% of a ${fmt(l)} and a ${fmt(r)} matrix: inner dimensions ${l.cols} and ${r.rows} differ`,
        },
      };
    return { dims: { rows: l.rows, cols: r.cols, nnz: -1 } };
  }
  const out = cellwiseShape(op, l, r, 'compile');
  if (!out.ok) return { error: out.error };
  return out.shape === 'scalar' ? {} : { dims: { rows: out.shape.rows, cols: out.shape.cols, nnz: -1 } };
}
