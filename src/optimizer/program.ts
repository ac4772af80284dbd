/**
 * The optimizer's phases for one program, in order: statement blocks -> constant-branch removal
 * -> live-variable analysis -> one HOP DAG per basic block (sizes inferred on construction) ->
 * rewrites -> lowering to the runtime plan.
 */
import { fail } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import type { AnalyzedProgram } from '../language/analysis/analyzed.js';
import type { Argument, Expr, Statement } from '../language/ast.js';
import { buildBlocks, type StatementBlock } from './blocks.js';
import { DagBuilder, resolveCall, type BuildEnv, type VarShapes } from './build-dag.js';
import { FunctionInliner, INLINE_RULE } from './ipa/inline.js';
import { CONSTANTS_RULE, stableShapes, withoutConstants } from './ipa/constants.js';
import { annotateDag } from './cost/annotate.js';
import { capabilitiesOf, machineFrom, type PlannerSettings } from './cost/machine.js';
import { defaultConfig } from '../common/config.js';
import { hasUnknownSizes } from './recompile/marking.js';
import { splitAfterDataDependentOps } from './recompile/split-blocks.js';
import { assignedDepths, splitDeepBlocks, type CallDepth } from './split-deep-blocks.js';
import type { Hop, ReadFactsLookup } from './hop.js';
import { HopFactory } from './hop-factory.js';
import { analyzeLiveness, writtenIn, type LiveSets } from './liveness.js';
import { lowerDag, TempNames } from './lower.js';
import type { Computation, FunctionParam, ParforParams, ProgramBlock, RuntimeFunction } from './plan.js';
import { applyRewrites, defaultRules, type RewriteRule } from './rewrites/index.js';
import { removeConstantBranches } from './rewrites/remove-constant-branches.js';
import { withAccumulators } from './parfor/accumulators.js';
import { checkParforDependencies } from './parfor/dependencies.js';

export interface CompileState {
  readonly analyzed: AnalyzedProgram;
  readonly factory: HopFactory;
  readonly temps: TempNames;
  readonly rules: readonly RewriteRule[];
  /** HOPs of every predicate, bound and default, for -explain hops. */
  readonly computationHops: Map<Computation, readonly Hop[]>;
  /** Rules that fired, in order (tests and -stats). */
  readonly fired: string[];
  /** Rule names switched off by the caller. */
  readonly disabled: readonly string[];
  /** Machine, modes and registered backends for memory estimates and exec types. */
  readonly planner: PlannerSettings;
  /** Warnings about single HOPs (over budget), printed by explain. */
  readonly notes: Map<Hop, string>;
  /** Basic blocks with unknown sizes: recompiled at run time with the real ones. */
  readonly marked: Set<ProgramBlock>;
  /** Inlines small single-block functions into their callers (absent at optlevel 0). */
  readonly inliner?: FunctionInliner;
  /** Rewrite validation and the per-firing observer (`-explain rewrites`); absent: driver defaults. */
  readonly rewriteHooks?: RewriteHooks;
}

/** Whose DAG a rule fired in: a basic block, or an expression (predicate, loop bound, default). */
export interface RewriteSite {
  readonly kind: 'block' | 'expression';
  readonly span: Span;
}

export interface RewriteHooks {
  readonly validate?: boolean;
  /** Called after every rule that fired in a block's or expression's DAG, with that DAG's roots. */
  readonly onRuleFired?: (ruleName: string, dagRootsAfter: readonly Hop[], site: RewriteSite) => void;
}

const DEFAULT_PLANNER = (): PlannerSettings => {
  const config = defaultConfig();
  return {
    machine: machineFrom(config),
    execMode: config.execMode,
    gpuMode: config.gpuMode,
    ...capabilitiesOf([]),
  };
};

const BRANCH_RULE = 'remove-constant-branches';

export function newState(
  analyzed: AnalyzedProgram,
  optLevel: 0 | 2,
  disabled: readonly string[] = [],
  planner: PlannerSettings = DEFAULT_PLANNER(),
  readFacts?: ReadFactsLookup,
  rewriteHooks?: RewriteHooks,
): CompileState {
  return {
    analyzed,
    factory: new HopFactory(readFacts),
    temps: new TempNames(),
    rules: optLevel === 0 ? [] : defaultRules().filter((r) => !disabled.includes(r.name)),
    computationHops: new Map(),
    fired: [],
    disabled,
    planner,
    notes: new Map(),
    marked: new Set(),
    inliner: optLevel === 0 || disabled.includes(INLINE_RULE) ? undefined : new FunctionInliner(analyzed),
    rewriteHooks,
  };
}

/** The DAG builder's environment: shapes, and the inliner (counted in `fired`). */
function buildEnv(state: CompileState, shapes: VarShapes, record = true): BuildEnv {
  return {
    analyzed: state.analyzed,
    factory: state.factory,
    shapes,
    inline: state.inliner,
    onInline: record ? () => state.fired.push(INLINE_RULE) : undefined,
  };
}

