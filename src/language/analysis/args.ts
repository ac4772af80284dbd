/**
 * Phase 1 of analysis: command-line arguments (`$name`, `$1`) become literals, as SystemDS does at
 * parse time, and `ifdef($x, default)` becomes the argument's literal or its fallback expression.
 * The AST is immutable: rewritten nodes are new objects, untouched subtrees keep their identity.
 */
import type { Diagnostic } from '../../common/diagnostics.js';
import { diag } from '../../common/diagnostics.js';
import { assertNever } from '../../common/types.js';
import type {
  Argument,
  CommandLineArg,
  Expr,
  FunctionDef,
  IndexRange,
  IterablePredicate,
  Statement,
} from '../ast.js';

/** Types a command-line string: int, else double, else boolean, else string (SystemDS's order). */
export function argLiteral(arg: CommandLineArg, text: string): Expr {
  const span = arg.span;
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) {
    const v = Number(t);
    if (Number.isSafeInteger(v)) return { kind: 'int', value: v, span };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || /^[+-]?(Infinity|NaN)$/.test(t)) {
    return { kind: 'double', value: Number(t), span };
  }
  if (t === 'TRUE' || t === 'true') return { kind: 'boolean', value: true, span };
  if (t === 'FALSE' || t === 'false') return { kind: 'boolean', value: false, span };
  return { kind: 'string', value: text, span };
}

export class ArgSubstituter {
  constructor(
    private readonly args: ReadonlyMap<string, string>,
    private readonly diagnostics: Diagnostic[],
  ) {}

  statements(list: readonly Statement[]): Statement[] {
    return list.map((s) => this.statement(s));
  }

  functionDef(f: FunctionDef): FunctionDef {
    const params = f.params.map((p) =>
      p.default === undefined ? p : { ...p, default: this.expr(p.default, false) },
    );
    const body = this.statements(f.body);
    return same(params, f.params) && same(body, f.body) ? f : { ...f, params, body };
  }

  statement(s: Statement): Statement {
    switch (s.kind) {
      case 'assign': {
        const target = s.target.kind === 'index' ? this.expr(s.target, false) : s.target;
        // ifdef is legal exactly here: directly as the right-hand side of an assignment.
        const value = this.expr(s.value, true);
        return target === s.target && value === s.value
          ? s
          : { ...s, target: target as typeof s.target, value };
      }
      case 'multiAssign': {
        const call = this.expr(s.call, false);
        return call === s.call ? s : { ...s, call: call as typeof s.call };
      }
      case 'callStmt': {
        const call = this.expr(s.call, false);
        return call === s.call ? s : { ...s, call: call as typeof s.call };
      }
      case 'if': {
        const condition = this.expr(s.condition, false);
        const then = this.statements(s.then);
        const els = s.else === undefined ? undefined : this.statements(s.else);
        if (condition === s.condition && same(then, s.then) && (els === undefined || same(els, s.else!)))
          return s;
        return els === undefined ? { ...s, condition, then } : { ...s, condition, then, else: els };
      }
      case 'for': {
        const iterable = this.iterable(s.iterable);
        const params = this.argList(s.params);
        const body = this.statements(s.body);
        if (iterable === s.iterable && same(params, s.params) && same(body, s.body)) return s;
        return { ...s, iterable, params, body };
      }
      case 'while': {
        const condition = this.expr(s.condition, false);
        const body = this.statements(s.body);
        return condition === s.condition && same(body, s.body) ? s : { ...s, condition, body };
      }
      case 'source':
      case 'setwd':
        return s;
      case 'function':
        return this.functionDef(s);
      default:
        return assertNever(s, 'statement');
    }
  }

  private iterable(it: IterablePredicate): IterablePredicate {
    const from = this.expr(it.from, false);
    const to = this.expr(it.to, false);
    if (it.kind === 'range') return from === it.from && to === it.to ? it : { ...it, from, to };
    const by = it.by === undefined ? undefined : this.expr(it.by, false);
    if (from === it.from && to === it.to && by === it.by) return it;
    return by === undefined ? { kind: 'seq', from, to, span: it.span } : { ...it, from, to, by };
  }

  private argList(args: readonly Argument[]): Argument[] {
    return args.map((a) => {
      const value = this.expr(a.value, false);
      return value === a.value ? a : { ...a, value };
    });
  }

  private range(r: IndexRange | null): IndexRange | null {
    if (r === null) return null;
    const lower = this.expr(r.lower, false);
    const upper = r.upper === undefined ? undefined : this.expr(r.upper, false);
    if (lower === r.lower && upper === r.upper) return r;
    return upper === undefined ? { lower, span: r.span } : { ...r, lower, upper };
  }

  private substitute(arg: CommandLineArg): Expr {
    const text = this.args.get(arg.name);
    if (text === undefined) {
      this.diagnostics.push(
        diag(
          'DML2004',
          `command-line argument '$${arg.name}' is not defined`,
          arg.span,
          `pass it with -nvargs ${arg.name}=<value> (or -args for $1, $2, ...), or use ifdef($${arg.name}, default)`,
        ),
      );
      return arg;
    }
    return argLiteral(arg, text);
  }

  expr(e: Expr, ifdefAllowed: boolean): Expr {
    switch (e.kind) {
      case 'int':
      case 'double':
      case 'string':
      case 'boolean':
      case 'id':
        return e;
      case 'arg':
        return this.substitute(e);
      case 'ifdef': {
        if (!ifdefAllowed) {
          this.diagnostics.push(
            diag(
              'DML3007',
              'ifdef() is only allowed as the right-hand side of an assignment',
              e.span,
              'write `x = ifdef($name, default)` and use x',
            ),
          );
        }
        const text = this.args.get(e.arg.name);
        return text !== undefined ? argLiteral(e.arg, text) : this.expr(e.fallback, false);
      }
      case 'unary': {
        const operand = this.expr(e.operand, false);
        return operand === e.operand ? e : { ...e, operand };
      }
      case 'binary': {
        const left = this.expr(e.left, false);
        const right = this.expr(e.right, false);
        return left === e.left && right === e.right ? e : { ...e, left, right };
      }
      case 'call': {
        const args = this.argList(e.args);
        return same(args, e.args) ? e : { ...e, args };
      }
      case 'index': {
        const rows = this.range(e.rows);
        const cols = this.range(e.cols);
        return rows === e.rows && cols === e.cols ? e : { ...e, rows, cols };
      }
      case 'exprList': {
        const items = e.items.map((x) => this.expr(x, false));
        return same(items, e.items) ? e : { ...e, items };
      }
      default:
        return assertNever(e, 'expression');
    }
  }
}

function same<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
