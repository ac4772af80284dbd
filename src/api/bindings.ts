/**
 * In-memory bindings of script inputs and outputs (SystemDS JMLC semantics), done on the AST
 * before analysis:
 * - every declared input gets a binding statement at the top of the script, so a script may use
 *   the variable without reading it;
 * - an assignment `X = read(...)` (also readMM / read.csv) to a declared input takes the bound
 *   value instead of reading a file (its `$args` need not be given);
 * - a `write(B, ...)` statement of a declared output is dropped; the value is returned instead.
 * A binding is a `read()` of a reserved name that the session's read builtin answers from the
 * execution's bindings; its data_type argument tells analysis what kind of value to expect.
 */
import { NO_SPAN, type Span } from '../common/span.js';
import type { Argument, CallExpr, Expr, Program, Statement } from '../language/ast.js';
import type { Value } from '../engine/data/values.js';

/** Prefix of the reserved file names of bindings (a NUL cannot appear in a real path). */
export const BINDING_PREFIX = '\u0000tessera-binding:';

/** What analysis needs to know about an input: its data type (and a scalar's value type). */
export type InputKind =
  'matrix' | 'frame' | 'list' | 'scalar:double' | 'scalar:int' | 'scalar:boolean' | 'scalar:string';

export function kindOf(v: Value): InputKind {
  return v.dt === 'scalar' ? `scalar:${v.vt}` : v.dt;
}

const READS = new Set(['read', 'readMM', 'read.csv']);

function lit(value: string, span: Span): Expr {
  return { kind: 'string', value, span };
}

function arg(name: string | undefined, value: Expr, span: Span): Argument {
  return name === undefined ? { value, span } : { name, value, span };
}

/** `read("<prefix>name", data_type=..., value_type=...)`: typed like the bound value. */
export function bindingRead(name: string, kind: InputKind, span: Span): CallExpr {
  const args: Argument[] = [arg(undefined, lit(BINDING_PREFIX + name, span), span)];
  if (kind !== 'matrix') {
    const [dt, vt] = kind.split(':') as [string, string | undefined];
    args.push(arg('data_type', lit(dt, span), span));
    if (vt !== undefined) args.push(arg('value_type', lit(vt, span), span));
  }
  return { kind: 'call', name: 'read', args, span, nameSpan: span };
}

/** The kind a script's own `read()` of an input declares (data_type / value_type literals). */
function declaredKind(call: CallExpr): InputKind | undefined {
  const named = (n: string): string | undefined => {
    const a = call.args.find((x) => x.name === n);
    return a?.value.kind === 'string' ? a.value.value.toLowerCase() : undefined;
  };
  const dt = named('data_type');
  if (dt === undefined || dt === 'matrix') return 'matrix';
  if (dt === 'frame') return 'frame';
  if (dt === 'list') return 'list';
  if (dt === 'scalar') {
    const vt = named('value_type') ?? 'double';
    if (vt === 'int' || vt === 'integer') return 'scalar:int';
    if (vt === 'boolean') return 'scalar:boolean';
    if (vt === 'string') return 'scalar:string';
    return 'scalar:double';
  }
  return undefined;
}

/** The kinds the script's own reads of the inputs declare (used before any value is known). */
export function kindsDeclaredBy(program: Program, inputs: readonly string[]): Map<string, InputKind> {
  const out = new Map<string, InputKind>();
  const want = new Set(inputs);
  const walk = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.kind === 'assign' && s.target.kind === 'id' && want.has(s.target.name)) {
        if (s.value.kind === 'call' && s.value.namespace === undefined && READS.has(s.value.name)) {
          const k = declaredKind(s.value);
          if (k !== undefined && !out.has(s.target.name)) out.set(s.target.name, k);
        }
      } else if (s.kind === 'if') {
        walk(s.then);
        if (s.else) walk(s.else);
      } else if (s.kind === 'for' || s.kind === 'while') {
        walk(s.body);
      }
    }
  };
  walk(program.body);
  return out;
}

function writesOutput(s: Statement, outputs: ReadonlySet<string>): boolean {
  if (s.kind !== 'callStmt' || s.call.namespace !== undefined || s.call.name !== 'write') return false;
  const x = s.call.args.find((a) => a.name === 'x') ?? s.call.args.find((a) => a.name === undefined);
  return x !== undefined && x.value.kind === 'id' && outputs.has(x.value.name);
}

/** The program with input bindings added, reads of inputs bound and writes of outputs dropped. */
export function bindProgram(
  program: Program,
  inputs: ReadonlyMap<string, InputKind>,
  outputs: ReadonlySet<string>,
): Program {
  const rewrite = (list: readonly Statement[]): Statement[] => {
    const out: Statement[] = [];
    for (const s of list) {
      if (writesOutput(s, outputs)) continue;
      if (s.kind === 'assign' && s.target.kind === 'id' && inputs.has(s.target.name)) {
        const v = s.value;
        if (v.kind === 'call' && v.namespace === undefined && READS.has(v.name)) {
          out.push({ ...s, value: bindingRead(s.target.name, inputs.get(s.target.name)!, v.span) });
          continue;
        }
      }
      switch (s.kind) {
        case 'if':
          out.push(
            s.else ? { ...s, then: rewrite(s.then), else: rewrite(s.else) } : { ...s, then: rewrite(s.then) },
          );
          break;
        case 'for':
        case 'while':
          out.push({ ...s, body: rewrite(s.body) });
          break;
        default:
          out.push(s);
      }
    }
    return out;
  };
  const prelude: Statement[] = [...inputs].map(([name, kind]) => ({
    kind: 'assign',
    target: { kind: 'id', name, span: NO_SPAN },
    op: '=',
    value: bindingRead(name, kind, NO_SPAN),
    span: NO_SPAN,
  }));
  return { ...program, body: [...prelude, ...rewrite(program.body)] };
}
