/**
 * The optimizer: AnalyzedProgram -> statement blocks -> HOP DAGs (sizes, rewrites) -> the
 * RuntimeProgram of plan.ts, plus the `-explain hops` / `-explain runtime` printers.
 */
import type { AnalyzedProgram } from '../language/analysis/analyzed.js';
import { explainHopsText, explainRuntimeText } from './explain.js';
import type { Hop } from './hop.js';
import { writtenIn } from './liveness.js';
import { buildBlocks } from './blocks.js';
import type { Computation, RuntimeProgram } from './plan.js';
import { compileFunctions, compileStatements, newState } from './program.js';

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
}

export interface CompiledProgram {
  runtime: RuntimeProgram;
  /** HOPs of predicates, loop bounds and parameter defaults (basic blocks carry their own). */
  readonly computationHops: ReadonlyMap<Computation, readonly Hop[]>;
  /** Names of the rewrite rules that fired, in order. */
  readonly rewritesFired: readonly string[];
}

export function compileProgram(analyzed: AnalyzedProgram, options: OptimizerOptions = {}): CompiledProgram {
  const state = newState(analyzed, options.optLevel ?? 2, options.disableRules);
  const liveAtEnd = new Set(options.liveOut ?? writtenIn(buildBlocks(analyzed.main)));
  const functions = compileFunctions(state);
  const main = compileStatements(state, analyzed.main, liveAtEnd);
  return { runtime: { main, functions }, computationHops: state.computationHops, rewritesFired: state.fired };
}

export function explainHops(p: CompiledProgram): string {
  return explainHopsText(p);
}

export function explainRuntime(p: CompiledProgram): string {
  return explainRuntimeText(p);
}
