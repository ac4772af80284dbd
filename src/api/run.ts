/**
 * The whole pipeline in one call (text in, variables out), as the `dml` command uses it:
 * runScript, or compileScript + runCompiled to print the plan in between. Both are thin wrappers
 * over pipeline.ts, the one pipeline behind every entry point.
 */
import type { Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import type { TesseraConfig } from '../common/config.js';
import type { Value } from '../engine/data/values.js';
import type { RunStats } from '../engine/interpreter/stats.js';
import type { ExecBackend } from '../engine/backends/backend.js';
import {
  explainHops,
  explainRuntime,
  type CompiledProgram,
  type OptimizerOptions,
} from '../optimizer/index.js';
import type { MachineDescription } from '../optimizer/cost/machine.js';
import { compile, environment, execute, type CompiledScript, type RatesOption } from './pipeline.js';

export { DmlRunError } from './pipeline.js';

/** recompile_hops / recompile_runtime print the plan, then each block recompiled at run time. */
export type ExplainLevel = 'hops' | 'runtime' | 'recompile_hops' | 'recompile_runtime';

export interface RunOptions {
  /** Script text. */
  readonly text: string;
  /** File name used in diagnostics (and for resolving relative source() paths). */
  readonly file?: string;
  /** Named arguments (`-nvargs k=v`) and positional ones (keys "1", "2", ... for `-args`). */
  readonly args?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Working directory for relative file paths (read/write/source). Default: process.cwd(). */
  readonly cwd?: string;
  /** Confines every file the script reads, writes or sources to these directories (DML6006). */
  readonly allowedDirs?: readonly string[];
  /** 0 disables rewrites; 2 is the default optimizer. */
  readonly optLevel?: 0 | 2;
  /** Rewrite rules to skip, by name. */
  readonly disableRules?: readonly string[];
  /** Receives each printed line (default: process.stdout). */
  readonly print?: (line: string) => void;
  /** Collect per-operator statistics. */
  readonly stats?: boolean;
  /** Seed for rand/sample with seed=-1 (reproducible runs). */
  readonly seed?: number;
  /** Throwing from this between instructions cancels the run. */
  readonly checkCancelled?: () => void;
  /** Called before every iteration of a for/while loop (the CLI's progress line). */
  readonly onIteration?: (
    loop: { readonly kind: 'for' | 'while'; readonly span: Span },
    iteration: number,
  ) => void;
  /** Machine, memory budget, threads, modes, dynamicRecompilation (default: defaultConfig()). */
  readonly config?: TesseraConfig;
  /**
   * The planner's local rates where the configuration sets none: `'calibrated'` (the default,
   * `dml calibrate`'s cache when there is one), `'defaults'` (built-in figures), or rates given.
   */
  readonly measured?: RatesOption;
  /**
   * Backends registered for this run besides LOCAL (engine/backends): the planner may place ops
   * on them (with `gpu: 'on'`/`'force'` in the config for a GPU backend, as SystemDS's -gpu).
   */
  readonly backends?: readonly ExecBackend[];
  /** Directory of the stdlib's .dml files (default: the package's stdlib/). */
  readonly stdlibDir?: string;
  /** Print each block recompiled at run time, as HOPs or as instructions (through `print`). */
  readonly explainRecompile?: 'hops' | 'runtime';
  /** Observer of every rewrite firing at compile time (`-explain rewrites`). */
  readonly onRuleFired?: OptimizerOptions['onRuleFired'];
  /**
   * Hand the main program's variables back in the result (default true; the `dml` command says
   * false: it prints and writes, and collecting a distributed or spilled matrix costs).
   */
  readonly returnVariables?: boolean;
}

export interface RunResult {
  /** Variables of the main program when it ended. */
  readonly variables: ReadonlyMap<string, Value>;
  readonly stats?: RunStats;
  readonly compiled: CompiledProgram;
  /** Warnings from analysis. */
  readonly warnings: readonly Diagnostic[];
  /** The machine the plan was priced for (its rates from the config, `dml calibrate` or defaults). */
  readonly machine: MachineDescription;
}

function argMap(a: RunOptions['args']): ReadonlyMap<string, string> {
  if (a === undefined) return new Map();
  return a instanceof Map ? a : new Map(Object.entries(a));
}

/** Parses, analyzes and optimizes a script; throws DmlRunError with all diagnostics on failure. */
export function compileScript(opts: RunOptions): CompiledScript {
  const env = environment({
    ...(opts.config !== undefined ? { config: opts.config } : {}),
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
    ...(opts.allowedDirs !== undefined ? { allowedDirs: opts.allowedDirs } : {}),
    ...(opts.measured !== undefined ? { measured: opts.measured } : {}),
    ...(opts.backends !== undefined ? { backends: opts.backends } : {}),
    ...(opts.optLevel !== undefined ? { optLevel: opts.optLevel } : {}),
    ...(opts.disableRules !== undefined ? { disableRules: opts.disableRules } : {}),
    ...(opts.stdlibDir !== undefined ? { stdlibDir: opts.stdlibDir } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });
  return compile(env, {
    script: { text: opts.text, file: opts.file ?? '<inline>' },
    args: argMap(opts.args),
    ...(opts.onRuleFired ? { onRuleFired: opts.onRuleFired } : {}),
  });
}

export function explain(compiled: CompiledProgram, level: ExplainLevel): string {
  return level === 'hops' || level === 'recompile_hops' ? explainHops(compiled) : explainRuntime(compiled);
}

/** Compiles and runs a script. Throws DmlRunError for any error a user can cause. */
export function runScript(opts: RunOptions): RunResult {
  const c = compileScript(opts);
  return runCompiled(c, opts, c.compileMs);
}

/**
 * Runs an already compiled script (lets callers print the plan before running). The working
 * directory, configuration and backends are those compileScript was given; `opts` gives what
 * belongs to this run (print, stats, seed, cancellation, progress, explainRecompile).
 */
export function runCompiled(c: CompiledScript, opts: Omit<RunOptions, 'text'>, compileMs = 0): RunResult {
  const r = execute(c, {
    print: opts.print ?? ((line: string) => process.stdout.write(line + '\n')),
    compileMs,
    ...(opts.stats !== undefined ? { stats: opts.stats } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.checkCancelled ? { checkCancelled: opts.checkCancelled } : {}),
    ...(opts.onIteration ? { onIteration: opts.onIteration } : {}),
    ...(opts.explainRecompile ? { explainRecompile: opts.explainRecompile } : {}),
    ...(opts.returnVariables === false ? { returnVariables: false } : {}),
  });
  return {
    variables: r.variables,
    stats: r.stats,
    compiled: c.compiled,
    warnings: r.warnings,
    machine: c.machine,
  };
}
