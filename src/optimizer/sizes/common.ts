/** Shared helpers for size propagation: what an op's inputs look like and how results are built. */
import type { DataType, Dims, ValueType } from '../../common/types.js';
import type { Hop } from '../hop.js';

/** What size inference learns about a HOP (types may be overridden by analysis). */
export interface HopShape {
  readonly dataType: DataType;
  readonly valueType: ValueType;
  readonly dims: Dims;
}

/** Scalars carry [0,0,-1], as in SystemDS's explain output. */
export const SCALAR_DIMS: Dims = Object.freeze({ rows: 0, cols: 0, nnz: -1 });
export const UNKNOWN: Dims = Object.freeze({ rows: -1, cols: -1, nnz: -1 });

export function dims(rows: number, cols: number, nnz = -1): Dims {
  return { rows, cols, nnz };
}

export function scalar(valueType: ValueType): HopShape {
  return { dataType: 'scalar', valueType, dims: SCALAR_DIMS };
}

export function matrix(d: Dims): HopShape {
  return { dataType: 'matrix', valueType: 'double', dims: d };
}

export const UNKNOWN_SHAPE: HopShape = { dataType: 'unknown', valueType: 'unknown', dims: UNKNOWN };

export function isMatrixLike(h: Hop): boolean {
  return h.dataType === 'matrix' || h.dataType === 'frame';
}

/** A literal integral number held by a hop (int or integral double), else undefined. */
export function literalNumber(h: Hop | undefined): number | undefined {
  if (h === undefined || h.kind !== 'literal' || h.value === undefined) return undefined;
  const v = h.value;
  if (v.vt === 'int' || v.vt === 'double') return v.value;
  if (v.vt === 'boolean') return v.value ? 1 : 0;
  return undefined;
}

export function literalString(h: Hop | undefined): string | undefined {
  if (h === undefined || h.kind !== 'literal' || h.value?.vt !== 'string') return undefined;
  return h.value.value;
}

/** A literal that is a valid size (non-negative integer), else -1. */
export function literalSize(h: Hop | undefined): number {
  const n = literalNumber(h);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : -1;
}

/**
 * Binds the call's inputs to parameter names by a fixed positional order (names as written win).
 * Used for the few builtins whose sizes we read from arguments.
 */
export function argByName(h: Hop, order: readonly string[]): Map<string, Hop> {
  const out = new Map<string, Hop>();
  let p = 0;
  h.inputs.forEach((input, i) => {
    const name = h.argNames?.[i];
    if (name !== undefined) {
      out.set(name, input);
      return;
    }
    while (p < order.length && out.has(order[p]!)) p++;
    if (p < order.length) out.set(order[p++]!, input);
  });
  return out;
}
