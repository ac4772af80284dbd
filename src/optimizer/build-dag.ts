/**
 * AST -> HOP DAG of one basic block (and of single expressions: predicates, loop bounds,
 * parameter defaults). Variables read before being assigned in the block are shared `tread`
 * hops; an assignment binds the name to its value hop for later statements; side effects and
 * user-function calls are roots in statement order; live-out variables get `twrite` roots.
 */
import type { TypeInfo } from '../common/builtins/spec.js';
import { fail } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import type { Dims } from '../common/types.js';
import { assertNever } from '../common/types.js';
import type { AnalyzedProgram, CallTarget } from '../language/analysis/analyzed.js';
import type { AssignStmt, CallExpr, Expr, IndexExpr, IndexRange, Statement } from '../language/ast.js';
import { hasSideEffect, mustKeepOrder, outputCount } from './effects.js';
import type { Hop } from './hop.js';
import type { HopFactory } from './hop-factory.js';
import type { LiteralValue } from './plan.js';

/**
 * Known shapes of variables from earlier blocks (straight-line flow only). `value`: the variable
 * is this constant wherever it is read (inter-procedural constant propagation sets it only for
 * function parameters the body never assigns).
 */
export type VarShapes = Map<string, { readonly dims: Dims; readonly value?: LiteralValue }>;

/**
 * Inlines calls of small single-block functions into the caller's DAG (src/optimizer/ipa/inline.ts).
 * `wanted`: how many outputs the caller uses (0 for a call statement).
 */
export interface Inliner {
  /** True when calls of `key` may be inlined (decided from the function's source alone). */
  candidate(key: string): boolean;
  /** The HOPs of the call's first `wanted` outputs, or undefined to keep the call out of line. */
  tryInline(
    env: BuildEnv,
    key: string,
    inputs: readonly Hop[],
    argNames: readonly (string | undefined)[],
    wanted: number,
  ): Hop[] | undefined;
}

export interface BuildEnv {
  readonly analyzed: AnalyzedProgram;
  readonly factory: HopFactory;
  readonly shapes: VarShapes;
  /** Absent: every user-function call stays an `fcall` (optlevel 0, rule disabled). */
  readonly inline?: Inliner;
  /** Told of every inlined call (rewrite statistics). */
  readonly onInline?: (key: string) => void;
  /**
   * A function body being inlined: every variable must be bound first (parameters are bound to
   * the arguments), a read of anything else throws InlineAbort (the call then stays out of line).
   */
  readonly closed?: boolean;
}

/** Thrown by a closed builder (see BuildEnv.closed): the inlining attempt is abandoned. */
export class InlineAbort extends Error {}

export function resolveCall(
  analyzed: AnalyzedProgram,
  call: CallExpr,
): CallTarget | { kind: 'builtin'; spec: undefined } {
  const known = analyzed.calls.get(call);
  if (known) return known;
  const key = call.namespace ? `${call.namespace}::${call.name}` : call.name;
  if (analyzed.functions.has(key)) return { kind: 'function', key };
  return { kind: 'builtin', spec: undefined };
}

export class DagBuilder {
  private readonly bindings = new Map<string, Hop>();
  private readonly treads = new Map<string, Hop>();
  readonly roots: Hop[] = [];

  constructor(private readonly env: BuildEnv) {}

  /** Variables assigned in this block, in order of first assignment, with their final values. */
  assigned(): ReadonlyMap<string, Hop> {
    return this.bindings;
  }

  /** Binds a variable to a value before statements are added (parameters of an inlined body). */
  bind(name: string, value: Hop): void {
    this.bindings.set(name, value);
  }

  /** Adds `twrite` roots for the assigned variables that are live afterwards. */
  finish(liveOut: ReadonlySet<string>): Hop[] {
    for (const [name, value] of this.bindings) {
      if (!liveOut.has(name)) continue;
      this.roots.push(
        this.env.factory.make({ kind: 'twrite', op: 'twrite', name, inputs: [value], span: value.span }),
      );
    }
    return this.roots;
  }

