/** Hand-built ASTs for analysis tests (independent of the parser). Spans are given explicitly where tests check them. */
import type { Span } from '../../../src/common/span.js';
import type { DataType, ValueType } from '../../../src/common/types.js';
import type {
  Argument, BinaryOp, CallExpr, CommandLineArg, Expr, FunctionDef, Identifier, IfdefExpr, IndexExpr, Program, Statement,
  TypeSpec,
} from '../../../src/language/ast.js';

let nextLine = 100;
/** A span on its own line (unique per call unless given). */
export function sp(line?: number, col = 1, endCol = col + 4, file = 'main.dml'): Span {
  const l = line ?? nextLine++;
  return { file, line: l, col, endLine: l, endCol };
}

export const int = (value: number, span = sp()): Expr => ({ kind: 'int', value, span });
export const dbl = (value: number, span = sp()): Expr => ({ kind: 'double', value, span });
export const str = (value: string, span = sp()): Expr => ({ kind: 'string', value, span });
export const bool = (value: boolean, span = sp()): Expr => ({ kind: 'boolean', value, span });
export const id = (name: string, span = sp()): Identifier => ({ kind: 'id', name, span });
export const arg = (name: string, span = sp()): CommandLineArg => ({ kind: 'arg', name, span });
export const ifdef = (a: CommandLineArg, fallback: Expr, span = sp()): IfdefExpr => ({ kind: 'ifdef', arg: a, fallback, span });
export const bin = (op: BinaryOp, left: Expr, right: Expr, span = sp()): Expr => ({ kind: 'binary', op, left, right, span });

/** Arguments: an Expr is positional, [name, Expr] is named. */
export type ArgIn = Expr | readonly [string, Expr];
export function call(name: string, args: readonly ArgIn[] = [], opts: { ns?: string; span?: Span; nameSpan?: Span } = {}): CallExpr {
  const span = opts.span ?? sp();
  const list: Argument[] = args.map((a) =>
    Array.isArray(a) ? { name: a[0] as string, value: a[1] as Expr, span: (a[1] as Expr).span } : { value: a as Expr, span: (a as Expr).span },
  );
  return {
    kind: 'call',
    ...(opts.ns !== undefined ? { namespace: opts.ns } : {}),
    name,
    args: list,
    span,
    nameSpan: opts.nameSpan ?? span,
  };
}
export function index(target: string, row: Expr | null, col: Expr | null, span = sp()): IndexExpr {
  return {
    kind: 'index',
    target: id(target, span),
    rows: row === null ? null : { lower: row, span: row.span },
    cols: col === null ? null : { lower: col, span: col.span },
    hasComma: true,
    span,
  };
}

export const assign = (target: string | Identifier | IndexExpr, value: Expr, op: '=' | '+=' = '=', span = sp()): Statement => ({
  kind: 'assign',
  target: typeof target === 'string' ? id(target) : target,
  op,
  value,
  span,
});
export const multi = (targets: readonly string[], c: CallExpr, span = sp()): Statement => ({
  kind: 'multiAssign', targets: targets.map((t) => id(t)), call: c, span,
});
export const stmt = (c: CallExpr): Statement => ({ kind: 'callStmt', call: c, span: c.span });
export const ifS = (condition: Expr, then: Statement[], els?: Statement[], span = sp()): Statement =>
  els === undefined ? { kind: 'if', condition, then, span } : { kind: 'if', condition, then, else: els, span };
export const forS = (v: string, from: Expr, to: Expr, body: Statement[], parallel = false, span = sp()): Statement => ({
  kind: 'for', parallel, variable: id(v), iterable: { kind: 'range', from, to, span }, params: [], body, span,
});
export const whileS = (condition: Expr, body: Statement[], span = sp()): Statement => ({ kind: 'while', condition, body, span });
export const source = (path: string, namespace: string, span = sp()): Statement => ({ kind: 'source', path, namespace, span });
export const setwd = (path: string, span = sp()): Statement => ({ kind: 'setwd', path, span });

export const ty = (dataType: DataType, valueType: ValueType = 'double'): TypeSpec => ({ dataType, valueType, span: sp() });
export const M = ty('matrix');
export const D = ty('scalar', 'double');
export const I = ty('scalar', 'int');

export function fn(
  name: string,
  params: readonly (readonly [string, TypeSpec] | readonly [string, TypeSpec, Expr])[],
  outputs: readonly (readonly [string, TypeSpec])[],
  body: Statement[],
  span = sp(),
): FunctionDef {
  return {
    kind: 'function',
    name,
    params: params.map((p) => (p.length === 3 ? { name: p[0], type: p[1], default: p[2], span } : { name: p[0], type: p[1], span })),
    outputs: outputs.map((o) => ({ name: o[0], type: o[1], span })),
    body,
    external: false,
    span,
    nameSpan: span,
  };
}

export function prog(body: Statement[], file = 'main.dml'): Program {
  return { kind: 'program', file, body, span: sp(1, 1, 1, file) };
}
