/**
 * Runtime values of DML: scalars, matrices, frames and lists.
 * Scalars are immutable; matrices and frames are treated as immutable by every kernel
 * (a kernel returns a new block), which is what gives DML its by-value semantics cheaply.
 */
import { MatrixBlock } from './matrix-block.js';
import { markEscaped } from './buffer-owners.js';

export type ScalarType = 'double' | 'int' | 'boolean' | 'string';

export type ScalarValue =
  | { readonly dt: 'scalar'; readonly vt: 'double'; readonly value: number }
  | { readonly dt: 'scalar'; readonly vt: 'int'; readonly value: number }
  | { readonly dt: 'scalar'; readonly vt: 'boolean'; readonly value: boolean }
  | { readonly dt: 'scalar'; readonly vt: 'string'; readonly value: string };

/** Frame column types (SystemDS's STRING, FP64, INT64, BOOLEAN; FP32/INT32 read as FP64/INT64). */
export type FrameColumnType = 'string' | 'double' | 'int' | 'boolean';
export type FrameCell = string | number | boolean | null;

/** A frame: columns of one type each, with names. Cells may be null (missing). */
export class FrameBlock {
  readonly dt = 'frame' as const;
  constructor(
    readonly schema: readonly FrameColumnType[],
    readonly columnNames: readonly string[],
    /** columns[j][i] is the cell (i, j). */
    readonly columns: readonly (readonly FrameCell[])[],
  ) {
    if (schema.length !== columns.length || columnNames.length !== columns.length) {
      throw new RangeError('frame schema, names and columns differ in length');
    }
  }
  get rows(): number {
    return this.columns.length === 0 ? 0 : this.columns[0]!.length;
  }
  get cols(): number {
    return this.columns.length;
  }
  get(i: number, j: number): FrameCell {
    return this.columns[j]![i] ?? null;
  }
  static defaultNames(n: number): string[] {
    return Array.from({ length: n }, (_, j) => `C${j + 1}`);
  }
}

/** A heterogeneous list with optional names (all or none named, as in SystemDS). */
export class ListValue {
  readonly dt = 'list' as const;
  constructor(
    readonly items: readonly Value[],
    /** One name per item, or undefined for an unnamed list. */
    readonly names?: readonly string[],
  ) {
    if (names && names.length !== items.length) throw new RangeError('list names and items differ in length');
    // A list keeps its matrices beyond any symbol-table slot: their buffers must not be reused.
    for (const it of items) if (it.dt === 'matrix') markEscaped(it.peekDense());
  }
  get length(): number {
    return this.items.length;
  }
}

export type Value = ScalarValue | MatrixBlock | FrameBlock | ListValue;

// ---------------------------------------------------------------- scalar constructors

export const dbl = (value: number): ScalarValue => ({ dt: 'scalar', vt: 'double', value });
export const int = (value: number): ScalarValue => ({ dt: 'scalar', vt: 'int', value });
export const bool = (value: boolean): ScalarValue => ({ dt: 'scalar', vt: 'boolean', value });
export const str = (value: string): ScalarValue => ({ dt: 'scalar', vt: 'string', value });

export function isScalar(v: Value): v is ScalarValue {
  return v.dt === 'scalar';
}
export function isMatrix(v: Value): v is MatrixBlock {
  return v.dt === 'matrix';
}

export { MatrixBlock };