  statement(s: Statement): void {
    switch (s.kind) {
      case 'assign':
        this.assign(s);
        break;
      case 'callStmt': {
        const h = this.call(s.call, true);
        if (h && !this.roots.includes(h)) this.roots.push(h);
        break;
      }
      case 'multiAssign': {
        const names = s.targets.map((t) => t.name);
        const h = this.call(s.call, false, names);
        if (h && !this.roots.includes(h)) this.roots.push(h);
        break;
      }
      default:
        // Control flow never reaches a basic block (see blocks.ts).
        fail('DML9001', `statement '${s.kind}' is not supported here yet`, s.span);
    }
  }

  private assign(s: AssignStmt): void {
    const f = this.env.factory;
    if (s.target.kind === 'id') {
      const name = s.target.name;
      let value = this.expr(s.value);
      if (s.op === '+=')
        value = f.make({ kind: 'op', op: '+', inputs: [this.variable(name, s.target), value], span: s.span });
      this.bindings.set(name, value);
      return;
    }
    const target = s.target;
    const current = this.variable(target.target.name, target.target);
    let source = this.expr(s.value);
    const parts = this.indexParts(target);
    if (s.op === '+=') {
      const old = this.rix(target, current, parts);
      source = f.make({ kind: 'op', op: '+', inputs: [old, source], span: s.span });
    }
    const attrs = target.hasComma ? undefined : { listIndex: true };
    const lix = f.make({ kind: 'lix', op: 'lix', inputs: [current, source, ...parts], attrs, span: s.span });
    this.bindings.set(target.target.name, lix);
  }

  /** The current value of a variable: its binding in this block, else a shared transient read. */
  private variable(name: string, at: Expr): Hop {
    const bound = this.bindings.get(name);
    if (bound) return bound;
    if (this.env.closed) throw new InlineAbort(name);
    const known = this.env.shapes.get(name)?.value;
    if (known) return this.env.factory.literal(known, at.span);
    let t = this.treads.get(name);
    if (!t) {
      t = this.env.factory.make({
        kind: 'tread',
        op: 'tread',
        name,
        inputs: [],
        span: at.span,
        type: this.type(at),
        knownDims: this.env.shapes.get(name)?.dims,
      });
      this.treads.set(name, t);
    }
    return t;
  }

  private type(e: Expr): TypeInfo | undefined {
    return this.env.analyzed.types.get(e);
  }

  expr(e: Expr): Hop {
    const f = this.env.factory;
    switch (e.kind) {
      case 'int':
        return f.literal({ vt: 'int', value: e.value }, e.span);
      case 'double':
        return f.literal({ vt: 'double', value: e.value }, e.span);
      case 'string':
        return f.literal({ vt: 'string', value: e.value }, e.span);
      case 'boolean':
        return f.literal({ vt: 'boolean', value: e.value }, e.span);
      case 'id':
        return this.variable(e.name, e);
      case 'arg':
        return fail('DML2004', `command-line argument $${e.name} is not defined`, e.span);
      case 'ifdef':
        return this.expr(e.fallback);
      case 'exprList':
        return fail('DML9001', 'expression lists ([a, b, ...]) are not supported yet', e.span);
      case 'unary': {
        if (e.op === '+') return this.expr(e.operand);
        const x = this.expr(e.operand);
        // A negative number literal is a literal (SystemDS's parser does the same).
        const isNumber = e.operand.kind === 'int' || e.operand.kind === 'double';
        if (
          e.op === '-' &&
          isNumber &&
          x.kind === 'literal' &&
          (x.value?.vt === 'int' || x.value?.vt === 'double')
        ) {
          return f.literal({ vt: x.value.vt, value: -x.value.value }, e.span);
        }
        return f.make({
          kind: 'op',
          op: e.op === '-' ? 'u-' : '!',
          inputs: [x],
          span: e.span,
          type: this.type(e),
        });
      }
      case 'binary': {
        if (e.op === '&&' || e.op === '||') {
          return fail(
            'DML3005',
            `use ${e.op === '&&' ? '&' : '|'} (cell-wise, non-short-circuit) instead of ${e.op}`,
            e.span,
          );
        }
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        return f.make({ kind: 'op', op: e.op, inputs: [l, r], span: e.span, type: this.type(e) });
      }
      case 'call': {
        const h = this.call(e, false);
        // An expression call wants one output: an inlined call always gives it.
        if (!h) return fail('DML5999', `internal error: call of ${e.name} gave no value`, e.span);
        return h;
      }
      case 'index': {
        const target = this.variable(e.target.name, e.target);
        return this.rix(e, target, this.indexParts(e));
      }
      default:
        return assertNever(e, 'expression');
    }
  }

