/**
 * The whole pipeline in one call: DML text -> analysis -> optimizer -> interpreter.
 * Used by the `dml` command and by embedding applications.
 */
import { openFileAccess } from '../common/file-access.js';
import { readFactsThrough } from './read-facts.js';
import { DmlError, formatDiagnostics, type Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import { createBuiltinRegistry } from '../engine/builtins/index.js';
import type { Value } from '../engine/data/values.js';
import { Interpreter } from '../engine/interpreter/interpreter.js';
import { RunStats } from '../engine/interpreter/stats.js';
import { withEngineResources } from '../engine/bufferpool/runtime.js';
import { createKernelRegistry } from '../engine/kernels/local.js';
import { compileSource } from '../language/index.js';
import { compileProgram, explainHops, explainRuntime, type CompiledProgram } from '../optimizer/index.js';
import type { TesseraConfig } from '../common/config.js';
import { Devices, plannerView } from '../engine/backends/devices.js';
import type { ExecBackend } from '../engine/backends/backend.js';
import type { MeasuredRates } from '../optimizer/cost/machine.js';
import type { OptimizerOptions } from '../optimizer/index.js';
import { createRecompiler } from '../optimizer/index.js';
import { blockHeader, explainDagText, explainInstructionsText } from '../optimizer/explain.js';

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
  /** 0 disables rewrites; 2 is the default optimizer. */
  readonly optLevel?: 0 | 2;
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
  /** Machine, memory budget, threads, modes (default: defaultConfig()). */
  readonly config?: TesseraConfig;
  /** Rates measured by `dml calibrate`; configured values win. */
  readonly measured?: MeasuredRates;
  /**
   * Backends registered for this run besides LOCAL (engine/backends): the planner may place ops
   * on them (with `gpu: 'on'`/`'force'` in the config for a GPU backend, as SystemDS's -gpu).
   */
  readonly backends?: readonly ExecBackend[];
  /** Print each block recompiled at run time, as HOPs or as instructions (through `print`). */
  readonly explainRecompile?: 'hops' | 'runtime';
  /** Observer of every rewrite firing at compile time (`-explain rewrites`). */
  readonly onRuleFired?: OptimizerOptions['onRuleFired'];
}

export interface RunResult {
  /** Variables of the main program when it ended. */
  readonly variables: ReadonlyMap<string, Value>;
  readonly stats?: RunStats;
  readonly compiled: CompiledProgram;
  /** Warnings from analysis. */
  readonly warnings: readonly Diagnostic[];
}

/** A failed compile or run, with everything needed to print good errors. */
export class DmlRunError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    readonly sources: ReadonlyMap<string, string>,
  ) {
    super(formatDiagnostics(diagnostics, sources));
    this.name = 'DmlRunError';
  }
}

function argMap(a: RunOptions['args']): ReadonlyMap<string, string> {
  if (a === undefined) return new Map();
  return a instanceof Map ? a : new Map(Object.entries(a));
}

/** Parses, analyzes and optimizes a script; throws DmlRunError with all diagnostics on failure. */
export function compileScript(opts: RunOptions): {
  compiled: CompiledProgram;
  warnings: Diagnostic[];
  sources: ReadonlyMap<string, string>;
} {
  const file = opts.file ?? '<inline>';
  const files = openFileAccess(opts.cwd ?? process.cwd());
  const analyzed = compileSource(opts.text, file, { args: argMap(opts.args), cwd: files.cwd, files });
  const errors = analyzed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new DmlRunError(errors, analyzed.sources);
  try {
    const compiled = compileProgram(analyzed, {
      optLevel: opts.optLevel ?? 2,
      config: opts.config,
      measured: opts.measured,
      backends: plannerView(opts.backends ?? []),
      readFacts: readFactsThrough(files),
      onRuleFired: opts.onRuleFired,
    });
    return {
      compiled,
      warnings: analyzed.diagnostics.filter((d) => d.severity !== 'error'),
      sources: analyzed.sources,
    };
  } catch (e) {
    if (e instanceof DmlError) throw new DmlRunError(e.diagnostics, analyzed.sources);
    throw e;
  }
}

export function explain(compiled: CompiledProgram, level: ExplainLevel): string {
  return level === 'hops' || level === 'recompile_hops' ? explainHops(compiled) : explainRuntime(compiled);
}

/** Compiles and runs a script. Throws DmlRunError for any error a user can cause. */
export function runScript(opts: RunOptions): RunResult {
  const t0 = performance.now();
  const c = compileScript(opts);
  return runCompiled(c, opts, performance.now() - t0);
}

/** Runs an already compiled script (lets callers print the plan before running). */
export function runCompiled(
  { compiled, warnings, sources }: ReturnType<typeof compileScript>,
  opts: Omit<RunOptions, 'text'>,
  compileMs = 0,
): RunResult {
  const files = openFileAccess(opts.cwd ?? process.cwd());
  const stats = opts.stats ? new RunStats() : undefined;
  if (stats) stats.compileMs = compileMs;
  const print = opts.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const recompiler = createRecompiler(compiled, (block, r, ms) => {
    if (stats) {
      stats.recompilations++;
      stats.recompileMs += ms;
    }
    if (opts.explainRecompile === 'hops')
      print(explainDagText(blockHeader('RECOMPILED GENERIC', block.span), r.roots, r.notes).trimEnd());
    else if (opts.explainRecompile === 'runtime')
      print(explainInstructionsText(blockHeader('RECOMPILED GENERIC', block.span), r.instructions).trimEnd());
  });
  const devices = new Devices(opts.backends ?? []);
  const interp = new Interpreter(compiled.runtime, {
    builtins: createBuiltinRegistry(),
    kernels: createKernelRegistry(),
    print,
    files,
    devices,
    stats,
    seed: opts.seed,
    checkCancelled: opts.checkCancelled,
    ...(opts.onIteration ? { onIteration: opts.onIteration } : {}),
    threads: opts.config?.threads,
    recompile:
      opts.config?.dynamicRecompilation === false
        ? undefined
        : (block, live) => recompiler.instructionsFor(block, live),
  });
  try {
    // Buffer pool and threads for this run; spill files are deleted when it ends, also on error.
    return withEngineResources(
      opts.config,
      () => {
        const globals = interp.run();
        const variables = new Map<string, Value>();
        for (const n of globals.names()) variables.set(n, globals.get(n)!);
        return { variables, stats, compiled, warnings };
      },
      (s) => {
        if (stats) stats.engine = s;
      },
    );
  } catch (e) {
    if (e instanceof DmlError) throw new DmlRunError(e.diagnostics, sources);
    throw e;
  } finally {
    if (stats) stats.devices = devices.stats();
    devices.releaseAll();
  }
}