/** Rewrites one DAG; `site` is what the observer is told (none: not observed, e.g. branch folding). */
function rewrite(state: CompileState, roots: readonly Hop[], site?: RewriteSite): Hop[] {
  if (state.rules.length === 0) return [...roots];
  const hooks = state.rewriteHooks;
  const observe = hooks?.onRuleFired;
  const r = applyRewrites(roots, state.rules, { factory: state.factory }, undefined, {
    validate: hooks?.validate,
    onRuleFired: observe && site ? (rule, after) => observe(rule, after, site) : undefined,
  });
  state.fired.push(...r.fired);
  return r.roots;
}

/** Compiles a statement list (main program or function body) with `liveAtEnd` live at its end. */
export function compileStatements(
  state: CompileState,
  stmts: readonly Statement[],
  liveAtEnd: ReadonlySet<string>,
  entryShapes: VarShapes = new Map(),
): ProgramBlock[] {
  let blocks = buildBlocks(stmts);
  if (state.rules.length > 0 && !state.disabled.includes(BRANCH_RULE)) {
    // Entry shapes and constants of variables never assigned hold in every predicate.
    const stable = stableShapes(entryShapes, writtenIn(blocks));
    blocks = removeConstantBranches(blocks, (b) => foldPredicate(state, b.condition, stable), state.fired);
  }
  // After branch removal (which merges blocks), so the split parts stay apart. Calls that are
  // inlined give outputs of known size: no split after them.
  blocks = splitAfterDataDependentOps(blocks, (c) => {
    const t = resolveCall(state.analyzed, c);
    return t.kind === 'function' && !(state.inliner?.candidate(t.key) ?? false);
  });
  // Long runs of dependent statements: bounded DAG depth (the DAG walks recurse along it).
  blocks = splitDeepBlocks(blocks, callDepthOf(state));
  const live: LiveSets = new Map();
  analyzeLiveness(blocks, liveAtEnd, live);
  return compileBlocks(state, blocks, live, entryShapes);
}

/**
 * How deep a call's result sits above its arguments in the caller's DAG: 1 for builtins and calls
 * kept out of line, the body's depth (+1 for a coercion) for calls that may be inlined.
 */
function callDepthOf(state: CompileState): CallDepth {
  const memo = new Map<string, number>();
  const depth: CallDepth = (c) => {
    const t = resolveCall(state.analyzed, c);
    if (t.kind !== 'function' || !(state.inliner?.candidate(t.key) ?? false)) return 1;
    let d = memo.get(t.key);
    if (d === undefined) {
      memo.set(t.key, 1); // candidates are never recursive; this only guards the look-up
      const def = state.analyzed.functions.get(t.key)?.def;
      const body = def ? assignedDepths(def.body, depth) : new Map<string, number>();
      d = 1 + Math.max(1, ...(def?.outputs ?? []).map((o) => body.get(o.name) ?? 1));
      memo.set(t.key, d);
    }
    return d;
  };
  return depth;
}

function foldPredicate(state: CompileState, e: Expr, shapes: VarShapes = new Map()): Hop | undefined {
  const b = new DagBuilder(buildEnv(state, new Map(shapes), false));
  const h = b.expr(e);
  if (b.roots.length > 0) return undefined;
  const roots = rewrite({ ...state, fired: [] }, [h]);
  return roots[0];
}

function compileBlocks(
  state: CompileState,
  blocks: readonly StatementBlock[],
  live: LiveSets,
  shapes: VarShapes,
): ProgramBlock[] {
  return blocks.map((b) => compileBlock(state, b, live, shapes));
}

function forget(shapes: VarShapes, names: Iterable<string>): void {
  for (const n of names) shapes.delete(n);
}

function compileBlock(
  state: CompileState,
  b: StatementBlock,
  live: LiveSets,
  shapes: VarShapes,
): ProgramBlock {
  switch (b.kind) {
    case 'basic': {
      const builder = new DagBuilder(buildEnv(state, shapes));
      for (const s of b.stmts) builder.statement(s);
      const rewritten = rewrite(state, builder.finish(live.get(b) ?? new Set()), {
        kind: 'block',
        span: b.span,
      });
      const roots = annotateDag(rewritten, state.planner, state.notes).roots;
      // Sizes flow to later blocks of straight-line code.
      for (const [name, value] of builder.assigned()) {
        const written = roots.find((r) => r.kind === 'twrite' && r.name === name)?.inputs[0] ?? value;
        if (written.dataType === 'matrix' || written.dataType === 'frame')
          shapes.set(name, { dims: written.dims });
        else shapes.delete(name);
      }
      for (const r of roots) if (r.outputs) forget(shapes, r.outputs);
      const lowered = lowerDag(roots, state.temps);
      const block: ProgramBlock = {
        kind: 'basic',
        instructions: lowered.instructions,
        hops: { roots },
        span: b.span,
      };
      if (hasUnknownSizes(roots)) state.marked.add(block);
      return block;
    }
    case 'if': {
      const predicate = computation(state, b.condition, shapes);
      const thenShapes = new Map(shapes);
      const elseShapes = new Map(shapes);
      const then = compileBlocks(state, b.then, live, thenShapes);
      const els = compileBlocks(state, b.else, live, elseShapes);
      forget(shapes, writtenIn([...b.then, ...b.else]));
      return { kind: 'if', predicate, then, else: els, span: b.span };
    }
    case 'for': {
      const s = b.stmt;
      const it = s.iterable;
      const from = computation(state, it.from, shapes);
      const to = computation(state, it.to, shapes);
      const by = it.kind === 'seq' && it.by ? computation(state, it.by, shapes) : undefined;
      const written = writtenIn(b.body);
      written.add(s.variable.name);
      forget(shapes, written);
      const body = compileBlocks(state, b.body, live, new Map(shapes));
      const after = live.get(b) ?? new Set<string>();
      const resultVars = [...writtenIn(b.body)].filter((v) => after.has(v) && v !== s.variable.name).sort();
      const loop: ProgramBlock = {
        kind: 'for',
        variable: s.variable.name,
        from,
        to,
        by,
        isSeq: it.kind === 'seq',
        parfor: s.parallel ? withAccumulators(parforParams(s.params), s.body) : undefined,
        resultVars,
        body,
        span: s.span,
      };
      // SystemDS validates parfor at compile time: loop-carried dependencies are compile errors.
      if (loop.parfor?.check) checkParforDependencies(loop, new Set(loop.parfor.accumulators));
      return loop;
    }
    case 'while': {
      forget(shapes, writtenIn(b.body));
      const predicate = computation(state, b.condition, shapes);
      const body = compileBlocks(state, b.body, live, new Map(shapes));
      return { kind: 'while', predicate, body, span: b.span };
    }
  }
}

