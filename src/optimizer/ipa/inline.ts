/**
 * Inlining of small single-block functions (SystemDS's IPA pass InlineFunctions): a call of a
 * function whose body is a few straight-line assignments is replaced, in the caller's HOP DAG, by
 * the body's HOPs with the parameters bound to the argument HOPs and the outputs bound to the
 * call's targets. CSE, folding and the other rewrites then work across the call boundary, and
 * the inlined HOPs keep the spans of the function's source for runtime errors.
 *
 * What stays out of line: bodies with control flow, call statements or multi-assignments; bodies
 * calling builtins with side effects, a run-time order (read, time, eval) or randomness; calls of
 * functions that are not inlinable themselves (recursion included); and any call the inlined form
 * could not reproduce exactly: argument or output types the call boundary would coerce other than
 * int -> double, a missing argument, an unassigned output, or a compile error in the inlined body
 * (the out-of-line call reports it at run time, only if it runs). Calls through eval() are
 * builtin calls, never inlined.
 */
import { DmlError } from '../../common/diagnostics.js';
import type { DataType, ValueType } from '../../common/types.js';
import type { AnalyzedProgram } from '../../language/analysis/analyzed.js';
import type { Expr, FunctionDef } from '../../language/ast.js';
import { DagBuilder, InlineAbort, resolveCall, type BuildEnv, type Inliner } from '../build-dag.js';
import { isOpaque, mustKeepOrder } from '../effects.js';
import type { Hop } from '../hop.js';
import { walk } from '../recompile/split-blocks.js';
import { MAX_DAG_DEPTH } from '../split-deep-blocks.js';

/** At most this many statements in an inlined body. */
export const MAX_INLINE_STATEMENTS = 10;
/** At most this many expression nodes in an inlined body (a proxy for its HOP count). */
export const MAX_INLINE_NODES = 50;
/** Nested inlining depth (a guard; cycles are excluded by the candidate check already). */
const MAX_DEPTH = 8;

/** The rule name: in -stats counts and for `disableRules`. */
export const INLINE_RULE = 'inline-functions';

/** Builtins that read the caller's scope by name: their meaning changes when inlined. */
const SCOPE_READERS = new Set(['exists']);

const VALUE_KINDS: ReadonlySet<DataType> = new Set<DataType>(['matrix', 'scalar', 'frame']);

export class FunctionInliner implements Inliner {
  private readonly decided = new Map<string, boolean>();
  private depth = 0;
  /** Longest path from a HOP down to a leaf, memoized across calls (HOPs are immutable). */
  private readonly heights = new WeakMap<Hop, number>();

  constructor(private readonly analyzed: AnalyzedProgram) {}

  candidate(key: string): boolean {
    return this.check(key, new Set());
  }

  private check(key: string, visiting: Set<string>): boolean {
    const known = this.decided.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return false;
    visiting.add(key);
    const fn = this.analyzed.functions.get(key);
    const ok = fn !== undefined && this.eligible(fn.def, visiting);
    visiting.delete(key);
    this.decided.set(key, ok);
    return ok;
  }

  private eligible(def: FunctionDef, visiting: Set<string>): boolean {
    if (def.external || def.body.length === 0 || def.body.length > MAX_INLINE_STATEMENTS) return false;
    if (!def.params.every((p) => VALUE_KINDS.has(p.type.dataType))) return false;
    if (!def.outputs.every((o) => VALUE_KINDS.has(o.type.dataType))) return false;
    const exprs: Expr[] = [];
    for (const p of def.params) if (p.default) exprs.push(p.default);
    for (const s of def.body) {
      // Straight-line assignments only: one basic block, no call statements (side effects).
      if (s.kind !== 'assign') return false;
      exprs.push(s.value);
      if (s.target.kind === 'index') exprs.push(s.target);
    }
    let nodes = 0;
    let ok = true;
    for (const e of exprs) {
      walk(e, (x) => {
        nodes++;
        if (x.kind === 'arg') ok = false;
        if (x.kind !== 'call') return;
        const t = resolveCall(this.analyzed, x);
        if (t.kind === 'function') {
          if (!this.check(t.key, visiting)) ok = false;
        } else if (isOpaque(x.name) || mustKeepOrder(x.name) || SCOPE_READERS.has(x.name)) ok = false;
      });
    }
    return ok && nodes <= MAX_INLINE_NODES;
  }

