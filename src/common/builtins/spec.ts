/**
 * The builtin catalogue's shape. One catalogue (src/common/builtins/catalogue.ts, assembled from
 * one file per group) is the single source of builtin names, parameter names and order, arity
 * and result types: analysis checks calls against it, the optimizer binds arguments with it, and
 * the engine binds runtime values with the same `bindArguments`.
 */
import type { ShapeError } from '../shapes.js';
import type { DataType, Dims, ValueType } from '../types.js';

export interface ParamSpec {
  /** DML parameter name (as used in named calls, e.g. "target", "margin", "index.return"). */
  readonly name: string;
  /** May be omitted (the implementation supplies SystemDS's default). */
  readonly optional?: boolean;
  /** Collects all remaining positional arguments (cbind, min/max, print's format args, list). */
  readonly variadic?: boolean;
}

/** Static type of an argument or result. */
export interface TypeInfo {
  readonly dataType: DataType;
  readonly valueType: ValueType;
}

export interface BuiltinSpec {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  /**
   * Result types from the bound argument types (undefined where an optional argument is absent).
   * Multi-return builtins (eigen, lu, qr, svd, remove) return several.
   */
  readonly returns: (args: ReadonlyMap<string, TypeInfo>) => readonly TypeInfo[];
  /** Number of outputs (1 unless multi-return; 0 for statement builtins such as print). */
  readonly outputs?: number;
  /** print, write, stop, assert: only valid as statements; never removed as dead code. */
  readonly sideEffect?: boolean;
  /** rand/sample/time: two calls are never merged by CSE and never folded. */
  readonly nondeterministic?: boolean;
  /** Accepts arbitrary extra named arguments (e.g. read's format options, list(a=..)). */
  readonly openNamed?: boolean;
  /**
   * Output-shape rule: the dims of the (first) result from the arguments' shapes, or the size
   * error they make certain. Size propagation (HOP dims), analysis (dims known from literals)
   * and the engine's checks all ask this one rule (see shape-rules.ts); absent: dims unknown.
   */
  readonly shape?: ShapeRule;
  /** One-line description for the REPL's help and the docs. */
  readonly doc: string;
}

/** What a shape rule knows of one argument: its data type, its dims (-1 unknown) and its literal value. */
export interface ShapeArg {
  readonly dataType: DataType;
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  /** The value when the argument is a literal (compile time) or a scalar (run time). */
  readonly value?: number | string | boolean;
}

/** A call's arguments as a shape rule sees them, bound to the builtin's parameter names. */
export interface ShapeArgs {
  /** The builtin's name (operator symbol for operators), for messages. */
  readonly op: string;
  get(param: string): ShapeArg | undefined;
  /** The arguments collected by the variadic parameter, in order. */
  readonly rest: readonly ShapeArg[];
}

/** Result dims (scalars: 0 x 0), or the size error the arguments make certain. */
export type ShapeResult = { readonly dims: Dims } | { readonly error: ShapeError };

/** Undefined when the rule cannot tell (the dims stay unknown). */
export type ShapeRule = (args: ShapeArgs) => ShapeResult | undefined;

export const T = {
  scalar: (valueType: ValueType): TypeInfo => ({ dataType: 'scalar', valueType }),
  matrix: { dataType: 'matrix', valueType: 'double' } as TypeInfo,
  frame: { dataType: 'frame', valueType: 'unknown' } as TypeInfo,
  list: { dataType: 'list', valueType: 'unknown' } as TypeInfo,
  unknown: { dataType: 'unknown', valueType: 'unknown' } as TypeInfo,
  double: { dataType: 'scalar', valueType: 'double' } as TypeInfo,
  int: { dataType: 'scalar', valueType: 'int' } as TypeInfo,
  boolean: { dataType: 'scalar', valueType: 'boolean' } as TypeInfo,
  string: { dataType: 'scalar', valueType: 'string' } as TypeInfo,
} as const;
