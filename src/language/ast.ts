/**
 * The DML abstract syntax tree: plain immutable objects, discriminated on `kind`, each with a span.
 * Produced by the parser (cst-to-ast.ts), consumed by analysis and the optimizer.
 */
import type { Span } from '../common/span.js';
import type { DataType, ValueType } from '../common/types.js';

// ---------------------------------------------------------------- expressions

export interface IntLiteral {
  readonly kind: 'int';
  readonly value: number;
  readonly span: Span;
}
export interface DoubleLiteral {
  readonly kind: 'double';
  readonly value: number;
  readonly span: Span;
}
export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly span: Span;
}
export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly span: Span;
}

/** A variable reference. `name` never contains `::` (namespaced names appear only on calls). */
export interface Identifier {
  readonly kind: 'id';
  readonly name: string;
  readonly span: Span;
}

/** `$name` or `$1`: `name` is without the `$` ("name" or "1"). */
export interface CommandLineArg {
  readonly kind: 'arg';
  readonly name: string;
  readonly span: Span;
}

export type UnaryOp = '-' | '+' | '!';
export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span: Span;
}

export type BinaryOp =
  | '^'
  | '%*%'
  | '%/%'
  | '%%'
  | '*'
  | '/'
  | '+'
  | '-'
  | '>'
  | '>='
  | '<'
  | '<='
  | '=='
  | '!='
  | '&'
  | '|'
  | '&&'
  | '||';
export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** One call argument: positional when `name` is undefined. */
export interface Argument {
  readonly name?: string;
  readonly value: Expr;
  readonly span: Span;
}

/** `f(args)` or `ns::f(args)`: a builtin or user function (resolved by analysis). */
export interface CallExpr {
  readonly kind: 'call';
  readonly namespace?: string;
  readonly name: string;
  readonly args: readonly Argument[];
  readonly span: Span;
  /** Span of just the function name (for "unknown function" diagnostics). */
  readonly nameSpan: Span;
}

/** One part of an index: `i` (lower only), `a:b`, or empty (the whole part; null in IndexExpr). */
export interface IndexRange {
  readonly lower: Expr;
  readonly upper?: Expr;
  readonly span: Span;
}

/**
 * `X[rows, cols]` or list indexing `L[i]`. An empty part is null. `hasComma` is false for the
 * single-part form `L[i]` (lists), where `cols` is always null.
 */
export interface IndexExpr {
  readonly kind: 'index';
  readonly target: Identifier;
  readonly rows: IndexRange | null;
  readonly cols: IndexRange | null;
  readonly hasComma: boolean;
  readonly span: Span;
}

/** `ifdef($name, default)`: only valid as the right-hand side of an assignment. */
export interface IfdefExpr {
  readonly kind: 'ifdef';
  readonly arg: CommandLineArg;
  readonly fallback: Expr;
  readonly span: Span;
}

/** `[e1, e2, ...]` inside an expression (shape arguments of DNN builtins). */
export interface ExprList {
  readonly kind: 'exprList';
  readonly items: readonly Expr[];
  readonly span: Span;
}

export type Expr =
  | IntLiteral
  | DoubleLiteral
  | StringLiteral
  | BooleanLiteral
  | Identifier
  | CommandLineArg
  | UnaryExpr
  | BinaryExpr
  | CallExpr
  | IndexExpr
  | IfdefExpr
  | ExprList;

// ---------------------------------------------------------------- types in signatures

/** `Matrix[Double]`, `Double`, `List[Unknown]`, ... as written in a function signature. */
export interface TypeSpec {
  readonly dataType: DataType;
  readonly valueType: ValueType;
  readonly span: Span;
}

export interface Parameter {
  readonly name: string;
  readonly type: TypeSpec;
  readonly default?: Expr;
  readonly span: Span;
}
export interface OutputParam {
  readonly name: string;
  readonly type: TypeSpec;
  readonly span: Span;
}

// ---------------------------------------------------------------- statements

/** `x = e`, `x <- e`, `x += e`, `X[i, j] = e`, `L[i] = e`. */
export interface AssignStmt {
  readonly kind: 'assign';
  readonly target: Identifier | IndexExpr;
  readonly op: '=' | '<-' | '+=';
  readonly value: Expr;
  readonly span: Span;
}

/** `[a, b] = f(...)`. */
export interface MultiAssignStmt {
  readonly kind: 'multiAssign';
  readonly targets: readonly Identifier[];
  readonly call: CallExpr;
  readonly span: Span;
}

/** A call used as a statement: `print(x)`, `write(X, f)`, `stop(m)`, `f(x)` with no outputs. */
export interface CallStmt {
  readonly kind: 'callStmt';
  readonly call: CallExpr;
  readonly span: Span;
}

export interface IfStmt {
  readonly kind: 'if';
  readonly condition: Expr;
  readonly then: readonly Statement[];
  readonly else?: readonly Statement[];
  readonly span: Span;
}

/** `from:to` (step +1, or -1 when from > to at run time) or `seq(from, to[, by])`. */
export type IterablePredicate =
  | { readonly kind: 'range'; readonly from: Expr; readonly to: Expr; readonly span: Span }
  | { readonly kind: 'seq'; readonly from: Expr; readonly to: Expr; readonly by?: Expr; readonly span: Span };

/** `for (i in ...)` and `parfor (i in ..., check=1, par=4, ...)`. */
export interface ForStmt {
  readonly kind: 'for';
  readonly parallel: boolean;
  readonly variable: Identifier;
  readonly iterable: IterablePredicate;
  /** `name=value` loop parameters (parfor's check, par, mode, ...), in source order. */
  readonly params: readonly Argument[];
  readonly body: readonly Statement[];
  readonly span: Span;
}

export interface WhileStmt {
  readonly kind: 'while';
  readonly condition: Expr;
  readonly body: readonly Statement[];
  readonly span: Span;
}

/** `source("path") as ns`. */
export interface SourceStmt {
  readonly kind: 'source';
  readonly path: string;
  readonly namespace: string;
  readonly span: Span;
}

/** `setwd("dir")`. */
export interface SetwdStmt {
  readonly kind: 'setwd';
  readonly path: string;
  readonly span: Span;
}

/** `name = function(params) return (outputs) { body }` (top level only). */
export interface FunctionDef {
  readonly kind: 'function';
  readonly name: string;
  readonly params: readonly Parameter[];
  readonly outputs: readonly OutputParam[];
  readonly body: readonly Statement[];
  /** Legacy `externalFunction(...) implemented in (...)`: parsed, rejected by analysis. */
  readonly external: boolean;
  readonly span: Span;
  readonly nameSpan: Span;
}

export type Statement =
  | AssignStmt
  | MultiAssignStmt
  | CallStmt
  | IfStmt
  | ForStmt
  | WhileStmt
  | SourceStmt
  | SetwdStmt
  | FunctionDef;

/** One parsed file: top-level items in source order. */
export interface Program {
  readonly kind: 'program';
  readonly file: string;
  readonly body: readonly Statement[];
  readonly span: Span;
}
