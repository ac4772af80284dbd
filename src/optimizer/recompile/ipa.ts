/**
 * Inter-procedural size propagation (SystemDS's IPA, FunctionCallSizeInfo): a function whose every
 * call site passes a matrix of the same known dims for a parameter is compiled with those dims,
 * so its body needs no recompilation. Call sites are read from the compiled callers' HOP DAGs, so
 * callers are compiled before callees; functions on a call cycle (recursion), functions that may
 * be called by name (eval) and parameters whose call sites disagree stay unknown (they are
 * recompiled per distinct size at run time instead).
 */
import type { Dims } from '../../common/types.js';
import type { AnalyzedProgram } from '../../language/analysis/analyzed.js';
import type { Expr, Statement } from '../../language/ast.js';
import { resolveCall, type VarShapes } from '../build-dag.js';
import type { Hop } from '../hop.js';
import type { Computation, FunctionParam, LiteralValue, ProgramBlock, RuntimeFunction } from '../plan.js';
import { coerceLiteral, literalOf, sameLiteral } from '../ipa/constants.js';
import { SCALAR_DIMS } from '../sizes/common.js';
import { walk } from './split-blocks.js';

const BY_NAME = new Set(['eval', 'paramserv']);

/** Function keys each function (or main, key '') calls directly; `byName` when eval appears. */
export function callGraph(analyzed: AnalyzedProgram): { edges: Map<string, Set<string>>; byName: boolean } {
  const edges = new Map<string, Set<string>>();
  let byName = false;
  const scan = (from: string, stmts: readonly Statement[]): ((e: Expr) => void) => {
    const out = edges.get(from) ?? new Set<string>();
    edges.set(from, out);
    const calls = (e: Expr): void =>
      walk(e, (x) => {
        if (x.kind !== 'call') return;
        if (x.namespace === undefined && BY_NAME.has(x.name)) byName = true;
        const t = resolveCall(analyzed, x);
        if (t.kind === 'function') out.add(t.key);
      });
    const visitStmt = (s: Statement): void => {
      const exprs: Expr[] = [];
      switch (s.kind) {
        case 'assign':
          exprs.push(s.value);
          if (s.target.kind === 'index') exprs.push(s.target);
          break;
        case 'callStmt':
        case 'multiAssign':
          exprs.push(s.call);
          break;
        case 'if':
          exprs.push(s.condition);
          s.then.forEach(visitStmt);
          s.else?.forEach(visitStmt);
          break;
        case 'for':
          exprs.push(s.iterable.from, s.iterable.to);
          if (s.iterable.kind === 'seq' && s.iterable.by) exprs.push(s.iterable.by);
          s.body.forEach(visitStmt);
          break;
        case 'while':
          exprs.push(s.condition);
          s.body.forEach(visitStmt);
          break;
        default:
          break;
      }
      exprs.forEach(calls);
    };
    stmts.forEach(visitStmt);
    return calls;
  };
  scan('', analyzed.main);
  for (const [key, fn] of analyzed.functions) {
    const calls = scan(key, fn.def.body);
    for (const p of fn.def.params) if (p.default) calls(p.default);
  }
  return { edges, byName };
}

/**
 * Compile order, callers first, and the functions that may get call-site sizes: those reachable
 * from main and on no call cycle. Others follow in key order.
 */
export function ipaOrder(analyzed: AnalyzedProgram): { order: string[]; eligible: Set<string> } {
  const { edges, byName } = callGraph(analyzed);
  const keys = [...analyzed.functions.keys()].sort();
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(edges.get(from) ?? [])];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      stack.push(...(edges.get(k) ?? []));
    }
    return seen;
  };
  const fromMain = reach('');
  const onCycle = new Set(keys.filter((k) => reach(k).has(k)));
  const eligible = new Set(byName ? [] : keys.filter((k) => fromMain.has(k) && !onCycle.has(k)));
  // Kahn's algorithm over eligible functions: a function after all its eligible callers.
  const callers = new Map<string, Set<string>>(keys.map((k) => [k, new Set<string>()]));
  for (const [from, tos] of edges) for (const to of tos) if (from !== '') callers.get(to)?.add(from);
  const order: string[] = [];
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const k of keys) {
      if (done.has(k) || !eligible.has(k)) continue;
      if ([...callers.get(k)!].every((c) => done.has(c) || !fromMain.has(c))) {
        order.push(k);
        done.add(k);
        progress = true;
      }
    }
  }
  for (const k of keys) if (!done.has(k)) order.push(k);
  // A function whose caller could not go first (a caller on a cycle) does not get sizes.
  return { order, eligible: done };
}