  /** The HOP's height (a leaf is 1), iteratively: the DAG may be deep. */
  private height(root: Hop): number {
    const stack: { h: Hop; expanded: boolean }[] = [{ h: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (this.heights.has(top.h)) {
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        top.expanded = true;
        for (const i of top.h.inputs) if (!this.heights.has(i)) stack.push({ h: i, expanded: false });
        continue;
      }
      stack.pop();
      let below = 0;
      for (const i of top.h.inputs) below = Math.max(below, this.heights.get(i) ?? 0);
      this.heights.set(top.h, below + 1);
    }
    return this.heights.get(root) ?? 1;
  }

  tryInline(
    env: BuildEnv,
    key: string,
    inputs: readonly Hop[],
    argNames: readonly (string | undefined)[],
    wanted: number,
  ): Hop[] | undefined {
    if (this.depth >= MAX_DEPTH || !this.candidate(key)) return undefined;
    const def = this.analyzed.functions.get(key)!.def;
    if (wanted > def.outputs.length) return undefined;
    const bound = bindArguments(def, inputs, argNames);
    if (!bound) return undefined;
    const body = new DagBuilder({ ...env, shapes: new Map(), closed: true });
    this.depth++;
    try {
      // Parameters in order, defaults computed in the function's scope (earlier parameters
      // bound), each coerced as the call boundary does.
      for (const p of def.params) {
        const given = bound.get(p.name);
        const value = given ?? (p.default ? body.expr(p.default) : undefined);
        if (!value) return undefined;
        const v = coerce(env, value, p.type.dataType, p.type.valueType);
        if (!v) return undefined;
        body.bind(p.name, v);
      }
      for (const s of def.body) body.statement(s);
      // Side effects would need their own ordering (the candidate check excludes them).
      if (body.roots.length > 0) return undefined;
      const values = body.assigned();
      const outs: Hop[] = [];
      for (const o of def.outputs.slice(0, wanted)) {
        const h = values.get(o.name);
        const v = h && coerce(env, h, o.type.dataType, o.type.valueType);
        if (!v) return undefined;
        outs.push(v);
      }
      // Calls nested in calls (`f(f(f(x)))`) stack inlined bodies: keep the DAG shallow enough
      // for the optimizer's recursive walks (split-deep-blocks.ts); deeper calls stay out of line.
      if (outs.some((h) => this.height(h) > MAX_DAG_DEPTH)) return undefined;
      return outs;
    } catch (e) {
      // Compile errors inside the body (sizes that disagree) belong to run time, out of line.
      if (e instanceof InlineAbort || e instanceof DmlError) return undefined;
      throw e;
    } finally {
      this.depth--;
    }
  }
}

/** Arguments by parameter name, bound as the interpreter binds them; undefined on any mismatch. */
function bindArguments(
  def: FunctionDef,
  inputs: readonly Hop[],
  argNames: readonly (string | undefined)[],
): Map<string, Hop> | undefined {
  const bound = new Map<string, Hop>();
  let pos = 0;
  for (let i = 0; i < inputs.length; i++) {
    const n = argNames[i];
    if (n === undefined) {
      while (pos < def.params.length && bound.has(def.params[pos]!.name)) pos++;
      const p = def.params[pos++];
      if (!p) return undefined;
      bound.set(p.name, inputs[i]!);
    } else {
      if (!def.params.some((p) => p.name === n)) return undefined;
      bound.set(n, inputs[i]!);
    }
  }
  return bound;
}

/**
 * A value as the call boundary passes it (coerceToDeclared): same data type; a scalar of the
 * declared value type, or an int widened to double. Anything else would be converted or rejected
 * at run time: the call then stays out of line.
 */
function coerce(env: BuildEnv, h: Hop, dataType: DataType, valueType: ValueType): Hop | undefined {
  if (dataType === 'unknown' || h.dataType !== dataType) return undefined;
  if (dataType !== 'scalar') return h;
  if (h.valueType === valueType) return h;
  if (valueType === 'double' && h.valueType === 'int') {
    return env.factory.make({
      kind: 'op',
      op: 'as.double',
      inputs: [h],
      span: h.span,
      type: { dataType: 'scalar', valueType: 'double' },
    });
  }
  return undefined;
}