  private rix(e: IndexExpr, target: Hop, parts: readonly Hop[]): Hop {
    const attrs = e.hasComma ? undefined : { listIndex: true };
    return this.env.factory.make({
      kind: 'rix',
      op: 'rix',
      inputs: [target, ...parts],
      attrs,
      span: e.span,
      type: this.type(e),
    });
  }

  /** [rl, ru, cl, cu]: a lower-only part i gives rl = ru = i; absent parts are `none` hops. */
  private indexParts(e: IndexExpr): Hop[] {
    const part = (r: IndexRange | null, span: Span): [Hop, Hop] => {
      if (r === null) return [this.env.factory.none(span), this.env.factory.none(span)];
      const lo = this.expr(r.lower);
      return [lo, r.upper ? this.expr(r.upper) : lo];
    };
    return [...part(e.rows, e.span), ...part(e.hasComma ? e.cols : null, e.span)];
  }

  /**
   * A call. `asStatement`: a call statement (side effects kept, no value); `targets`: the
   * variables of a multi-assignment, written directly by the call. Undefined: an inlined call
   * statement or multi-assignment (its outputs are bound to the targets; nothing to add as root).
   */
  private call(e: CallExpr, asStatement: boolean, targets?: readonly string[]): Hop | undefined {
    const f = this.env.factory;
    const inputs = e.args.map((a) => this.expr(a.value));
    const argNames = e.args.map((a) => a.name);
    const hasNames = argNames.some((n) => n !== undefined);
    const target = resolveCall(this.env.analyzed, e);
    if (target.kind === 'function') {
      const wanted = targets ? targets.length : asStatement ? 0 : 1;
      const outs = this.env.inline?.tryInline(this.env, target.key, inputs, argNames, wanted);
      if (outs) {
        this.env.onInline?.(target.key);
        if (targets) {
          targets.forEach((t, i) => this.bindings.set(t, outs[i]!));
          return undefined;
        }
        return asStatement ? undefined : outs[0];
      }
      const h = f.make({
        kind: 'fcall',
        op: 'fcall',
        fn: target.key,
        inputs,
        argNames: hasNames ? argNames : undefined,
        outputs: targets ?? (asStatement ? [] : undefined),
        span: e.span,
        type: targets || asStatement ? undefined : this.type(e),
      });
      // User functions may print, write or stop: every call runs, in statement order.
      this.roots.push(h);
      return h;
    }
    const spec = target.spec;
    const sideEffect = hasSideEffect(e.name, spec);
    const multi = outputCount(e.name, spec) > 1;
    if (multi && !targets) {
      fail(
        'DML3004',
        `${e.name}() returns ${outputCount(e.name, spec)} values: assign them with [a, b, ...] = ${e.name}(...)`,
        e.span,
      );
    }
    const h = f.make({
      kind: 'op',
      op: e.name,
      inputs,
      argNames: hasNames ? argNames : undefined,
      outputs: targets ?? (sideEffect ? [] : undefined),
      span: e.span,
      type: targets ? undefined : this.type(e),
    });
    if ((sideEffect || mustKeepOrder(e.name)) && !asStatement) this.roots.push(h);
    return h;
  }
}