function fcallsIn(
  blocks: readonly ProgramBlock[],
  comps: ReadonlyMap<Computation, readonly Hop[]>,
  out: Hop[],
): void {
  const visit = (roots: readonly Hop[]): void => {
    const seen = new Set<Hop>();
    const stack = [...roots];
    while (stack.length > 0) {
      const h = stack.pop()!;
      if (seen.has(h)) continue;
      seen.add(h);
      if (h.kind === 'fcall') out.push(h);
      stack.push(...h.inputs);
    }
  };
  const comp = (c: Computation | undefined): void => {
    if (c) visit(comps.get(c) ?? []);
  };
  for (const b of blocks) {
    switch (b.kind) {
      case 'basic':
        visit(b.hops?.roots ?? []);
        break;
      case 'if':
        comp(b.predicate);
        fcallsIn(b.then, comps, out);
        fcallsIn(b.else, comps, out);
        break;
      case 'for':
        comp(b.from);
        comp(b.to);
        comp(b.by);
        fcallsIn(b.body, comps, out);
        break;
      case 'while':
        comp(b.predicate);
        fcallsIn(b.body, comps, out);
        break;
    }
  }
}

/** Collects call sites as callers are compiled, and answers the agreed parameter dims. */
export class CallSites {
  private readonly sites: Hop[] = [];

  constructor(private readonly comps: ReadonlyMap<Computation, readonly Hop[]>) {}

  addBlocks(blocks: readonly ProgramBlock[]): void {
    fcallsIn(blocks, this.comps, this.sites);
  }

  addFunction(f: RuntimeFunction): void {
    // Parameter defaults as a one-block program of their own computations.
    for (const p of f.params)
      if (p.default)
        fcallsIn([{ kind: 'while', predicate: p.default, body: [], span: f.span }], this.comps, this.sites);
    this.addBlocks(f.body);
  }

  /**
   * Dims of matrix parameters that every call site of `key` passes with the same known value,
   * and constants of scalar parameters that every call site passes as the same literal (or
   * leaves to the same literal default). The caller keeps constants only for parameters the
   * body never assigns (see ipa/constants.ts).
   */
  shapesFor(key: string, params: readonly FunctionParam[]): VarShapes {
    const seen = new Map<string, (Dims | null)[]>();
    const constants = new Map<string, (LiteralValue | undefined)[]>();
    let sites = 0;
    for (const site of this.sites) {
      if (site.fn !== key) continue;
      const bound = new Map<string, Hop>();
      let pos = 0;
      site.inputs.forEach((h, i) => {
        const n = site.argNames?.[i];
        if (n !== undefined) bound.set(n, h);
        else {
          while (pos < params.length && bound.has(params[pos]!.name)) pos++;
          const p = params[pos++];
          if (p) bound.set(p.name, h);
        }
      });
      sites++;
      for (const p of params) {
        if (p.dataType === 'scalar') {
          const h = bound.get(p.name);
          const given = h ? literalOf(h) : p.default ? this.defaultLiteral(p.default) : undefined;
          const list = constants.get(p.name) ?? [];
          list.push(given && coerceLiteral(given, p.valueType));
          constants.set(p.name, list);
        }
        if (p.dataType !== 'matrix') continue;
        const h = bound.get(p.name);
        const known = h !== undefined && h.dataType === 'matrix' && h.dims.rows >= 0 && h.dims.cols >= 0;
        const list = seen.get(p.name) ?? [];
        list.push(known ? h.dims : null);
        seen.set(p.name, list);
      }
    }
    const shapes: VarShapes = new Map();
    for (const [name, list] of seen) {
      const first = list[0];
      if (!first || list.some((d) => d === null || d.rows !== first.rows || d.cols !== first.cols)) continue;
      const nnz = list.every((d) => d!.nnz === first.nnz) ? first.nnz : -1;
      shapes.set(name, { dims: { rows: first.rows, cols: first.cols, nnz } });
    }
    if (sites === 0) return shapes;
    for (const [name, list] of constants) {
      const first = list[0];
      if (!first || list.some((v) => v === undefined || !sameLiteral(v, first))) continue;
      shapes.set(name, { dims: SCALAR_DIMS, value: first });
    }
    return shapes;
  }

  /** A parameter default that compiled to a literal (e.g. `icpt = 0`). */
  private defaultLiteral(c: Computation): LiteralValue | undefined {
    const roots = this.comps.get(c);
    return roots?.length === 1 ? literalOf(roots[0]) : undefined;
  }
}
