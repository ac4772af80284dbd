/**
 * The optimizer: AnalyzedProgram -> statement blocks -> HOP DAGs (sizes, rewrites) -> the
 * RuntimeProgram of plan.ts, plus the `-explain hops` / `-explain runtime` printers.
 */
import type { AnalyzedProgram } from '../language/analysis/analyzed.js';
import { explainHopsText, explainRuntimeText } from './explain.js';
import type { Hop, ReadFactsLookup } from './hop.js';
import { defaultConfig, type TesseraConfig } from '../common/config.js';
import { DmlError } from '../common/diagnostics.js';
import {
  capabilitiesOf,
  machineFrom,
  type BackendCapability,
  type MeasuredRates,
  type PlannerSettings,
} from './cost/machine.js';
import { BlockRecompiler, type RecompileContext, type RecompileListener } from './recompile/index.js';
import { reachableFunctions } from './recompile/reachable.js';
import { writtenIn } from './liveness.js';
import { buildBlocks } from './blocks.js';
import type { Computation, ProgramBlock, RuntimeFunction, RuntimeProgram } from './plan.js';
import {
  compileFunctions,
  compileStatements,
  newState,
  recompileFunctionBody,
  type CompileState,
  type RewriteSite,
} from './program.js';
import { CallSites, ipaOrder } from './recompile/ipa.js';

export interface OptimizerOptions {
  /** 0: no rewrites (no folding, no CSE, no branch removal); 2: default. */
  optLevel?: 0 | 2;
  /**
   * Variables live at the end of the main program. Default: every variable main assigns, so an
   * embedding application can read them after the run.
   */
  liveOut?: readonly string[];
  /** Rewrite rules to skip, by name (e.g. 'constant-folding', 'common-subexpression-elimination', 'remove-constant-branches'). */
  disableRules?: readonly string[];
  /** Machine, memory, modes (default: defaultConfig()). */
  config?: TesseraConfig;
  /** Rates measured by `dml calibrate`; configured rates win. */
  measured?: MeasuredRates;
  /**
   * The backends registered for the run besides LOCAL (what they run, how to price them): the
   * planner chooses among these and nothing else. Default: none, everything runs LOCAL.
   */
  backends?: readonly BackendCapability[];
  /**
   * Keep functions the program never calls (default false: they are dropped, unless a by-name
   * call such as eval() could reach them). Embeddings that call functions by name set it.
   */
  keepUnusedFunctions?: boolean;
  /**
   * Compile-time `.mtd` look-up for read() with a literal file name, through the run's file
   * access (working dir, confinement). Absent: the sizes of reads are unknown until run time.
   */
  readFacts?: ReadFactsLookup;
  /**
   * Check after every rewrite firing that the rewritten HOP keeps its data type, value type and
   * known dims and that the DAG stays well-formed; a violation is an internal error (DML5999)
   * naming the rule. Default: on under vitest or with TESSERA_VALIDATE_REWRITES=1, else off (no cost).
   */
  validateRewrites?: boolean;
  /**
   * Called after every rewrite rule that fired at compile time, with the roots of the DAG it fired
   * in as they are right after it (before exec types are chosen) and that DAG's block or
   * expression (`-explain rewrites`).
   */
  onRuleFired?: (ruleName: string, dagRootsAfter: readonly Hop[], site: RewriteSite) => void;
}

export interface CompiledProgram {
  runtime: RuntimeProgram;
  /** HOPs of predicates, loop bounds and parameter defaults (basic blocks carry their own). */
  readonly computationHops: ReadonlyMap<Computation, readonly Hop[]>;
  /** Names of the rewrite rules that fired, in order. */
  readonly rewritesFired: readonly string[];
  /** Warnings about single HOPs (e.g. over the memory budget), shown by explain. */
  readonly notes: ReadonlyMap<Hop, string>;
  /** Basic blocks recompiled at run time with real sizes (they have unknown sizes at compile time). */
  readonly marked: ReadonlySet<ProgramBlock>;
  /** What recompilation needs (rules, planner, HOP factory, temporary names). */
  readonly recompileContext: RecompileContext;
}

/**
 * Inter-procedural size propagation (optLevel 2; not for embeddings that call functions by name):
 * callers first, a function whose call sites all pass the same known dims for a matrix parameter
 * is compiled again with them (its rewrites then count twice in rewritesFired).
 */
function interProcedural(
  state: CompileState,
  analyzed: AnalyzedProgram,
  main: readonly ProgramBlock[],
  functions: Map<string, RuntimeFunction>,
  options: OptimizerOptions,
): Map<string, RuntimeFunction> {
  if ((options.optLevel ?? 2) === 0 || options.keepUnusedFunctions) return functions;
  const { order, eligible } = ipaOrder(analyzed);
  const sites = new CallSites(state.computationHops);
  sites.addBlocks(main);
  const out = new Map(functions);
  for (const key of order) {
    let f = functions.get(key);
    if (!f) continue;
    const entry = eligible.has(key) ? sites.shapesFor(key, f.params) : new Map();
    if (entry.size > 0) {
      // A size error found only with the call-site sizes may sit on a path the function's own
      // checks (stop()) never let run: keep the general body, which reports it at run time.
      try {
        f = recompileFunctionBody(state, f, entry);
        out.set(key, f);
      } catch (e) {
        if (!(e instanceof DmlError)) throw e;
      }
    }
    sites.addFunction(f);
  }
  return out;
}

export function plannerSettings(options: OptimizerOptions): PlannerSettings {
  const config = options.config ?? defaultConfig();
  const backends = options.backends ?? [];
  return {
    machine: machineFrom(config, options.measured, backends),
    execMode: config.execMode,
    gpuMode: config.gpuMode,
    ...capabilitiesOf(backends),
  };
}

/** The interpreter's recompilation hook for a compiled program. */
export function createRecompiler(p: CompiledProgram, listener?: RecompileListener): BlockRecompiler {
  return new BlockRecompiler(p.marked, p.recompileContext, listener);
}

export function compileProgram(analyzed: AnalyzedProgram, options: OptimizerOptions = {}): CompiledProgram {
  const state = newState(
    analyzed,
    options.optLevel ?? 2,
    options.disableRules,
    plannerSettings(options),
    options.readFacts,
    { validate: options.validateRewrites, onRuleFired: options.onRuleFired },
  );
  const liveAtEnd = new Set(options.liveOut ?? writtenIn(buildBlocks(analyzed.main)));
  const compiledFunctions = compileFunctions(state);
  const main = compileStatements(state, analyzed.main, liveAtEnd);
  const functions = interProcedural(state, analyzed, main, compiledFunctions, options);
  return {
    runtime: {
      main,
      functions: options.keepUnusedFunctions ? functions : reachableFunctions(main, functions),
    },
    computationHops: state.computationHops,
    rewritesFired: state.fired,
    notes: state.notes,
    marked: state.marked,
    recompileContext: {
      factory: state.factory,
      temps: state.temps,
      rules: state.rules,
      planner: state.planner,
    },
  };
}

export type { RewriteSite };

export function explainHops(p: CompiledProgram): string {
  return explainHopsText(p);
}

export function explainRuntime(p: CompiledProgram): string {
  return explainRuntimeText(p);
}
