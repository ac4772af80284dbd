/**
 * The builtin catalogue's shape. One catalogue (src/common/builtins/catalogue.ts, assembled from
 * one file per group) is the single source of builtin names, parameter names and order, arity
 * and result types: analysis checks calls against it, the optimizer binds arguments with it, and
 * the engine binds runtime values with the same `bindArguments`.
 */
import type { DataType, ValueType } from '../types.js';

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
  /** One-line description for the REPL's help and the docs. */
  readonly doc: string;
}

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
