/** DML data types (SystemDS's Types.DataType, minus tensors and encrypted types). */
export type DataType = 'scalar' | 'matrix' | 'frame' | 'list' | 'unknown';

/** DML value types: matrices always hold doubles; scalars and frame columns have one of these. */
export type ValueType = 'double' | 'int' | 'boolean' | 'string' | 'unknown';

/** Matrix characteristics; -1 means unknown (as in SystemDS). */
export interface Dims {
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
}

export const UNKNOWN_DIMS: Dims = Object.freeze({ rows: -1, cols: -1, nnz: -1 });

export function dimsKnown(d: Dims): boolean {
  return d.rows >= 0 && d.cols >= 0;
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