/** A predicate, loop bound or parameter default: its instructions and result operand. */
export function computation(state: CompileState, e: Expr, shapes: VarShapes): Computation {
  const builder = new DagBuilder(buildEnv(state, shapes));
  const value = builder.expr(e);
  const roots = annotateDag(
    rewrite(state, [...builder.roots, value], { kind: 'expression', span: e.span }),
    state.planner,
    state.notes,
  ).roots;
  const result = roots[roots.length - 1]!;
  const lowered = lowerDag(roots.slice(0, -1), state.temps, result);
  const c: Computation = { instructions: lowered.instructions, result: lowered.result!, span: e.span };
  state.computationHops.set(c, roots);
  return c;
}

function literalOf(a: Argument): string | number | boolean {
  const v = a.value;
  switch (v.kind) {
    case 'int':
    case 'double':
    case 'string':
    case 'boolean':
      return v.value;
    case 'id':
      return v.name;
    case 'unary':
      if (v.op === '-' && (v.operand.kind === 'int' || v.operand.kind === 'double')) return -v.operand.value;
      break;
    default:
      break;
  }
  return fail('DML3009', `parfor parameter '${a.name ?? '?'}' must be a constant`, a.span);
}

function parforParams(params: readonly Argument[]): ParforParams {
  const raw: Record<string, string | number | boolean> = {};
  for (const p of params) raw[p.name ?? ''] = literalOf(p);
  const check = raw.check;
  const par = raw.par;
  return {
    check: check === undefined ? true : check !== 0 && check !== false && check !== 'FALSE',
    par: typeof par === 'number' ? par : undefined,
    mode: typeof raw.mode === 'string' ? raw.mode : 'LOCAL',
    raw,
  };
}

/** Compiles a function's body again with known parameter dims at entry (inter-procedural analysis). */
export function recompileFunctionBody(
  state: CompileState,
  f: RuntimeFunction,
  entry: VarShapes,
): RuntimeFunction {
  const def = state.analyzed.functions.get(f.key)!.def;
  // A constant holds only for a parameter the body never assigns.
  let constantsOk = stableShapes(entry, writtenIn(buildBlocks(def.body)), true);
  if (state.disabled.includes(CONSTANTS_RULE)) constantsOk = withoutConstants(constantsOk);
  if (constantsOk.size === 0) return f;
  const body = compileStatements(state, def.body, new Set(def.outputs.map((o) => o.name)), constantsOk);
  // Counted once the body compiled (a compile error keeps the general body; see index.ts).
  if ([...constantsOk.values()].some((s) => s.value !== undefined)) state.fired.push(CONSTANTS_RULE);
  return { ...f, body };
}

export function compileFunctions(state: CompileState): Map<string, RuntimeFunction> {
  const out = new Map<string, RuntimeFunction>();
  const keys = [...state.analyzed.functions.keys()].sort();
  for (const key of keys) {
    const fn = state.analyzed.functions.get(key)!;
    const def = fn.def;
    if (def.external) fail('DML9001', `external function '${def.name}' is not supported yet`, def.span);
    const params: FunctionParam[] = def.params.map((p) => ({
      name: p.name,
      dataType: p.type.dataType,
      valueType: p.type.valueType,
      default: p.default ? computation(state, p.default, new Map()) : undefined,
    }));
    const outputs = def.outputs.map((o) => ({
      name: o.name,
      dataType: o.type.dataType,
      valueType: o.type.valueType,
    }));
    const body = compileStatements(state, def.body, new Set(def.outputs.map((o) => o.name)));
    out.set(key, { key, name: def.name, params, outputs, body, span: def.span as Span });
  }
  return out;
}
